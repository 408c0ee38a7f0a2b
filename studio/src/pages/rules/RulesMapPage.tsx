import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import {
  Background,
  Controls,
  Handle,
  Position,
  ReactFlow,
  type Edge,
  type Node,
  type NodeProps,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { TRIGGER_TYPES, type Stacking, type TriggerType } from '@lealtad/rules-schema';
import { api } from '../../shared/api';
import { errorMessage } from '../../shared/errors';
import { usePageTitle } from '../../shared/hooks';
import { useLocale } from '../../shared/i18n';
import { Alert } from '../../shared/ui/Alert';
import { LoadingBlock } from '../../shared/ui/FullPage';
import { Icon } from '../../shared/ui/Icon';
import { cx } from '../../shared/ui/cx';
import { PageHeader } from '../../ListParts';
import { useRulesT } from './rulesText';
import './rules.css';

/** A live rule as `/api/rules/live` answers it: enough to place it on the map. */
interface LiveRule {
  id: number;
  name: string;
  trigger: TriggerType;
  stacking: Stacking;
}

interface MapNodeData extends Record<string, unknown> {
  kind: 'trigger' | 'group' | 'rule';
  title: string;
  text?: string;
  ruleId?: number;
}

type MapNode = Node<MapNodeData, 'map'>;

function MapNodeView({ data }: NodeProps<MapNode>) {
  return (
    <div className={cx('rule-map-node', `rule-map-node--${data.kind}`)}>
      {data.kind !== 'trigger' && <Handle type="target" position={Position.Top} />}
      <p className="rule-map-node__title">{data.title}</p>
      {data.text && <p className="rule-map-node__text">{data.text}</p>}
      <Handle type="source" position={Position.Bottom} />
    </div>
  );
}

const nodeTypes = { map: MapNodeView };
const COLUMN = 300;
const ROW = 110;

/** Live rules by trigger, then by exclusive group in priority order; rules that add up first. */
function mapOf(rules: LiveRule[], t: ReturnType<typeof useRulesT>) {
  const nodes: MapNode[] = [];
  const edges: Edge[] = [];
  const triggers = TRIGGER_TYPES.filter((type) => rules.some((rule) => rule.trigger === type));
  triggers.forEach((type, column) => {
    const x = column * COLUMN;
    const head = `trigger:${type}`;
    nodes.push({
      id: head,
      type: 'map',
      position: { x, y: 0 },
      data: { kind: 'trigger', title: t(`trigger.${type}`) },
    });
    const inColumn = rules.filter((rule) => rule.trigger === type);
    const groups = [...new Set(inColumn.map((rule) => rule.stacking.group ?? ''))].sort();
    let row = 1;
    for (const group of groups) {
      let previous = head;
      if (group) {
        const id = `group:${type}:${group}`;
        nodes.push({
          id,
          type: 'map',
          position: { x, y: row++ * ROW },
          data: { kind: 'group', title: t('map.group', { group }), text: t('map.groupHint') },
        });
        edges.push({ id: `${head}->${id}`, source: head, target: id });
        previous = id;
      }
      const members = inColumn
        .filter((rule) => (rule.stacking.group ?? '') === group)
        .sort((a, b) => b.stacking.priority - a.stacking.priority);
      for (const rule of members) {
        const id = `rule:${rule.id}`;
        nodes.push({
          id,
          type: 'map',
          position: { x, y: row++ * ROW },
          data: {
            kind: 'rule',
            title: rule.name,
            text: group ? t('map.priority', { priority: rule.stacking.priority }) : t('map.stacks'),
            ruleId: rule.id,
          },
        });
        // Inside an exclusive group the chain reads in priority order; others hang from the trigger.
        edges.push({ id: `${previous}->${id}`, source: previous, target: id });
        if (group) previous = id;
      }
    }
  });
  return { nodes, edges };
}

/** Every live rule on one map; a click opens the rule. */
export function RulesMapPage() {
  const t = useRulesT();
  const { locale } = useLocale();
  const navigate = useNavigate();
  const [rules, setRules] = useState<LiveRule[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  usePageTitle(t('map.title'));

  useEffect(() => {
    const controller = new AbortController();
    const load = async () =>
      (await api.get<{ items: LiveRule[] }>('/api/rules/live', undefined, controller.signal)).items;
    load().then(setRules, (err: unknown) => {
      if (!controller.signal.aborted) setError(errorMessage(err, locale));
    });
    return () => controller.abort();
  }, [locale]);

  const map = useMemo(() => (rules ? mapOf(rules, t) : null), [rules, t]);

  return (
    <section className="page">
      <PageHeader title={t('map.title')} subtitle={t('map.subtitle')}>
        <Link className="btn btn--secondary" to="/rules">
          <Icon name="arrowLeft" />
          {t('map.back')}
        </Link>
      </PageHeader>
      {error && <Alert tone="error">{error}</Alert>}
      {!map && !error && <LoadingBlock />}
      {map && (
        <div className="rule-map" aria-label={t('map.title')}>
          <ReactFlow
            nodes={map.nodes}
            edges={map.edges}
            nodeTypes={nodeTypes}
            nodesDraggable={false}
            nodesConnectable={false}
            onNodeClick={(_, node) => {
              if (node.data.ruleId !== undefined) void navigate(`/rules/${node.data.ruleId}`);
            }}
            fitView
            fitViewOptions={{ padding: 0.15, maxZoom: 1 }}
            // A thousand live rules are a thousand nodes: draw only those in view.
            onlyRenderVisibleElements
            minZoom={0.1}
            proOptions={{ hideAttribution: true }}
          >
            <Background gap={20} size={1} />
            <Controls position="bottom-right" showInteractive={false} />
          </ReactFlow>
        </div>
      )}
    </section>
  );
}
