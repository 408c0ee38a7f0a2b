import {
  CAP_PERIODS,
  FACT_SOURCES,
  OPERATORS_BY_TYPE,
  ROUNDINGS,
  TRIGGER_TYPES,
  WEEKDAYS,
  findFact,
  type ConditionLeaf,
  type Effect,
  type Operator,
  type RuleDocument,
  type RuleIssue,
  type Trigger,
} from '@lealtad/rules-schema';
import { useLocale } from '../../../shared/i18n';
import { oneOf } from '../../../shared/queryParams';
import { Button } from '../../../shared/ui/Button';
import { SelectField, TextField } from '../../../shared/ui/Field';
import { Icon } from '../../../shared/ui/Icon';
import { optionWords, useRulesT } from '../rulesText';
import {
  conditionAt,
  factsFor,
  groupKind,
  kindOf,
  newLeaf,
  regroup,
  setConditionAt,
  withOperator,
  type GroupKind,
} from './conditions';
import type { RuleNode } from './graph';
import { ChoiceList, ListInput, NumberInput, OptionChecks, SuggestingField } from './inputs';
import { addPart, removeNode, type Part } from './parts';
import { offered, offersChoices, useRuleChoices, withChosen } from './ruleChoices';
import { useRuleEditor } from './store';
import { ValueInput } from './ValueInput';

type Edit = (change: (draft: RuleDocument) => void, select?: string | null) => void;

/** Edits the selected node; what it shows depends on the node's kind. */
export function NodePanel({ node, issues }: { node: RuleNode; issues: RuleIssue[] }) {
  const t = useRulesT();
  const { locale } = useLocale();
  const rule = useRuleEditor((state) => state.rule);
  const edit = useRuleEditor((state) => state.edit);
  if (!rule) return null;
  const removable = node.kind !== 'trigger' && !(node.kind === 'group' && node.path.length === 1);
  return (
    <div className="rule-panel__body">
      {issues.length > 0 && (
        <ul role="list" className="rule-issues" aria-label={t('issues.ofNode')}>
          {issues.map((issue, index) => (
            <li key={index} className={`rule-issues__item rule-issues__item--${issue.severity}`}>
              {issue.message[locale]}
            </li>
          ))}
        </ul>
      )}
      {node.kind === 'trigger' && <TriggerFields rule={rule} edit={edit} />}
      {node.kind === 'audience' && <AudienceFields rule={rule} edit={edit} />}
      {node.kind === 'group' && <GroupFields rule={rule} node={node} edit={edit} />}
      {node.kind === 'condition' && <ConditionFields rule={rule} node={node} edit={edit} />}
      {node.kind === 'effect' && <EffectFields rule={rule} node={node} edit={edit} />}
      {node.kind === 'cap' && <CapFields rule={rule} node={node} edit={edit} />}
      {node.kind === 'budget' && <BudgetFields rule={rule} edit={edit} />}
      {removable && (
        <Button
          variant="danger"
          size="sm"
          className="rule-panel__remove"
          onClick={() => edit((draft) => removeNode(draft, node), null)}
        >
          <Icon name="x" />
          {node.kind === 'audience' ? t('panel.clearAudience') : t('panel.remove')}
        </Button>
      )}
    </div>
  );
}

function TriggerFields({ rule, edit }: { rule: RuleDocument; edit: Edit }) {
  const t = useRulesT();
  const { trigger, validity } = rule;
  const setTrigger = (type: Trigger['type']) =>
    edit((draft) => {
      const days = 'days' in draft.trigger ? draft.trigger.days : 30;
      draft.trigger =
        type === 'inactivity' || type === 'points_expiring' ? { type, days } : { type };
    });
  return (
    <>
      <TextField
        label={t('panel.ruleName')}
        value={rule.name}
        maxLength={120}
        onChange={(event) => {
          const name = event.target.value;
          edit((draft) => {
            draft.name = name;
          });
        }}
      />
      <SelectField
        label={t('rules.trigger')}
        hint={t(`triggerHint.${trigger.type}`)}
        value={trigger.type}
        onChange={(event) => setTrigger(oneOf(TRIGGER_TYPES, event.target.value) ?? 'purchase')}
      >
        {TRIGGER_TYPES.map((type) => (
          <option key={type} value={type}>
            {t(`trigger.${type}`)}
          </option>
        ))}
      </SelectField>
      {'days' in trigger && (
        <NumberInput
          label={t('panel.triggerDays')}
          value={trigger.days}
          onCommit={(days) =>
            edit((draft) => {
              if ('days' in draft.trigger) draft.trigger.days = days ?? 0;
            })
          }
        />
      )}
      <TextField
        label={t('panel.description')}
        hint={t('panel.descriptionHint')}
        maxLength={200}
        value={rule.meta.description ?? ''}
        onChange={(event) => {
          const description = event.target.value;
          edit((draft) => {
            if (description) draft.meta.description = description;
            else delete draft.meta.description;
          });
        }}
      />
      <h3 className="rule-panel__section">{t('panel.validity')}</h3>
      <div className="rule-panel__pair">
        <TextField
          label={t('panel.validFrom')}
          type="date"
          value={validity.from ?? ''}
          onChange={(event) => {
            const from = event.target.value;
            edit((draft) => {
              if (from) draft.validity.from = from;
              else delete draft.validity.from;
            });
          }}
        />
        <TextField
          label={t('panel.validTo')}
          type="date"
          value={validity.to ?? ''}
          onChange={(event) => {
            const to = event.target.value;
            edit((draft) => {
              if (to) draft.validity.to = to;
              else delete draft.validity.to;
            });
          }}
        />
      </div>
      <OptionChecks
        legend={t('panel.validDays')}
        options={WEEKDAYS.map((day) => ({ value: day, label: t(`weekday.${day}`) }))}
        value={validity.daysOfWeek ?? []}
        onChange={(days) =>
          edit((draft) => {
            const ordered = WEEKDAYS.filter((day) => days.includes(day));
            if (ordered.length > 0) draft.validity.daysOfWeek = ordered;
            else delete draft.validity.daysOfWeek;
          })
        }
      />
      <h3 className="rule-panel__section">{t('panel.stacking')}</h3>
      <div className="rule-panel__pair">
        <TextField
          label={t('panel.stackingGroup')}
          maxLength={64}
          value={rule.stacking.group ?? ''}
          onChange={(event) => {
            const group = event.target.value.trim();
            edit((draft) => {
              if (group) draft.stacking.group = group;
              else delete draft.stacking.group;
            });
          }}
        />
        <NumberInput
          label={t('panel.priority')}
          value={rule.stacking.priority}
          onCommit={(priority) =>
            edit((draft) => {
              draft.stacking.priority = priority ?? 0;
            })
          }
        />
      </div>
      <p className="rule-panel__note">{t('panel.stackingHint')}</p>
    </>
  );
}

function AudienceFields({ rule, edit }: { rule: RuleDocument; edit: Edit }) {
  const t = useRulesT();
  const choices = useRuleChoices();
  const { audience } = rule;
  const setList = (field: keyof typeof audience) => (value: string[]) =>
    edit((draft) => {
      draft.audience[field] = value;
    });
  return (
    <>
      <p className="rule-panel__note">{t('panel.audienceNote')}</p>
      <ChoiceList
        legend={t('audience.zones')}
        hint={t('panel.codesHint')}
        choices={offered(choices?.zones)}
        value={audience.zones}
        onChange={setList('zones')}
      />
      <ChoiceList
        legend={t('audience.customerTypes')}
        hint={t('panel.codesHint')}
        choices={offered(choices?.customerTypes)}
        value={audience.customerTypes}
        onChange={setList('customerTypes')}
      />
      <ListInput
        label={t('audience.segments')}
        hint={t('panel.codesHint')}
        value={audience.segments}
        onCommit={setList('segments')}
      />
      <ChoiceList
        legend={t('audience.tags')}
        hint={t('panel.codesHint')}
        choices={offered(choices?.tags)}
        value={audience.tags}
        onChange={setList('tags')}
      />
    </>
  );
}

const groupKinds: readonly GroupKind[] = ['all', 'any', 'not'];

function GroupFields({ rule, node, edit }: { rule: RuleDocument; node: RuleNode; edit: Edit }) {
  const t = useRulesT();
  const group = conditionAt(rule, node.path);
  if (!group || 'fact' in group) return null;
  const add = (part: Part) => {
    let added: string | null = null;
    edit((draft) => {
      added = addPart(draft, part, node.path);
    });
    if (added) useRuleEditor.getState().select(added);
  };
  return (
    <>
      <SelectField
        label={t('panel.groupKind')}
        value={groupKind(group)}
        onChange={(event) => {
          const kind = oneOf(groupKinds, event.target.value) ?? 'all';
          edit((draft) => {
            const current = conditionAt(draft, node.path);
            if (current && !('fact' in current))
              setConditionAt(draft, node.path, regroup(current, kind));
          });
        }}
      >
        {groupKinds.map((kind) => (
          <option key={kind} value={kind}>
            {t(`group.${kind}`)}
          </option>
        ))}
      </SelectField>
      <div className="rule-panel__actions">
        <Button size="sm" onClick={() => add('condition')}>
          <Icon name="plus" />
          {t('panel.addCondition')}
        </Button>
        <Button size="sm" onClick={() => add('any')}>
          <Icon name="plus" />
          {t('panel.addGroup')}
        </Button>
      </div>
    </>
  );
}

function ConditionFields({ rule, node, edit }: { rule: RuleDocument; node: RuleNode; edit: Edit }) {
  const t = useRulesT();
  const { locale } = useLocale();
  const leaf = conditionAt(rule, node.path);
  if (!leaf || !('fact' in leaf)) return null;
  const fact = findFact(leaf.fact);
  const facts = factsFor(rule.trigger.type);
  const change = (next: ConditionLeaf) => edit((draft) => setConditionAt(draft, node.path, next));
  const operators = fact ? (Object.keys(OPERATORS_BY_TYPE[fact.type]) as Operator[]) : [];
  return (
    <>
      <SelectField
        label={t('condition.fact')}
        value={leaf.fact}
        onChange={(event) => change(newLeaf(leaf.id, event.target.value))}
      >
        {!fact && <option value={leaf.fact}>{leaf.fact}</option>}
        {FACT_SOURCES.map((source) => {
          const inSource = facts.filter((candidate) => candidate.source === source);
          return (
            inSource.length > 0 && (
              <optgroup key={source} label={t(`source.${source}`)}>
                {inSource.map((candidate) => (
                  <option key={candidate.id} value={candidate.id}>
                    {candidate.label[locale]}
                  </option>
                ))}
              </optgroup>
            )
          );
        })}
      </SelectField>
      {fact && (
        <>
          <SelectField
            label={t('condition.operator')}
            value={leaf.operator}
            onChange={(event) => {
              const operator = oneOf(operators, event.target.value);
              if (operator) change(withOperator(leaf, operator));
            }}
          >
            {operators.map((operator) => (
              <option key={operator} value={operator}>
                {t(`operator.${operator}`)}
              </option>
            ))}
          </SelectField>
          <ValueInput
            key={`${leaf.id}:${leaf.fact}:${leaf.operator}`}
            kind={kindOf(fact, leaf.operator)}
            typed={!offersChoices(leaf.operator)}
            fact={fact}
            value={leaf.value}
            onChange={(value) => change({ ...leaf, value })}
          />
          {fact.options && fact.type !== 'weekday' && (
            <p className="rule-panel__note">
              {t('condition.options', {
                options: fact.options.map((option) => optionWords(option, t)).join(', '),
              })}
            </p>
          )}
        </>
      )}
    </>
  );
}

const effectTypes: readonly Effect['type'][] = [
  'fixedPoints',
  'pointsPerAmount',
  'multiplier',
  'reward',
  'message',
  'tag',
];

function EffectFields({ rule, node, edit }: { rule: RuleDocument; node: RuleNode; edit: Edit }) {
  const t = useRulesT();
  const choices = useRuleChoices();
  const index = Number(node.path[1]);
  const effect = rule.effects[index];
  if (!effect) return null;
  const change = (next: Effect) =>
    edit((draft) => {
      draft.effects[index] = next;
    });
  return (
    <>
      <SelectField
        label={t('effect.type')}
        value={effect.type}
        onChange={(event) => {
          const type = oneOf(effectTypes, event.target.value);
          if (!type) return;
          edit((draft) => {
            // The new effect replaces this one in place, keeping its id for traces.
            draft.effects.splice(index, 1);
            addPart(draft, type, ['conditions']);
            const added = draft.effects.pop();
            if (added) draft.effects.splice(index, 0, { ...added, id: effect.id });
          });
        }}
      >
        {effectTypes.map((type) => (
          <option key={type} value={type}>
            {t(`effect.${type}`)}
          </option>
        ))}
      </SelectField>
      {effect.type === 'fixedPoints' && (
        <NumberInput
          key={effect.id}
          label={t('effect.points')}
          value={effect.points}
          onCommit={(points) => change({ ...effect, points: points ?? 0 })}
        />
      )}
      {effect.type === 'pointsPerAmount' && (
        <div className="rule-panel__pair">
          <NumberInput
            label={t('effect.points')}
            value={effect.points}
            onCommit={(points) => change({ ...effect, points: points ?? 0 })}
          />
          <NumberInput
            label={t('effect.perAmount')}
            format="pesos"
            value={effect.perAmountCents}
            onCommit={(perAmountCents) =>
              change({ ...effect, perAmountCents: perAmountCents ?? 0 })
            }
          />
        </div>
      )}
      {effect.type === 'multiplier' && (
        <NumberInput
          label={t('effect.factor')}
          hint={t('effect.factorHint')}
          format="decimal"
          value={effect.factor}
          onCommit={(factor) => change({ ...effect, factor: factor ?? 0 })}
        />
      )}
      {(effect.type === 'pointsPerAmount' || effect.type === 'multiplier') && (
        <SelectField
          label={t('effect.rounding')}
          value={effect.rounding}
          onChange={(event) =>
            change({ ...effect, rounding: oneOf(ROUNDINGS, event.target.value) ?? 'floor' })
          }
        >
          {ROUNDINGS.map((rounding) => (
            <option key={rounding} value={rounding}>
              {t(`rounding.${rounding}`)}
            </option>
          ))}
        </SelectField>
      )}
      {effect.type === 'reward' && (
        <RewardField
          value={effect.rewardId}
          onChange={(rewardId) => change({ ...effect, rewardId })}
        />
      )}
      {effect.type === 'tag' && (
        <SuggestingField
          label={t('effect.tag')}
          suggestions={offered(choices?.tags)}
          value={effect.tag}
          onChange={(event) => change({ ...effect, tag: event.target.value })}
        />
      )}
      {effect.type === 'message' && (
        <>
          <TextField
            label={t('effect.subject')}
            maxLength={120}
            value={effect.subject}
            onChange={(event) => change({ ...effect, subject: event.target.value })}
          />
          <TextField
            label={t('effect.body')}
            maxLength={4000}
            value={effect.body}
            onChange={(event) => change({ ...effect, body: event.target.value })}
          />
        </>
      )}
    </>
  );
}

/** The catalog reward a rule gives: picked by name, stored by code. */
function RewardField({ value, onChange }: { value: string; onChange: (code: string) => void }) {
  const t = useRulesT();
  const rewards = offered(useRuleChoices()?.rewards);
  if (!rewards) {
    return (
      <TextField
        label={t('effect.reward')}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    );
  }
  return (
    <SelectField
      label={t('effect.reward')}
      value={value}
      onChange={(event) => onChange(event.target.value)}
    >
      <option value="">{t('condition.pick')}</option>
      {withChosen(rewards, [value]).map((reward) => (
        <option key={reward.value} value={reward.value}>
          {reward.label}
        </option>
      ))}
    </SelectField>
  );
}

function OnReachField({ rule, edit }: { rule: RuleDocument; edit: Edit }) {
  const t = useRulesT();
  return (
    <SelectField
      label={t('cap.onReach')}
      value={rule.caps.onReach}
      onChange={(event) => {
        const onReach = event.target.value === 'skip' ? 'skip' : 'truncate';
        edit((draft) => {
          draft.caps.onReach = onReach;
        });
      }}
    >
      <option value="truncate">{t('cap.truncate')}</option>
      <option value="skip">{t('cap.skip')}</option>
    </SelectField>
  );
}

function PeriodField({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const t = useRulesT();
  return (
    <SelectField
      label={t('cap.period')}
      value={value}
      onChange={(event) => onChange(event.target.value)}
    >
      {CAP_PERIODS.map((period) => (
        <option key={period} value={period}>
          {t(`periodName.${period}`)}
        </option>
      ))}
    </SelectField>
  );
}

function CapFields({ rule, node, edit }: { rule: RuleDocument; node: RuleNode; edit: Edit }) {
  const t = useRulesT();
  const index = Number(node.path[2]);
  const cap = rule.caps.perCustomer[index];
  if (!cap) return null;
  const change = (changes: Partial<typeof cap>) =>
    edit((draft) => {
      const next = { ...cap, ...changes };
      if (next.maxTimes === undefined) delete next.maxTimes;
      if (next.maxPoints === undefined) delete next.maxPoints;
      draft.caps.perCustomer[index] = next;
    });
  return (
    <>
      <PeriodField
        value={cap.period}
        onChange={(value) => change({ period: oneOf(CAP_PERIODS, value) ?? cap.period })}
      />
      <div className="rule-panel__pair">
        <NumberInput
          label={t('cap.maxTimes')}
          optional
          value={cap.maxTimes}
          onCommit={(maxTimes) => change({ maxTimes })}
        />
        <NumberInput
          label={t('cap.maxPoints')}
          optional
          value={cap.maxPoints}
          onCommit={(maxPoints) => change({ maxPoints })}
        />
      </div>
      <OnReachField rule={rule} edit={edit} />
    </>
  );
}

function BudgetFields({ rule, edit }: { rule: RuleDocument; edit: Edit }) {
  const t = useRulesT();
  const budget = rule.caps.budget;
  if (!budget) return null;
  return (
    <>
      <p className="rule-panel__note">{t('cap.budgetNote')}</p>
      <NumberInput
        label={t('cap.maxPoints')}
        value={budget.maxPoints}
        onCommit={(maxPoints) =>
          edit((draft) => {
            draft.caps.budget = { ...budget, maxPoints: maxPoints ?? 0 };
          })
        }
      />
      <PeriodField
        value={budget.period}
        onChange={(value) =>
          edit((draft) => {
            draft.caps.budget = { ...budget, period: oneOf(CAP_PERIODS, value) ?? budget.period };
          })
        }
      />
      <OnReachField rule={rule} edit={edit} />
    </>
  );
}
