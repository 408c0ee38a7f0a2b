import { useId } from 'react';
import type { ChangeEvent, ReactNode } from 'react';
import { cx } from './cx';
import { Icon } from './Icon';

/** A large target to pick a file (or drop one on it), with what it takes and any problem. */
export function FileDrop({
  accept,
  title,
  hint,
  error,
  disabled,
  onChange,
}: {
  accept: string;
  title: ReactNode;
  hint: ReactNode;
  error?: string;
  disabled?: boolean;
  onChange: (event: ChangeEvent<HTMLInputElement>) => void;
}) {
  const hintId = useId();
  return (
    <>
      <label className={cx('file-drop', error && 'file-drop--invalid')}>
        <input
          type="file"
          accept={accept}
          disabled={disabled}
          onChange={onChange}
          aria-describedby={hintId}
        />
        <Icon name="upload" />
        <span className="file-drop__title">{title}</span>
        <span className="file-drop__hint" id={hintId}>
          {hint}
        </span>
      </label>
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
