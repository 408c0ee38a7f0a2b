import { useMemo } from 'react';
import type { DragEvent } from 'react';
import { useReactFlow, type Connection } from '@xyflow/react';
import type { RuleIssue } from '@lealtad/rules-schema';
import { useRulesT } from '../rulesText';
import { NODE_WIDTH, nodeForIssue, ruleGraph } from './graph';
import { addPart, moveCondition, PART_MIME, partOf, removeNode } from './parts';
import { RuleFlow, type NodeMarks } from './RuleFlow';
import { useRuleEditor } from './store';

/** The rule being edited as a graph. Positions come from the layout; structure changes go to the store. */
export function RuleCanvas({ issues }: { issues: RuleIssue[] }) {
  const t = useRulesT();
  const rule = useRuleEditor((state) => state.rule);
  const selected = useRuleEditor((state) => state.selected);
  const trace = useRuleEditor((state) => state.trace);
  const changed = useRuleEditor((state) => state.changed);
  const edit = useRuleEditor((state) => state.edit);
  const select = useRuleEditor((state) => state.select);
  const flow = useReactFlow();

  const graph = useMemo(() => (rule ? ruleGraph(rule) : { nodes: [], edges: [] }), [rule]);

  const marks = useMemo(() => {
    const byNode: Record<string, NodeMarks> = {};
    const marksOf = (id: string): NodeMarks => (byNode[id] ??= {});
    for (const issue of issues) {
      const id = nodeForIssue(issue, graph.nodes);
      if (id) (marksOf(id).issues ??= []).push(issue);
    }
    for (const [id, paint] of Object.entries(trace?.leaves ?? {})) marksOf(id).paint = paint;
    if (trace && trace.audience.length > 0) marksOf('audience').audience = trace.audience;
    if (trace?.inForce === false) marksOf('trigger').outOfWindow = true;
    for (const id of changed) marksOf(id).diff = 'changed';
    return byNode;
  }, [graph, issues, trace, changed]);

  if (!rule) return null;

  const connect = (connection: Connection) => {
    const from = graph.nodes.find((node) => node.id === connection.source);
    const to = graph.nodes.find((node) => node.id === connection.target);
    if (!from || !to || from.kind !== 'group') return;
    if (to.kind !== 'condition' && to.kind !== 'group') return;
    edit((draft) => moveCondition(draft, to.path, from.path));
  };

  const drop = (event: DragEvent) => {
    const part = partOf(event.dataTransfer.getData(PART_MIME));
    if (!part) return;
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
      <RuleFlow
        rule={rule}
        graph={graph}
        marks={marks}
        selected={selected}
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
        aria-label={t('canvas.label')}
      />
    </div>
  );
}
