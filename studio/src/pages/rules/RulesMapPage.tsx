import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Background, Controls, Handle, Position, ReactFlow, type NodeProps } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
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
import { mapOf, type LiveRule, type MapNode } from './rulesMap';
import './rules.css';

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
