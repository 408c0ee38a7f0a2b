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
import { TRIGGER_TYPES, type RuleDocument } from '@lealtad/rules-schema';
import { api } from '../../shared/api';
import type { Page } from '../../shared/api';
import { errorMessage } from '../../shared/errors';
import { usePageTitle } from '../../shared/hooks';
import { useLocale } from '../../shared/i18n';
import { Alert } from '../../shared/ui/Alert';
import { LoadingBlock } from '../../shared/ui/FullPage';
import { Icon } from '../../shared/ui/Icon';
import { cx } from '../../shared/ui/cx';
import { PageHeader } from '../../ListParts';
import type { RuleSummary } from './rulesApi';
import { useRulesT } from './rulesText';
import './rules.css';

interface LiveRule {
  summary: RuleSummary;
  definition: RuleDocument;
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
  const triggers = TRIGGER_TYPES.filter((type) =>
    rules.some((rule) => rule.definition.trigger.type === type),
  );
  triggers.forEach((type, column) => {
    const x = column * COLUMN;
    const head = `trigger:${type}`;
    nodes.push({
      id: head,
      type: 'map',
      position: { x, y: 0 },
      data: { kind: 'trigger', title: t(`trigger.${type}`) },
    });
    const inColumn = rules.filter((rule) => rule.definition.trigger.type === type);
    const groups = [
      ...new Set(inColumn.map((rule) => rule.definition.stacking.group ?? '')),
    ].sort();
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
        .filter((rule) => (rule.definition.stacking.group ?? '') === group)
        .sort((a, b) => b.definition.stacking.priority - a.definition.stacking.priority);
      for (const rule of members) {
        const id = `rule:${rule.summary.id}`;
        nodes.push({
          id,
          type: 'map',
          position: { x, y: row++ * ROW },
          data: {
            kind: 'rule',
            title: rule.summary.name,
            text: group
              ? t('map.priority', { priority: rule.definition.stacking.priority })
              : t('map.stacks'),
            ruleId: rule.summary.id,
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
    const load = async () => {
      const page = await api.get<Page<RuleSummary>>(
        '/api/rules',
        { state: 'published', pageSize: 100 },
        controller.signal,
      );
      return Promise.all(
        page.items.map(async (summary) => {
          const version = await api.get<{ definition: RuleDocument }>(
            `/api/rules/${summary.id}/versions/${summary.liveVersion ?? 0}`,
            undefined,
            controller.signal,
          );
          return { summary, definition: version.definition };
        }),
      );
    };
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
