import { useEffect, useRef, useState } from 'react';
import * as Blockly from 'blockly/core';
import * as English from 'blockly/msg/en';
import * as Spanish from 'blockly/msg/es';
import {
  canonicalJson,
  FACT_SOURCES,
  isLeaf,
  type ConditionGroup,
  type Effect,
  type RuleDocument,
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
  blockToEffects,
  defineEffectBlocks,
  EFFECT_BLOCKS,
  effectsToBlock,
  EFFECTS_COLOUR,
} from './effectBlocks';
import {
  blockColour,
  COLOURS,
  blockToGroup,
  conditionToBlock,
  defineRuleBlocks,
  factBlockType,
  GROUP_BLOCKS,
  isConditionBlock,
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

/** What the workspace edits: one condition group (by its path), or the rule's effects. */
export type BlocksSubject = { kind: 'group'; path: Path } | { kind: 'effects' };

/** A block of the toolbox, with the words it shows and the category it is in. */
interface ToolboxEntry {
  type: string;
  label: string;
  category: string;
  colour: string;
}

/** The blocks of the toolbox, in its order: groups and facts, or the effects. */
function toolboxBlocks(
  subject: BlocksSubject,
  trigger: TriggerType,
  locale: Locale,
  t: RulesT,
): ToolboxEntry[] {
  if (subject.kind === 'effects') {
    return (Object.keys(EFFECT_BLOCKS) as Effect['type'][]).map((type) => ({
      type: EFFECT_BLOCKS[type],
      label: t(`effect.${type}`),
      category: t('blocks.effects'),
      colour: EFFECTS_COLOUR,
    }));
  }
  const facts = factsFor(trigger);
  return [
    ...(Object.keys(GROUP_BLOCKS) as (keyof typeof GROUP_BLOCKS)[]).map((kind) => ({
      type: GROUP_BLOCKS[kind],
      label: t(`group.${kind}`),
      category: t('blocks.logic'),
      colour: COLOURS.group,
    })),
    // By source, in the catalog's order of sources.
    ...FACT_SOURCES.flatMap((source) =>
      facts
        .filter((fact) => fact.source === source)
        .map((fact) => ({
          type: factBlockType(fact),
          label: fact.label[locale],
          category: t(`source.${source}`),
          colour: COLOURS.fact,
        })),
    ),
  ];
}

/**
 * The toolbox: its categories in order. While a search is typed, a first category holds the
 * blocks whose words contain every word searched, accents and case aside.
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
  const categories = [...new Set(blocks.map((entry) => entry.category))];
  return {
    kind: 'categoryToolbox',
    contents: [
      ...results,
      ...categories.map((category) => {
        const inCategory = blocks.filter((entry) => entry.category === category);
        return {
          kind: 'category',
          name: category,
          colour: inCategory[0]?.colour ?? COLOURS.fact,
          contents: inCategory.map((entry) => block(entry.type)),
        };
      }),
    ],
  };
}

/** How the workspace reads and writes its subject in the rule. */
interface SubjectAccess {
  /** The subject as the rule holds it now; undefined when the rule no longer has it. */
  current: (rule: RuleDocument) => unknown;
  /** Builds the subject's root block on `workspace`. */
  build: (value: unknown, workspace: Blockly.Workspace) => Blockly.Block;
  /** Reads the subject back from its root block. */
  read: (root: Blockly.Block) => unknown;
  /** Writes what was read into the draft. */
  write: (draft: RuleDocument, value: unknown) => void;
}

function accessTo(subject: BlocksSubject): SubjectAccess {
  if (subject.kind === 'effects') {
    return {
      current: (rule) => rule.effects,
      build: (value, workspace) => effectsToBlock(value as Effect[], workspace),
      read: blockToEffects,
      write: (draft, value) => {
        draft.effects = value as Effect[];
      },
    };
  }
  const { path } = subject;
  return {
    current: (rule) => {
      const group = conditionAt(rule, path);
      return group && !isLeaf(group) ? group : undefined;
    },
    build: (value, workspace) => conditionToBlock(value as ConditionGroup, workspace),
    read: blockToGroup,
    write: (draft, value) => setConditionAt(draft, path, value as ConditionGroup),
  };
}

/** The path of a subject by its words: the same steps are the same subject. */
const subjectKey = (subject: BlocksSubject) =>
  subject.kind === 'effects' ? 'effects' : subject.path.join('.');
const subjectOf = (key: string): BlocksSubject =>
  key === 'effects'
    ? { kind: 'effects' }
    : {
        kind: 'group',
        path: key.split('.').map((step) => (/^\d+$/.test(step) ? Number(step) : step)),
      };

/** The id of the block a problem is about: its condition's, or its effect's. */
function blockIdOfIssue(
  issue: RuleIssue,
  rule: RuleDocument,
  nodes: ReturnType<typeof ruleGraph>['nodes'],
): string | undefined {
  const [head, index] = issue.path;
  if (head === 'effects' && typeof index === 'number') return rule.effects[index]?.id;
  return nodes.find((candidate) => candidate.id === nodeForIssue(issue, nodes))?.leafId;
}

/** Draws a subject on the workspace, in place of what it showed; its root cannot be deleted. */
function drawRoot(
  target: Blockly.WorkspaceSvg,
  build: (workspace: Blockly.Workspace) => Blockly.Block,
): Blockly.Block | null {
  const scratch = new Blockly.Workspace();
  const saved = Blockly.serialization.blocks.save(build(scratch));
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
 * The logic of one condition group, or the rule's effects, as Blockly blocks: the second view of
 * the store's document. A change of the blocks is written to the document, and a change of the
 * document from elsewhere (canvas, undo) is drawn again.
 */
export default function BlocksView({
  subject,
  issues,
}: {
  subject: BlocksSubject;
  issues: RuleIssue[];
}) {
  const t = useRulesT();
  const { locale } = useLocale();
  const host = useRef<HTMLDivElement>(null);
  const workspace = useRef<Blockly.WorkspaceSvg | null>(null);
  const root = useRef<Blockly.Block | null>(null);
  /** The subject as the blocks last read or drew it, so neither side echoes the other. */
  const shown = useRef<string | null>(null);
  const rule = useRuleEditor((state) => state.rule);
  const choices = useRuleChoices();
  const [query, setQuery] = useState('');
  const trigger = rule?.trigger.type ?? 'purchase';
  const key = subjectKey(subject);

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const access = accessTo(subjectOf(key));
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
    defineEffectBlocks(
      {
        then: t('blocks.then'),
        give: t('blocks.give'),
        points: t('blocks.points'),
        perEvery: t('blocks.perEvery'),
        ofPurchase: t('blocks.ofPurchase'),
        multiply: t('blocks.multiply'),
        rounding: t('blocks.rounding'),
        roundings: {
          floor: t('rounding.floor'),
          round: t('rounding.round'),
          ceil: t('rounding.ceil'),
        },
        reward: t('blocks.reward'),
        message: t('blocks.message'),
        subject: t('blocks.subject'),
        body: t('blocks.body'),
        tag: t('blocks.tag'),
        pick: t('condition.pick'),
      },
      choices?.rewards ?? [],
    );
    Blockly.setLocale(messagesOf(locale === 'en' ? English : Spanish));
    const created = Blockly.inject(element, {
      // Served with the studio: no request leaves the platform.
      media: `${import.meta.env.BASE_URL}blockly-media/`,
      renderer: 'zelos',
      trashcan: true,
      zoom: { controls: true, wheel: true, startScale: 0.9 },
      move: { scrollbars: true, drag: true, wheel: false },
      grid: { spacing: 20, length: 1, colour: '#e2e7ec', snap: true },
      toolbox: toolboxOf(toolboxBlocks(subjectOf(key), trigger, locale, t), '', t),
    });
    workspace.current = created;
    // A new workspace (another subject, language or trigger) starts with it as it is now.
    const current = useRuleEditor.getState().rule;
    const initial = current ? access.current(current) : undefined;
    shown.current = initial === undefined ? null : canonicalJson(initial);
    root.current =
      initial === undefined ? null : drawRoot(created, (scratch) => access.build(initial, scratch));
    created.addChangeListener((event) => {
      if (event.isUiEvent || !root.current || root.current.isDisposed()) return;
      const value = access.read(root.current);
      const json = canonicalJson(value);
      if (json === shown.current) return;
      shown.current = json;
      useRuleEditor.getState().edit((draft) => access.write(draft, value));
    });
    return () => {
      created.dispose();
      workspace.current = null;
      root.current = null;
    };
  }, [locale, trigger, key, t, choices]);

  // A search shows its results as the toolbox's first category, opened; again on a new workspace.
  useEffect(() => {
    const target = workspace.current;
    if (!target) return;
    target.updateToolbox(toolboxOf(toolboxBlocks(subjectOf(key), trigger, locale, t), query, t));
    const toolbox = target.getToolbox();
    if (!(toolbox instanceof Blockly.Toolbox)) return;
    toolbox.setSelectedItem(query.trim() ? toolbox.getToolboxItemById(RESULTS_ID) : null);
  }, [query, locale, trigger, key, t, choices]);

  // The subject changed outside the blocks (canvas, undo): draw it again.
  const value = rule ? accessTo(subjectOf(key)).current(rule) : undefined;
  const valueJson = value === undefined ? null : canonicalJson(value);
  useEffect(() => {
    const target = workspace.current;
    if (!target || valueJson === null || valueJson === shown.current) return;
    shown.current = valueJson;
    const access = accessTo(subjectOf(key));
    const current = useRuleEditor.getState().rule;
    const latest = current ? access.current(current) : undefined;
    if (latest !== undefined) {
      root.current = drawRoot(target, (scratch) => access.build(latest, scratch));
    }
  }, [valueJson, key]);

  // Each problem is pinned to the block of its condition or effect, and a trace paints the
  // condition blocks: green passed, red failed, grey not evaluated, with the value on hover.
  const trace = useRuleEditor((state) => state.trace);
  useEffect(() => {
    const target = workspace.current;
    if (!target || !rule) return;
    const nodes = ruleGraph(rule).nodes;
    const problems = new Map<string, string>();
    for (const issue of issues) {
      const id = blockIdOfIssue(issue, rule, nodes);
      if (id && issue.severity === 'error') problems.set(id, issue.message[locale]);
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
      if (!isConditionBlock(block)) continue;
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
