import { useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError, api } from '../../shared/api';
import type { Customer } from '../../shared/api';
import { errorMessage, noErrors } from '../../shared/errors';
import { useFormSubmit } from '../../shared/hooks';
import { useFormat, useLocale } from '../../shared/i18n';
import { useSharedT } from '../../shared/messages';
import { Alert } from '../../shared/ui/Alert';
import { Button } from '../../shared/ui/Button';
import { Dialog } from '../../shared/ui/Dialog';
import { Segmented } from '../../shared/ui/Segmented';
import { TextAreaField, TextField } from '../../shared/ui/Field';
import { Icon } from '../../shared/ui/Icon';
import { useT } from '../../messages';
import { BalanceAfter } from './BalanceAfter';
import { customerName } from './customerText';

export interface AdjustedLine {
  points: number;
  balance: number;
}

interface AdjustPointsDialogProps {
  open: boolean;
  onClose: () => void;
  customer: Customer;
  /** The balance shown right now (live). */
  balance: number;
  onAdjusted: (line: AdjustedLine) => void;
}

/** A manual adjustment: add or take points with a reason, within the role's limit. */
export function AdjustPointsDialog({ open, onClose, ...form }: AdjustPointsDialogProps) {
  const t = useT();
  const format = useFormat();
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={t('adjust.title')}
      description={t('adjust.description', {
        name: customerName(form.customer),
        balance: format.points(form.balance),
      })}
    >
      <AdjustForm onClose={onClose} {...form} />
    </Dialog>
  );
}

const reasonMax = 200;

function AdjustForm({
  onClose,
  customer,
  balance,
  onAdjusted,
}: Omit<AdjustPointsDialogProps, 'open'>) {
  const t = useT();
  const st = useSharedT();
  const format = useFormat();
  const { locale } = useLocale();
  const [direction, setDirection] = useState<'add' | 'take'>('add');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [limit, setLimit] = useState<string | null>(null);
  const { errors, clear, pending, invalid, send } = useFormSubmit({
    fields: ['points', 'reason'],
    fieldOf: { insufficient_points: 'points' },
    // Over the role's limit: its own message, with what to do, instead of a field's.
    onFailure: (err, found) => {
      if (!(err instanceof ApiError && err.id === 'adjustment_over_limit')) return found;
      setLimit(errorMessage(err, locale));
      return noErrors;
    },
  });

  const digits = amount.replace(/[\s,.]/g, '');
  const magnitude = /^\d{1,8}$/.test(digits) ? Number(digits) : NaN;
  const points = direction === 'add' ? magnitude : -magnitude;
  const after = magnitude > 0 ? balance + points : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setLimit(null);
    const fields: Record<string, string> = {};
    if (!(magnitude > 0)) fields.points = t('adjust.pointsInvalid');
    else if (direction === 'take' && magnitude > balance) {
      fields.points = t('adjust.overBalance', { balance: format.points(balance) });
    }
    const text = reason.trim();
    if (text.length < 5) fields.reason = t('adjust.reasonShort');
    else if (/[<>]/.test(text)) fields.reason = st('textInvalid');
    if (invalid(fields)) return;
    await send(async () =>
      onAdjusted(
        await api.post<AdjustedLine>(`/api/customers/${customer.id}/adjustments`, {
          points,
          reason: text,
        }),
      ),
    );
  };

  return (
    <form noValidate onSubmit={(event) => void submit(event)}>
      <div className="dialog__body">
        {limit && (
          <Alert tone="error" title={t('adjust.limitTitle')}>
            {limit} {t('adjust.limitHelp')}
          </Alert>
        )}
        {errors.general !== null && <Alert tone="error">{errors.general}</Alert>}
        <Segmented
          legend={t('adjust.direction')}
          name="direction"
          options={[
            {
              value: 'add',
              label: (
                <>
                  <Icon name="plus" />
                  {t('adjust.add')}
                </>
              ),
            },
            {
              value: 'take',
              label: (
                <>
                  <Icon name="minus" />
                  {t('adjust.take')}
                </>
              ),
            },
          ]}
          value={direction}
          onChange={(option) => {
            setDirection(option);
            clear('points');
            setLimit(null);
          }}
        />
        <div className="adjust-row">
          <TextField
            className="adjust-row__points"
            label={t('adjust.points')}
            inputMode="numeric"
            autoComplete="off"
            value={amount}
            onChange={(event) => {
              setAmount(event.target.value);
              clear('points');
              setLimit(null);
            }}
            error={errors.fields.points}
            autoFocus
          />
          <BalanceAfter label={t('adjust.after')} balance={balance} after={after} />
        </div>
        <TextAreaField
          label={t('adjust.reason')}
          value={reason}
          maxLength={reasonMax}
          rows={3}
          onChange={(event) => {
            setReason(event.target.value);
            clear('reason');
          }}
          hint={t('adjust.reasonHint', { count: reason.length, max: reasonMax })}
          error={errors.fields.reason}
        />
      </div>
      <footer className="dialog__footer">
        <Button onClick={onClose}>{st('cancel')}</Button>
        <Button type="submit" variant="primary" loading={pending}>
          {t('adjust.submit')}
        </Button>
      </footer>
    </form>
  );
}
