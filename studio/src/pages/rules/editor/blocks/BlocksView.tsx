import { useEffect, useRef, useState } from 'react';
import * as Blockly from 'blockly/core';
import * as English from 'blockly/msg/en';
import * as Spanish from 'blockly/msg/es';
import {
  canonicalJson,
  FACT_SOURCES,
  isLeaf,
  type Condition,
  type ConditionGroup,
  type FactSource,
  type RuleIssue,
  type TriggerType,
} from '@lealtad/rules-schema';
import { useLocale, type Locale } from '../../../../shared/i18n';
import { foldText } from '../../../../shared/text';
import { TextField } from '../../../../shared/ui/Field';
import { Icon } from '../../../../shared/ui/Icon';
import { useRulesT, type RulesT } from '../../rulesText';
import { conditionAt, factsFor, setConditionAt, type Path } from '../conditions';
import { nodeForIssue, ruleGraph } from '../graph';
import { factChoices, useRuleChoices } from '../ruleChoices';
import { useRuleEditor } from '../store';
import {
  blockColour,
  COLOURS,
  blockToGroup,
  conditionToBlock,
  defineRuleBlocks,
  factBlockType,
  GROUP_BLOCKS,
} from './ruleBlocks';

const TRACE_COLOURS = { passed: '#15803d', failed: '#dc2626', notEvaluated: '#97a3b0' };

/** Blockly's texts of a language: the module's strings, without its other exports. */
const messagesOf = (module: object): Record<string, string> =>
  Object.fromEntries(
    Object.entries(module).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );

const RESULTS_COLOUR = '#1d4ed8';
const RESULTS_ID = 'resultados';

/** A block of the toolbox, with the words it shows; a group block has no source. */
interface ToolboxEntry {
  type: string;
  label: string;
  source: FactSource | null;
}

/** The blocks of the toolbox, in its order. */
function toolboxBlocks(trigger: TriggerType, locale: Locale, t: RulesT): ToolboxEntry[] {
  return [
    ...(Object.keys(GROUP_BLOCKS) as (keyof typeof GROUP_BLOCKS)[]).map((kind) => ({
      type: GROUP_BLOCKS[kind],
      label: t(`group.${kind}`),
      source: null,
    })),
    ...factsFor(trigger).map((fact) => ({
      type: factBlockType(fact),
      label: fact.label[locale],
      source: fact.source,
    })),
  ];
}

/**
 * The toolbox: groups, then the facts by source. While a search is typed, a first category
 * holds the blocks whose words contain every word searched, accents and case aside.
 */
function toolboxOf(
  blocks: readonly ToolboxEntry[],
  query: string,
  t: RulesT,
): Blockly.utils.toolbox.ToolboxDefinition {
  const block = (type: string) => ({ kind: 'block', type });
  const searched = foldText(query).split(/\s+/).filter(Boolean);
  const found = blocks.filter((entry) =>
    searched.every((word) => foldText(entry.label).includes(word)),
  );
  const results =
    searched.length === 0
      ? []
      : [
          {
            kind: 'category',
            toolboxitemid: RESULTS_ID,
            name: t('blocks.results', { count: found.length }),
            colour: RESULTS_COLOUR,
            contents:
              found.length > 0
                ? found.map((entry) => block(entry.type))
                : [{ kind: 'label', text: t('blocks.noResults') }],
          },
        ];
  return {
    kind: 'categoryToolbox',
    contents: [
      ...results,
      {
        kind: 'category',
        name: t('blocks.logic'),
        colour: COLOURS.group,
        contents: blocks.filter((entry) => !entry.source).map((entry) => block(entry.type)),
      },
      ...FACT_SOURCES.flatMap((source) => {
        const inSource = blocks.filter((entry) => entry.source === source);
        return inSource.length === 0
          ? []
          : [
              {
                kind: 'category',
                name: t(`source.${source}`),
                colour: COLOURS.fact,
                contents: inSource.map((entry) => block(entry.type)),
              },
            ];
      }),
    ],
  };
}

/** Draws a group on the workspace, in place of what it showed; its root cannot be deleted. */
function drawGroup(target: Blockly.WorkspaceSvg, group: Condition): Blockly.Block | null {
  const scratch = new Blockly.Workspace();
  const saved = Blockly.serialization.blocks.save(conditionToBlock(group, scratch));
  scratch.dispose();
  if (!saved) return null;
  // Drawing is not an edit: no change events reach the listener.
  Blockly.Events.disable();
  try {
    target.clear();
    const drawn = Blockly.serialization.blocks.append({ ...saved, x: 24, y: 24 }, target);
    drawn.setDeletable(false);
    return drawn;
  } finally {
    Blockly.Events.enable();
  }
}

/**
 * The logic of one condition group as Blockly blocks, the second view of the store's
 * document: a change of the blocks is written to the group, and a change of the group from
 * elsewhere (canvas, undo) is drawn again.
 */
export default function BlocksView({
  groupPath,
  issues,
}: {
  groupPath: Path;
  issues: RuleIssue[];
}) {
  const t = useRulesT();
  const { locale } = useLocale();
  const host = useRef<HTMLDivElement>(null);
  const workspace = useRef<Blockly.WorkspaceSvg | null>(null);
  const root = useRef<Blockly.Block | null>(null);
  /** The group as the blocks last read or drew it, so neither side echoes the other. */
  const shown = useRef<string | null>(null);
  const rule = useRuleEditor((state) => state.rule);
  const choices = useRuleChoices();
  const [query, setQuery] = useState('');
  const trigger = rule?.trigger.type ?? 'purchase';
  const pathKey = groupPath.join('.');

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    // The path by its words: a new array with the same steps is the same group.
    const path = pathKey.split('.').map((step) => (/^\d+$/.test(step) ? Number(step) : step));
    defineRuleBlocks({
      fact: (fact) => fact.label[locale],
      operator: (operator) => t(`operator.${operator}`),
      group: (kind) => t(`group.${kind}`),
      and: t('blocks.and'),
      yes: t('common.yes'),
      no: t('common.no'),
      today: t('blocks.today'),
      pick: t('condition.pick'),
      choices: (fact) => factChoices(choices, fact.id),
    });
    Blockly.setLocale(messagesOf(locale === 'en' ? English : Spanish));
    const created = Blockly.inject(element, {
      // Served with the studio: no request leaves the platform.
      media: `${import.meta.env.BASE_URL}blockly-media/`,
      renderer: 'zelos',
      trashcan: true,
      zoom: { controls: true, wheel: true, startScale: 0.9 },
      move: { scrollbars: true, drag: true, wheel: false },
      grid: { spacing: 20, length: 1, colour: '#e2e7ec', snap: true },
      toolbox: toolboxOf(toolboxBlocks(trigger, locale, t), '', t),
    });
    workspace.current = created;
    // A new workspace (another group, language or trigger) starts with the group as it is now.
    const current = useRuleEditor.getState().rule;
    const initial = current ? conditionAt(current, path) : undefined;
    shown.current = initial ? canonicalJson(initial) : null;
    root.current = initial && !isLeaf(initial) ? drawGroup(created, initial) : null;
    created.addChangeListener((event) => {
      if (event.isUiEvent || !root.current || root.current.isDisposed()) return;
      const group: ConditionGroup = blockToGroup(root.current);
      const json = canonicalJson(group);
      if (json === shown.current) return;
      shown.current = json;
      useRuleEditor.getState().edit((draft) => setConditionAt(draft, path, group));
    });
    return () => {
      created.dispose();
      workspace.current = null;
      root.current = null;
    };
  }, [locale, trigger, pathKey, t, choices]);

  // A search shows its results as the toolbox's first category, opened; again on a new workspace.
  useEffect(() => {
    const target = workspace.current;
    if (!target) return;
    target.updateToolbox(toolboxOf(toolboxBlocks(trigger, locale, t), query, t));
    const toolbox = target.getToolbox();
    if (!(toolbox instanceof Blockly.Toolbox)) return;
    toolbox.setSelectedItem(query.trim() ? toolbox.getToolboxItemById(RESULTS_ID) : null);
  }, [query, locale, trigger, pathKey, t, choices]);

  // The group changed outside the blocks (canvas, undo): draw it again.
  const group = rule ? conditionAt(rule, groupPath) : undefined;
  useEffect(() => {
    const target = workspace.current;
    if (!target || !group) return;
    const json = canonicalJson(group);
    if (json === shown.current) return;
    shown.current = json;
    root.current = drawGroup(target, group);
  }, [group]);

  // Each problem is pinned to the block of its condition, and a trace paints the blocks:
  // green passed, red failed, grey not evaluated, with the fact's value on hover.
  const trace = useRuleEditor((state) => state.trace);
  useEffect(() => {
    const target = workspace.current;
    if (!target || !rule) return;
    const nodes = ruleGraph(rule).nodes;
    const problems = new Map<string, string>();
    for (const issue of issues) {
      const node = nodes.find((candidate) => candidate.id === nodeForIssue(issue, nodes));
      if (node?.leafId && issue.severity === 'error') {
        problems.set(node.leafId, issue.message[locale]);
      }
    }
    const painted = new Map(
      nodes.flatMap((node) => {
        const paint = trace?.leaves[node.id];
        return node.leafId && paint ? [[node.leafId, paint] as const] : [];
      }),
    );
    for (const block of target.getAllBlocks(false)) {
      const id = block.data ?? block.id;
      block.setWarningText(problems.get(id) ?? null);
      const paint = painted.get(id);
      block.setColour(paint ? TRACE_COLOURS[paint.result] : blockColour(block));
      block.setTooltip(
        paint
          ? `${t(`trace.${paint.result}`)} · ${t('trace.actual', { value: paint.actual })}`
          : '',
      );
    }
  }, [issues, rule, trace, locale, t]);

  return (
    <div className="rule-blocks">
      <TextField
        className="rule-blocks__search"
        label={t('blocks.search')}
        type="search"
        placeholder={t('blocks.searchPlaceholder')}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        icon={<Icon name="search" />}
      />
      <div className="rule-blocks__workspace" ref={host} aria-label={t('blocks.label')} />
    </div>
  );
}
