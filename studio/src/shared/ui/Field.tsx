import { useId, useState } from 'react';
import type {
  InputHTMLAttributes,
  ReactNode,
  SelectHTMLAttributes,
  TextareaHTMLAttributes,
} from 'react';
import { useSharedT } from '../messages';
import { cx } from './cx';

interface FieldFrameProps {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  className?: string;
  children: ReactNode;
}

/** Label above, control, then the hint or the error (announced when it appears). */
function FieldFrame({ id, label, hint, error, className, children }: FieldFrameProps) {
  return (
    <div className={cx('field', error && 'field--invalid', className)}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children}
      {error ? (
        <p className="field__error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : (
        hint && (
          <p className="field__hint" id={`${id}-hint`}>
            {hint}
          </p>
        )
      )}
    </div>
  );
}

function describedBy(id: string, hint: unknown, error: string | undefined): string | undefined {
  if (error) return `${id}-error`;
  return hint ? `${id}-hint` : undefined;
}

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'className'> {
  label: string;
  hint?: ReactNode;
  error?: string;
  className?: string;
  /** A decorative icon inside the input, on the left (search boxes). */
  icon?: ReactNode;
}

export function TextField({ label, hint, error, className, id, icon, ...input }: TextFieldProps) {
  const autoId = useId();
  const inputId = id ?? autoId;
  const control = (
    <input
      id={inputId}
      className="input"
      aria-invalid={error ? true : undefined}
      aria-describedby={describedBy(inputId, hint, error)}
      {...input}
    />
  );
  return (
    <FieldFrame id={inputId} label={label} hint={hint} error={error} className={className}>
      {icon ? (
        <div className="input-icon">
          {icon}
          {control}
        </div>
      ) : (
        control
      )}
    </FieldFrame>
  );
}

type PasswordFieldProps = Omit<TextFieldProps, 'type'>;

/** A password input with a show/hide switch (its name is "Mostrar", not the field's label). */
export function PasswordField({ label, hint, error, className, id, ...input }: PasswordFieldProps) {
  const t = useSharedT();
  const autoId = useId();
  const inputId = id ?? autoId;
  const [visible, setVisible] = useState(false);
  return (
    <FieldFrame id={inputId} label={label} hint={hint} error={error} className={className}>
      <div className="input-group">
        <input
          id={inputId}
          className="input"
          type={visible ? 'text' : 'password'}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(inputId, hint, error)}
          {...input}
        />
        <button
          type="button"
          className="input-group__toggle"
          aria-pressed={visible}
          aria-controls={inputId}
          onClick={() => setVisible((v) => !v)}
        >
          {visible ? t('hide') : t('show')}
        </button>
      </div>
    </FieldFrame>
  );
}

interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'className'> {
  label: string;
  hint?: ReactNode;
  error?: string;
  className?: string;
}

export function SelectField({
  label,
  hint,
  error,
  className,
  id,
  children,
  ...select
}: SelectFieldProps) {
  const autoId = useId();
  const selectId = id ?? autoId;
  return (
    <FieldFrame id={selectId} label={label} hint={hint} error={error} className={className}>
      <select
        id={selectId}
        className="input select"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(selectId, hint, error)}
        {...select}
      >
        {children}
      </select>
    </FieldFrame>
  );
}

interface TextAreaFieldProps extends Omit<
  TextareaHTMLAttributes<HTMLTextAreaElement>,
  'className'
> {
  label: string;
  hint?: ReactNode;
  error?: string;
  className?: string;
}

export function TextAreaField({ label, hint, error, className, id, ...area }: TextAreaFieldProps) {
  const autoId = useId();
  const areaId = id ?? autoId;
  return (
    <FieldFrame id={areaId} label={label} hint={hint} error={error} className={className}>
      <textarea
        id={areaId}
        className="input textarea"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(areaId, hint, error)}
        {...area}
      />
    </FieldFrame>
  );
}

/** A value shown where a field would be, when it cannot be changed. */
export function ReadOnlyField({
  label,
  value,
  hint,
  className,
}: {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  className?: string;
}) {
  const id = useId();
  return (
    <div className={cx('field', className)}>
      <span className="field__label" id={id}>
        {label}
      </span>
      <p className="field__static" aria-labelledby={id}>
        {value}
      </p>
      {hint && <p className="field__hint">{hint}</p>}
    </div>
  );
}
