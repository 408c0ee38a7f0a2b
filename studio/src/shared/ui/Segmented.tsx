import type { ReactNode } from 'react';
import { cx } from './cx';

/** One choice of a few, as a row of buttons that are radio buttons underneath. */
export function Segmented<T extends string>({
  legend,
  name,
  options,
  value,
  onChange,
}: {
  legend: string;
  /** The radio group's name (unique within the form). */
  name: string;
  options: readonly { value: T; label: ReactNode }[];
  value: T;
  onChange: (value: T) => void;
}) {
  return (
    <fieldset className="segmented">
      <legend className="field__label">{legend}</legend>
      {options.map((option) => (
        <label
          key={option.value}
          className={cx('segmented__option', value === option.value && 'segmented__option--on')}
        >
          <input
            type="radio"
            name={name}
            value={option.value}
            checked={value === option.value}
            onChange={() => onChange(option.value)}
          />
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}
