import { useId, useState } from 'react';
import type { ComponentProps, ReactNode } from 'react';
import { TextField } from '../../../shared/ui/Field';
import type { Choice } from '../rulesApi';
import { useRulesT } from '../rulesText';
import { withChosen } from './ruleChoices';

// Inputs that keep what the person typed while it is not a valid value yet: the document gets
// the value once it parses, and the text stays on screen with a message until then.

type NumberFormat = 'integer' | 'decimal' | 'pesos';

const patterns: Record<NumberFormat, RegExp> = {
  integer: /^-?\d+$/,
  decimal: /^-?\d+(\.\d+)?$/,
  pesos: /^\d+(\.\d{1,2})?$/,
};

function shown(value: number | undefined, format: NumberFormat): string {
  if (value === undefined) return '';
  if (format !== 'pesos') return String(value);
  return value % 100 === 0 ? String(value / 100) : (value / 100).toFixed(2);
}

function parsed(text: string, format: NumberFormat): number | null {
  const clean = text.replace(/[,\s$]/g, '');
  if (!patterns[format].test(clean)) return null;
  const number = Number(clean);
  // Money is stored in integer cents: "499.99" → 49999.
  return format === 'pesos' ? Math.round(number * 100) : number;
}

export function NumberInput({
  label,
  value,
  onCommit,
  format = 'integer',
  optional = false,
  hint,
  className,
}: {
  label: string;
  value: number | undefined;
  onCommit: (value: number | undefined) => void;
  format?: NumberFormat;
  /** Empty is a value too (none). */
  optional?: boolean;
  hint?: ReactNode;
  className?: string;
}) {
  const t = useRulesT();
  const [text, setText] = useState(shown(value, format));
  const [error, setError] = useState<string | undefined>(undefined);
  // The document changed under the input (undo, another view): show its value.
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    if (parsed(text, format) !== (value ?? null)) setText(shown(value, format));
  }
  return (
    <TextField
      className={className}
      label={label}
      inputMode={format === 'integer' ? 'numeric' : 'decimal'}
      value={text}
      hint={hint ?? (format === 'pesos' ? t('input.pesosHint') : undefined)}
      error={error}
      onChange={(event) => {
        const next = event.target.value;
        setText(next);
        if (next.trim() === '' && optional) {
          setError(undefined);
          onCommit(undefined);
          return;
        }
        const number = parsed(next, format);
        if (number === null) {
          setError(t(format === 'pesos' ? 'input.pesosInvalid' : 'input.numberInvalid'));
          return;
        }
        setError(undefined);
        onCommit(number);
      }}
    />
  );
}

/** A list of short texts written with commas: "NORTE, SUR". */
export function ListInput({
  label,
  value,
  onCommit,
  hint,
  placeholder,
}: {
  label: string;
  value: readonly string[];
  onCommit: (value: string[]) => void;
  hint?: ReactNode;
  placeholder?: string;
}) {
  const [text, setText] = useState(value.join(', '));
  const [seen, setSeen] = useState(value);
  const split = (raw: string) =>
    raw
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  if (seen !== value) {
    setSeen(value);
    if (split(text).join('\n') !== value.join('\n')) setText(value.join(', '));
  }
  return (
    <TextField
      label={label}
      hint={hint}
      placeholder={placeholder}
      value={text}
      onChange={(event) => {
        setText(event.target.value);
        onCommit(split(event.target.value));
      }}
    />
  );
}

/** Checkboxes for a few known options, in a fieldset with its legend. */
export function OptionChecks({
  legend,
  options,
  value,
  onChange,
}: {
  legend: string;
  options: readonly { value: string; label: string }[];
  value: readonly string[];
  onChange: (value: string[]) => void;
}) {
  return (
    <fieldset className="rule-checks">
      <legend className="field__label">{legend}</legend>
      <div className="rule-checks__options">
        {options.map((option) => (
          <label key={option.value} className="rule-checks__option">
            <input
              type="checkbox"
              checked={value.includes(option.value)}
              onChange={(event) =>
                onChange(
                  event.target.checked
                    ? [...value, option.value]
                    : value.filter((item) => item !== option.value),
                )
              }
            />
            {option.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/**
 * Several values of a list the platform knows: checkboxes of its choices (plus any chosen value
 * no longer among them), or codes written with commas when there are no choices to offer.
 */
export function ChoiceList({
  legend,
  hint,
  choices,
  value,
  onChange,
}: {
  legend: string;
  /** Shown under the written list. */
  hint: ReactNode;
  choices: readonly Choice[] | null;
  value: readonly string[];
  onChange: (value: string[]) => void;
}) {
  if (!choices) return <ListInput label={legend} hint={hint} value={value} onCommit={onChange} />;
  return (
    <OptionChecks
      legend={legend}
      options={withChosen(choices, value)}
      value={value}
      onChange={onChange}
    />
  );
}

/** Free text, with the platform's known values suggested as the person types. */
export function SuggestingField({
  suggestions,
  ...field
}: ComponentProps<typeof TextField> & { suggestions: readonly Choice[] | null }) {
  const listId = useId();
  return (
    <>
      <TextField {...field} list={suggestions ? listId : undefined} />
      {suggestions && (
        <datalist id={listId}>
          {suggestions.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label === choice.value ? undefined : choice.label}
            </option>
          ))}
        </datalist>
      )}
    </>
  );
}
