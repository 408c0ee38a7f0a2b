import {
  WEEKDAYS,
  type ConditionValue,
  type FactDefinition,
  type ValueKind,
} from '@lealtad/rules-schema';
import { SelectField, TextField } from '../../../shared/ui/Field';
import type { Choice } from '../rulesApi';
import { optionWords, useRulesT } from '../rulesText';
import { ChoiceList, NumberInput, OptionChecks } from './inputs';
import { factChoices, useRuleChoices, withChosen } from './ruleChoices';

const isRange = (value: ConditionValue): value is { min: number; max: number } =>
  typeof value === 'object' && !Array.isArray(value) && 'min' in value;
const isDateRange = (value: ConditionValue): value is { from: string; to: string } =>
  typeof value === 'object' && !Array.isArray(value) && 'from' in value;
const asList = (value: ConditionValue): string[] => (Array.isArray(value) ? value : []);

/** A select's options; cities come grouped by their state, values no longer known last. */
function ChoiceOptions({ choices }: { choices: readonly (Choice & { state?: string })[] }) {
  const option = (choice: Choice) => (
    <option key={choice.value} value={choice.value}>
      {choice.label}
    </option>
  );
  const states = [...new Set(choices.flatMap((choice) => choice.state ?? []))].sort((a, b) =>
    a.localeCompare(b, 'es'),
  );
  if (states.length === 0) return choices.map(option);
  return (
    <>
      {states.map((state) => (
        <optgroup key={state} label={state}>
          {choices.filter((choice) => choice.state === state).map(option)}
        </optgroup>
      ))}
      {choices.filter((choice) => choice.state === undefined).map(option)}
    </>
  );
}

/** The value of a condition, in the input its fact's type and operator call for. */
export function ValueInput({
  kind,
  fact,
  value,
  onChange,
  label,
  typed = false,
}: {
  /** Defaults to "Valor". */
  label?: string;
  /** Typed even where the fact has choices ("starts with" takes a beginning). */
  typed?: boolean;
  kind: ValueKind;
  fact: FactDefinition;
  value: ConditionValue;
  onChange: (value: ConditionValue) => void;
}) {
  const t = useRulesT();
  const valueLabel = label ?? t('condition.value');
  // Values that name platform data (zones, cities, categories…) are chosen by name, stored by code.
  const ruleChoices = useRuleChoices();
  const choices = typed ? null : factChoices(ruleChoices, fact.id);
  const optionLabel = (option: string) => optionWords(option, t);
  switch (kind) {
    case 'number':
    case 'days':
    case 'money':
      return (
        <NumberInput
          label={
            kind === 'days'
              ? t('condition.days')
              : kind === 'money'
                ? (label ?? t('condition.pesos'))
                : valueLabel
          }
          format={kind === 'money' ? 'pesos' : kind === 'days' ? 'integer' : 'decimal'}
          value={typeof value === 'number' ? value : undefined}
          onCommit={(next) => onChange(next ?? 0)}
        />
      );
    case 'numberRange':
    case 'moneyRange': {
      const range = isRange(value) ? value : { min: 0, max: 0 };
      const format = kind === 'moneyRange' ? 'pesos' : 'decimal';
      return (
        <div className="rule-panel__pair">
          <NumberInput
            label={t('condition.from')}
            format={format}
            value={range.min}
            onCommit={(min) => onChange({ ...range, min: min ?? 0 })}
          />
          <NumberInput
            label={t('condition.to')}
            format={format}
            value={range.max}
            onCommit={(max) => onChange({ ...range, max: max ?? 0 })}
          />
        </div>
      );
    }
    case 'text':
      if (choices) {
        const chosen = typeof value === 'string' ? value : '';
        return (
          <SelectField
            label={valueLabel}
            value={chosen}
            onChange={(event) => onChange(event.target.value)}
          >
            <option value="">{t('condition.pick')}</option>
            <ChoiceOptions choices={withChosen(choices, [chosen])} />
          </SelectField>
        );
      }
      return (
        <TextField
          label={valueLabel}
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onChange(event.target.value)}
        />
      );
    case 'textList':
      return (
        <ChoiceList
          legend={label ?? t('condition.values')}
          hint={t('condition.valuesHint')}
          choices={choices}
          value={asList(value)}
          onChange={onChange}
        />
      );
    case 'option':
      return (
        <SelectField
          label={valueLabel}
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onChange(event.target.value)}
        >
          {(fact.options ?? []).map((option) => (
            <option key={option} value={option}>
              {optionLabel(option)}
            </option>
          ))}
        </SelectField>
      );
    case 'optionList':
    case 'weekdayList':
      return (
        <OptionChecks
          legend={label ?? t('condition.values')}
          options={(kind === 'weekdayList' ? WEEKDAYS : (fact.options ?? [])).map((option) => ({
            value: option,
            label: optionLabel(option),
          }))}
          value={asList(value)}
          onChange={onChange}
        />
      );
    case 'date':
      return (
        <TextField
          label={valueLabel}
          type="date"
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onChange(event.target.value)}
        />
      );
    case 'dateRange': {
      const range = isDateRange(value) ? value : { from: '', to: '' };
      return (
        <div className="rule-panel__pair">
          <TextField
            label={t('condition.from')}
            type="date"
            value={range.from}
            onChange={(event) => onChange({ ...range, from: event.target.value })}
          />
          <TextField
            label={t('condition.to')}
            type="date"
            value={range.to}
            onChange={(event) => onChange({ ...range, to: event.target.value })}
          />
        </div>
      );
    }
    case 'true':
      return <p className="rule-panel__note">{t('condition.noValue')}</p>;
    case 'boolean':
      return (
        <SelectField
          label={valueLabel}
          value={value === true ? 'true' : 'false'}
          onChange={(event) => onChange(event.target.value === 'true')}
        >
          <option value="true">{t('common.yes')}</option>
          <option value="false">{t('common.no')}</option>
        </SelectField>
      );
  }
}
