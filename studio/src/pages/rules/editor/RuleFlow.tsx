import { useEffect, useMemo } from 'react';
import {
  Background,
  Controls,
  Handle,
  Position,
  ReactFlow,
  useReactFlow,
  useStore,
  type Edge,
  type Node,
  type NodeProps,
  type ReactFlowProps,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { AUDIENCE_FACTS, type RuleDocument, type RuleIssue } from '@lealtad/rules-schema';
import { useLocale } from '../../../shared/i18n';
import { cx } from '../../../shared/ui/cx';
import type { AudienceCheck } from '../rulesApi';
import { useRulesT } from '../rulesText';
import { NODE_WIDTH, type RuleEdge, type RuleNode, type RuleNodeKind } from './graph';
import { nodeWords } from './nodeWords';
import { useRuleChoices, valueNamesOf } from './ruleChoices';
import type { LeafPaint } from './store';

/** How a compared version differs at a node. */
export type NodeDiff = 'changed' | 'added' | 'removed';

/** What a canvas paints on a node besides the rule's own words. */
export interface NodeMarks {
  issues?: RuleIssue[];
  paint?: LeafPaint;
  audience?: AudienceCheck[];
  /** Whether the trace found the rule out of its validity window (painted on the trigger). */
  outOfWindow?: boolean;
  diff?: NodeDiff;
}

interface RuleNodeData extends NodeMarks, Record<string, unknown> {
  kind: RuleNodeKind;
  title: string;
  text: string;
}

export type RuleFlowNode = Node<RuleNodeData, 'rule'>;

/** The words on a node (and in the legend) for each kind of difference. */
export const diffLabel = {
  changed: 'diff.changedHere',
  added: 'diff.addedHere',
  removed: 'diff.removedHere',
} as const;

/** One node: its kind as a coloured heading, the rule's words, its problems and its trace. */
function RuleNodeView({ data, selected }: NodeProps<RuleFlowNode>) {
  const t = useRulesT();
  const { kind, paint, audience, diff } = data;
  const errors = (data.issues ?? []).filter((issue) => issue.severity === 'error');
  const { locale } = useLocale();
  const failedAudience = audience?.some((check) => !check.passed);
  // The customer's actual zone or type by its name, as the audience node names them.
  const names = valueNamesOf(useRuleChoices());
  const named = (check: AudienceCheck, code: string) =>
    names?.(AUDIENCE_FACTS[check.field], code) ?? code;
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
        diff && `rule-node--${diff}`,
      )}
      data-testid={`nodo-${kind}`}
    >
      {kind !== 'trigger' && <Handle type="target" position={Position.Top} id="top" />}
      {(kind === 'condition' || kind === 'group') && (
        <Handle type="target" position={Position.Left} id="left" />
      )}
      <p className="rule-node__kind">
        {data.title}
        {diff && (
          <span className={cx('rule-node__diff', `rule-node__diff--${diff}`)}>
            {t(diffLabel[diff])}
          </span>
        )}
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
              ? check.actual.map((code) => named(check, code)).join(', ') || '—'
              : check.actual === null
                ? '—'
                : named(check, check.actual),
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

type RuleFlowProps = Omit<ReactFlowProps<RuleFlowNode, Edge>, 'nodes' | 'edges' | 'nodeTypes'> & {
  rule: RuleDocument;
  graph: { nodes: RuleNode[]; edges: RuleEdge[] };
  /** By node id. */
  marks: Readonly<Record<string, NodeMarks>>;
  selected?: string | null;
  /** Nodes to bring into view, e.g. where a picked change is. */
  framed?: readonly string[];
};

/**
 * A rule's graph drawn with React Flow, read-only unless the caller passes the editing handlers.
 * Needs a ReactFlowProvider around it.
 */
export function RuleFlow({
  rule,
  graph,
  marks,
  selected = null,
  framed,
  ...flowProps
}: RuleFlowProps) {
  const t = useRulesT();
  const { locale } = useLocale();
  const flow = useReactFlow();
  const choices = useRuleChoices();
  const names = useMemo(() => valueNamesOf(choices), [choices]);

  // A node added or removed changes the drawing's extent, a resized window the room it has:
  // frame it again.
  const count = graph.nodes.length;
  const room = useStore((state) => `${Math.round(state.width)}x${Math.round(state.height)}`);
  useEffect(() => {
    const frame = requestAnimationFrame(
      () => void flow.fitView({ padding: 0.15, maxZoom: 1, duration: 150 }),
    );
    return () => cancelAnimationFrame(frame);
  }, [count, room, flow]);
  useEffect(() => {
    if (!framed || framed.length === 0) return;
    const frame = requestAnimationFrame(
      () =>
        void flow.fitView({
          nodes: framed.map((id) => ({ id })),
          padding: 0.6,
          maxZoom: 1,
          duration: 250,
        }),
    );
    return () => cancelAnimationFrame(frame);
  }, [framed, flow]);

  const nodes = useMemo(
    (): RuleFlowNode[] =>
      graph.nodes.map((node) => {
        const words = nodeWords(rule, node, t, locale, names);
        return {
          id: node.id,
          type: 'rule',
          position: { x: node.x, y: node.y },
          selected: node.id === selected,
          width: NODE_WIDTH,
          data: { kind: node.kind, title: words.title, text: words.text, ...marks[node.id] },
        };
      }),
    [rule, graph, marks, selected, t, locale, names],
  );

  // An edge takes the colour of the node it leads to: its trace result or its difference.
  const edges = useMemo(
    (): Edge[] =>
      graph.edges.map((edge) => {
        const target = marks[edge.target];
        return {
          id: edge.id,
          source: edge.source,
          target: edge.target,
          sourceHandle: edge.side,
          targetHandle: edge.side === 'right' ? 'left' : 'top',
          type: edge.side === 'right' ? 'smoothstep' : 'default',
          className: cx(
            'rule-edge',
            target?.paint && `rule-edge--${target.paint.result}`,
            target?.diff && target.diff !== 'changed' && `rule-edge--${target.diff}`,
          ),
        };
      }),
    [graph, marks],
  );

  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      nodesDraggable={false}
      nodesConnectable={false}
      elementsSelectable={false}
      deleteKeyCode={null}
      fitView
      fitViewOptions={{ padding: 0.15, maxZoom: 1 }}
      minZoom={0.3}
      maxZoom={1.5}
      proOptions={{ hideAttribution: true }}
      {...flowProps}
    >
      <Background gap={20} size={1} />
      <Controls position="top-right" showInteractive={false} />
    </ReactFlow>
  );
}
