import {
  isLeaf,
  type Condition,
  type RuleChange,
  type RuleDocument,
  type RuleIssue,
} from '@lealtad/rules-schema';
import { childrenOf, conditionAt, type Path } from './conditions';

// The rule drawn as a graph: a spine that reads top to bottom (trigger → audience → conditions
// → effects → limits) and the condition tree growing to the right of its groups. Node ids are
// the nodes' paths in the document, the paths the checks report.

export type RuleNodeKind =
  'trigger' | 'audience' | 'group' | 'condition' | 'effect' | 'cap' | 'budget';

export interface RuleNode {
  id: string;
  kind: RuleNodeKind;
  path: Path;
  x: number;
  y: number;
  /** The DSL id of a condition leaf, which simulation traces name. */
  leafId?: string;
}

export interface RuleEdge {
  id: string;
  source: string;
  target: string;
  /** Spine edges leave from the bottom; the tree's from the right. */
  side: 'bottom' | 'right';
}

export const NODE_WIDTH = 250;
const COLUMN = NODE_WIDTH + 70;
const ROW = 124;
const LEAF_ROW = 124;

export const nodeIdOf = (path: Path): string => path.join('.');

export function ruleGraph(rule: RuleDocument): { nodes: RuleNode[]; edges: RuleEdge[] } {
  const nodes: RuleNode[] = [];
  const edges: RuleEdge[] = [];
  const spine = (kind: RuleNodeKind, path: Path, row: number): RuleNode => {
    const node = { id: nodeIdOf(path), kind, path, x: 0, y: row * ROW };
    nodes.push(node);
    return node;
  };
  const link = (source: string, target: string, side: RuleEdge['side']) =>
    edges.push({ id: `${source}->${target}`, source, target, side });

  const trigger = spine('trigger', ['trigger'], 0);
  const audience = spine('audience', ['audience'], 1);
  link(trigger.id, audience.id, 'bottom');
  const root = spine('group', ['conditions'], 2);
  link(audience.id, root.id, 'bottom');

  // Children stack downwards beside their group; a subgroup's own children go one column on.
  let nextY = root.y;
  const placeChildren = (condition: Condition, path: Path, column: number) => {
    if (isLeaf(condition)) return;
    for (const { child, path: childPath } of childrenOf(condition, path)) {
      const node: RuleNode = {
        id: nodeIdOf(childPath),
        kind: isLeaf(child) ? 'condition' : 'group',
        path: childPath,
        x: column * COLUMN,
        y: nextY,
        ...(isLeaf(child) ? { leafId: child.id } : {}),
      };
      nodes.push(node);
      link(nodeIdOf(path), node.id, 'right');
      if (isLeaf(child)) nextY += LEAF_ROW;
      else placeChildren(child, childPath, column + 1);
    }
  };
  placeChildren(rule.conditions, ['conditions'], 1);

  // Effects and limits hang one under the other from the conditions: "then this, then that".
  let row = 3;
  let previous = root;
  const chain = (kind: RuleNodeKind, path: Path) => {
    const node = spine(kind, path, row++);
    link(previous.id, node.id, 'bottom');
    previous = node;
  };
  rule.effects.forEach((_, index) => chain('effect', ['effects', index]));
  rule.caps.perCustomer.forEach((_, index) => chain('cap', ['caps', 'perCustomer', index]));
  if (rule.caps.budget) chain('budget', ['caps', 'budget']);
  return { nodes, edges };
}

const startsWith = (path: Path, prefix: Path): boolean =>
  prefix.length <= path.length && prefix.every((step, index) => path[index] === step);

/** The node a path into the document belongs to: the deepest node whose path starts it. */
export function nodeForPath(path: Path, nodes: readonly RuleNode[]): string | undefined {
  let best: RuleNode | undefined;
  for (const node of nodes) {
    if (startsWith(path, node.path) && (!best || node.path.length > best.path.length)) best = node;
  }
  if (best) return best.id;
  // Whole-rule paths about validity, effects or limits go to the node that edits them.
  const [head] = path;
  if (typeof head === 'string' && ['validity', 'name', 'key', 'meta', 'stacking'].includes(head)) {
    return 'trigger';
  }
  if (head === 'effects') return 'conditions';
  return undefined;
}

/** The nodes one side of a comparison differs in. */
export interface SideChanges {
  /** Nodes drawn on both sides whose words or parts changed. */
  changed: string[];
  /** Nodes drawn on this side alone: added (after) or removed (before), with all they hold. */
  only: string[];
}

/**
 * The nodes of one side (`before` or `after`) that a list of changes touches. A part the other
 * side lacks marks its own node and the nodes under it as `only`; every change also outlines
 * the node it belongs to, as issues are pinned (for a whole part, the node holding it).
 */
export function changedNodes(
  changes: readonly RuleChange[],
  nodes: readonly RuleNode[],
  side: 'before' | 'after',
): SideChanges {
  const changed = new Set<string>();
  const only = new Set<string>();
  for (const change of changes) {
    const oppositeLacksIt =
      side === 'before' ? change.after === undefined : change.before === undefined;
    const whole = oppositeLacksIt ? nodes.filter((node) => startsWith(node.path, change.path)) : [];
    for (const node of whole) only.add(node.id);
    const holder = nodeForPath(
      change.path,
      nodes.filter((node) => !whole.includes(node)),
    );
    if (holder) changed.add(holder);
  }
  return { changed: [...changed].filter((id) => !only.has(id)), only: [...only] };
}

/** The node an issue is pinned to. */
export const nodeForIssue = (issue: RuleIssue, nodes: readonly RuleNode[]): string | undefined =>
  nodeForPath(issue.path, nodes);

/** The group new conditions go into: the selected group, the selected condition's, or the root. */
export function groupOfSelection(rule: RuleDocument, selected: string | null): Path {
  const node = ruleGraph(rule).nodes.find((candidate) => candidate.id === selected);
  if (node?.kind === 'group') return node.path;
  if (node?.kind === 'condition') {
    const parent = node.path.slice(0, node.path[node.path.length - 1] === 'not' ? -1 : -2);
    if (conditionAt(rule, parent)) return parent;
  }
  return ['conditions'];
}
