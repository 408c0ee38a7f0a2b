import { useEffect, useId, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { errorMessage } from '../errors';
import { useLocale } from '../i18n';
import { useSharedT } from '../messages';
import { Alert } from './Alert';
import { Button } from './Button';
import { cx } from './cx';

interface DialogProps {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: ReactNode;
  size?: 'sm' | 'md' | 'lg';
  /** The body; rendered only while open, so forms start fresh each time. */
  children: ReactNode;
}

/** A modal on the native <dialog>: focus trap, Escape and the top layer come from the browser. */
export function Dialog({ open, onClose, title, description, size = 'md', children }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const t = useSharedT();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className={cx('dialog', `dialog--${size}`)}
      aria-labelledby={titleId}
      onClose={onClose}
    >
      {open && (
        <>
          <header className="dialog__header">
            <div>
              <h2 className="dialog__title" id={titleId}>
                {title}
              </h2>
              {description && <p className="dialog__description">{description}</p>}
            </div>
            <button type="button" className="icon-button" aria-label={t('close')} onClick={onClose}>
              <svg viewBox="0 0 24 24" aria-hidden="true">
                <path d="M6 6l12 12M18 6 6 18" />
              </svg>
            </button>
          </header>
          {children}
        </>
      )}
    </dialog>
  );
}

interface ConfirmDialogProps {
  open: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => Promise<void>;
}

/** Asks before an action with consequences; shows the server's answer if it fails. */
export function ConfirmDialog({
  open,
  onClose,
  title,
  children,
  confirmLabel,
  danger = false,
  onConfirm,
}: ConfirmDialogProps) {
  const t = useSharedT();
  const { locale } = useLocale();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const close = () => {
    setError(null);
    onClose();
  };

  const confirm = async () => {
    setPending(true);
    setError(null);
    try {
      await onConfirm();
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  };

  return (
    <Dialog open={open} onClose={close} title={title} size="sm">
      <div className="dialog__body">
        <div className="dialog__text">{children}</div>
        {error !== null && <Alert tone="error">{errorMessage(error, locale)}</Alert>}
      </div>
      <footer className="dialog__footer">
        <Button onClick={close}>{t('cancel')}</Button>
        <Button
          variant={danger ? 'danger' : 'primary'}
          loading={pending}
          onClick={() => void confirm()}
        >
          {confirmLabel}
        </Button>
      </footer>
    </Dialog>
  );
}
