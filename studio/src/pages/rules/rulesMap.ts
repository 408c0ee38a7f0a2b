import type { Edge, Node } from '@xyflow/react';
import { TRIGGER_TYPES, type Stacking, type TriggerType } from '@lealtad/rules-schema';
import type { RulesT } from './rulesText';

// The rules map's layout, apart from its page so it can be tested without a browser.

/** A live rule as `/api/rules/live` answers it: enough to place it on the map. */
export interface LiveRule {
  id: number;
  name: string;
  trigger: TriggerType;
  stacking: Stacking;
}

export interface MapNodeData extends Record<string, unknown> {
  kind: 'trigger' | 'group' | 'rule';
  title: string;
  text?: string;
  ruleId?: number;
}

export type MapNode = Node<MapNodeData, 'map'>;

const COLUMN = 300;
const ROW = 110;
/** Rules under one another before a new column starts, so a thousand rules stay on a screenful. */
const ROWS_PER_COLUMN = 8;

const chunks = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) =>
    items.slice(i * size, (i + 1) * size),
  );

/**
 * Live rules by trigger; under each, the rules that add up, then each exclusive group in
 * priority order, in columns of at most ROWS_PER_COLUMN rules.
 */
export function mapOf(rules: readonly LiveRule[], t: RulesT) {
  const nodes: MapNode[] = [];
  const edges: Edge[] = [];
  const triggers = TRIGGER_TYPES.filter((type) => rules.some((rule) => rule.trigger === type));
  let column = 0;
  for (const type of triggers) {
    const head = `trigger:${type}`;
    nodes.push({
      id: head,
      type: 'map',
      position: { x: column * COLUMN, y: 0 },
      data: { kind: 'trigger', title: t(`trigger.${type}`) },
    });
    const inTrigger = rules.filter((rule) => rule.trigger === type);
    // '' (no group: they add up) sorts first.
    const groups = [...new Set(inTrigger.map((rule) => rule.stacking.group ?? ''))].sort();
    for (const group of groups) {
      const members = inTrigger
        .filter((rule) => (rule.stacking.group ?? '') === group)
        .sort((a, b) => b.stacking.priority - a.stacking.priority);
      let previous = head;
      chunks(members, ROWS_PER_COLUMN).forEach((chunk, index) => {
        const x = column * COLUMN;
        let row = 1;
        if (group && index === 0) {
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
        // A group's chain goes on in priority order; rules that add up start from the trigger.
        if (!group) previous = head;
        for (const rule of chunk) {
          const id = `rule:${rule.id}`;
          nodes.push({
            id,
            type: 'map',
            position: { x, y: row++ * ROW },
            data: {
              kind: 'rule',
              title: rule.name,
              text: group
                ? t('map.priority', { priority: rule.stacking.priority })
                : t('map.stacks'),
              ruleId: rule.id,
            },
          });
          edges.push({ id: `${previous}->${id}`, source: previous, target: id });
          previous = id;
        }
        column += 1;
      });
    }
  }
  return { nodes, edges };
}
