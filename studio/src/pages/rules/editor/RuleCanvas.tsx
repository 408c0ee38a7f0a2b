import { useEffect, useMemo } from 'react';
import type { DragEvent } from 'react';
import {
  Background,
  Controls,
  Handle,
  Position,
  ReactFlow,
  useReactFlow,
  type Connection,
  type Edge,
  type Node,
  type NodeProps,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { RuleIssue } from '@lealtad/rules-schema';
import { useLocale } from '../../../shared/i18n';
import { cx } from '../../../shared/ui/cx';
import { useRulesT } from '../rulesText';
import { NODE_WIDTH, nodeForIssue, ruleGraph, type RuleNode, type RuleNodeKind } from './graph';
import { nodeWords } from './nodeWords';
import { addPart, moveCondition, PART_MIME, partOf, removeNode } from './parts';
import { useRuleEditor, type LeafPaint } from './store';
import type { AudienceCheck } from '../rulesApi';

interface RuleNodeData extends Record<string, unknown> {
  kind: RuleNodeKind;
  title: string;
  text: string;
  issues: RuleIssue[];
  paint?: LeafPaint;
  audience?: AudienceCheck[];
  /** Whether the trace found the rule out of its validity window (painted on the trigger). */
  outOfWindow?: boolean;
  /** The compared versions differ here. */
  changed: boolean;
}

type FlowNode = Node<RuleNodeData, 'rule'>;

/** One node: its kind as a coloured heading, the rule's words, its problems and its trace. */
function RuleNodeView({ data, selected }: NodeProps<FlowNode>) {
  const t = useRulesT();
  const { kind, paint, issues, audience } = data;
  const errors = issues.filter((issue) => issue.severity === 'error');
  const { locale } = useLocale();
  const failedAudience = audience?.some((check) => !check.passed);
  const state = paint?.result ?? (audience ? (failedAudience ? 'failed' : 'passed') : undefined);
  return (
    <div
      className={cx(
        'rule-node',
        `rule-node--${kind}`,
        selected && 'rule-node--selected',
        errors.length > 0 && 'rule-node--invalid',
        state && `rule-node--${state}`,
        data.outOfWindow && 'rule-node--failed',
        data.changed && 'rule-node--changed',
      )}
      data-testid={`nodo-${kind}`}
    >
      {kind !== 'trigger' && <Handle type="target" position={Position.Top} id="top" />}
      {(kind === 'condition' || kind === 'group') && (
        <Handle type="target" position={Position.Left} id="left" />
      )}
      <p className="rule-node__kind">
        {data.title}
        {data.changed && <span className="rule-node__changed">{t('diff.changedHere')}</span>}
      </p>
      <p className="rule-node__text">{data.text}</p>
      {paint && (
        <p className="rule-node__trace">
          {t(`trace.${paint.result}`)} · {t('trace.actual', { value: paint.actual })}
        </p>
      )}
      {audience?.map((check) => (
        <p
          key={check.field}
          className={cx('rule-node__trace', !check.passed && 'rule-node__trace--failed')}
        >
          {t(`audience.${check.field}`)}: {check.passed ? t('trace.passed') : t('trace.failed')} ·{' '}
          {t('trace.actual', {
            value: Array.isArray(check.actual)
              ? check.actual.join(', ') || '—'
              : (check.actual ?? '—'),
          })}
        </p>
      ))}
      {data.outOfWindow && <p className="rule-node__trace">{t('trace.outOfWindow')}</p>}
      {errors.length > 0 && (
        <p className="rule-node__issue" role="note">
          {errors[0]?.message[locale]}
          {errors.length > 1 && ` (+${errors.length - 1})`}
        </p>
      )}
      {kind !== 'budget' && <Handle type="source" position={Position.Bottom} id="bottom" />}
      {kind === 'group' && <Handle type="source" position={Position.Right} id="right" />}
    </div>
  );
}

const nodeTypes = { rule: RuleNodeView };

/** The rule as a graph. Positions come from the layout; structure changes go to the store. */
export function RuleCanvas({ issues }: { issues: RuleIssue[] }) {
  const t = useRulesT();
  const { locale } = useLocale();
  const rule = useRuleEditor((state) => state.rule);
  const selected = useRuleEditor((state) => state.selected);
  const trace = useRuleEditor((state) => state.trace);
  const changed = useRuleEditor((state) => state.changed);
  const edit = useRuleEditor((state) => state.edit);
  const select = useRuleEditor((state) => state.select);
  const flow = useReactFlow();

  const graph = useMemo(() => (rule ? ruleGraph(rule) : { nodes: [], edges: [] }), [rule]);
  // A node added or removed changes the drawing's extent: frame it again.
  const count = graph.nodes.length;
  useEffect(() => {
    const frame = requestAnimationFrame(
      () => void flow.fitView({ padding: 0.15, maxZoom: 1, duration: 150 }),
    );
    return () => cancelAnimationFrame(frame);
  }, [count, flow]);

  const nodes = useMemo((): FlowNode[] => {
    if (!rule) return [];
    const byNode = new Map<string, RuleIssue[]>();
    for (const issue of issues) {
      const id = nodeForIssue(issue, graph.nodes);
      if (id) byNode.set(id, [...(byNode.get(id) ?? []), issue]);
    }
    return graph.nodes.map((node: RuleNode) => {
      const words = nodeWords(rule, node, t, locale);
      return {
        id: node.id,
        type: 'rule',
        position: { x: node.x, y: node.y },
        selected: node.id === selected,
        width: NODE_WIDTH,
        data: {
          kind: node.kind,
          title: words.title,
          text: words.text,
          issues: byNode.get(node.id) ?? [],
          paint: trace?.leaves[node.id],
          changed: changed.includes(node.id),
          ...(node.kind === 'audience' && trace && trace.audience.length > 0
            ? { audience: trace.audience }
            : {}),
          ...(node.kind === 'trigger' && trace?.inForce === false ? { outOfWindow: true } : {}),
        },
      };
    });
  }, [rule, graph, issues, selected, trace, changed, t, locale]);

  const edges = useMemo(
    (): Edge[] =>
      graph.edges.map((edge) => ({
        id: edge.id,
        source: edge.source,
        target: edge.target,
        sourceHandle: edge.side,
        targetHandle: edge.side === 'right' ? 'left' : 'top',
        type: edge.side === 'right' ? 'smoothstep' : 'default',
        className: cx(
          'rule-edge',
          trace?.leaves[edge.target] && `rule-edge--${trace.leaves[edge.target]?.result}`,
        ),
      })),
    [graph, trace],
  );

  const connect = (connection: Connection) => {
    const from = graph.nodes.find((node) => node.id === connection.source);
    const to = graph.nodes.find((node) => node.id === connection.target);
    if (!from || !to || from.kind !== 'group') return;
    if (to.kind !== 'condition' && to.kind !== 'group') return;
    edit((draft) => moveCondition(draft, to.path, from.path));
  };

  const drop = (event: DragEvent) => {
    const part = partOf(event.dataTransfer.getData(PART_MIME));
    if (!part || !rule) return;
    event.preventDefault();
    const point = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
    // Dropped on a group: the new condition goes into that group.
    const group = graph.nodes.find(
      (node) =>
        node.kind === 'group' &&
        point.x >= node.x &&
        point.x <= node.x + NODE_WIDTH &&
        point.y >= node.y &&
        point.y <= node.y + 100,
    );
    let added: string | null = null;
    edit((draft) => {
      added = addPart(draft, part, group?.path ?? ['conditions']);
    });
    if (added) select(added);
  };

  return (
    <div
      className="rule-canvas"
      onDragOver={(event) => {
        if (event.dataTransfer.types.includes(PART_MIME)) {
          event.preventDefault();
          event.dataTransfer.dropEffect = 'copy';
        }
      }}
      onDrop={drop}
    >
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        nodesDraggable={false}
        nodesConnectable
        elementsSelectable
        deleteKeyCode={['Backspace', 'Delete']}
        onNodeClick={(_, node) => select(node.id)}
        onPaneClick={() => select(null)}
        onConnect={connect}
        onNodesDelete={([deleted]) => {
          // One node is selected at a time; its path is only right before the first change.
          const found = graph.nodes.find((candidate) => candidate.id === deleted?.id);
          if (found) edit((draft) => removeNode(draft, found), null);
        }}
        fitView
        fitViewOptions={{ padding: 0.15, maxZoom: 1 }}
        minZoom={0.3}
        maxZoom={1.5}
        proOptions={{ hideAttribution: true }}
        aria-label={t('canvas.label')}
      >
        <Background gap={20} size={1} />
        <Controls position="bottom-right" showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
