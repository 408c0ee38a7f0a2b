import { useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError, api, redemptionStatuses } from '../../shared/api';
import type { Redemption, RedemptionStatus } from '../../shared/api';
import { errorMessage } from '../../shared/errors';
import { useFormSubmit } from '../../shared/hooks';
import { useFormat, useLocale } from '../../shared/i18n';
import { useSharedT } from '../../shared/messages';
import { oneOf } from '../../shared/queryParams';
import { nextStatuses, redemptionStatusKey } from '../../shared/redemptions/RedemptionParts';
import { Alert } from '../../shared/ui/Alert';
import { Button } from '../../shared/ui/Button';
import { SelectField, TextField } from '../../shared/ui/Field';
import { useT } from '../../messages';

/** What a bulk change did to each redemption. */
export interface BulkResult {
  id: number;
  ok: boolean;
  error?: { id: string; message: string };
}

export interface BulkOutcome {
  status: RedemptionStatus;
  changed: number;
  /** Those that could not change, by folio, with the server's reason. */
  failed: { folio: string; message: string }[];
}

/**
 * Moves the selected redemptions to one status with one note. Only statuses that at least one
 * of them can reach are offered; the others are reported one by one, not silently skipped.
 */
export function BulkStatusBar({
  selected,
  onDone,
}: {
  selected: readonly Redemption[];
  onDone: (outcome: BulkOutcome) => void;
}) {
  const t = useT();
  const st = useSharedT();
  const format = useFormat();
  const { locale } = useLocale();
  const reachable = redemptionStatuses.filter((status) =>
    selected.some((one) => nextStatuses(one.status, one.reward.deliveryMode).includes(status)),
  );
  const [status, setStatus] = useState<RedemptionStatus | ''>('');
  const [note, setNote] = useState('');
  const { errors, clear, pending, invalid, send } = useFormSubmit({
    fields: ['status', 'note'],
    stays: true,
  });
  const target = status && reachable.includes(status) ? status : '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!target) found.status = t('bulk.statusMissing');
    if (/[<>]/.test(note)) found.note = st('textInvalid');
    if (invalid(found) || !target) return;
    await send(async () => {
      const { results } = await api.post<{ results: BulkResult[] }>(
        '/api/redemptions/bulk-status',
        { ids: selected.map((one) => one.id), status: target, note: note.trim() || undefined },
      );
      const folio = new Map(selected.map((one) => [one.id, one.folio]));
      onDone({
        status: target,
        changed: results.filter((result) => result.ok).length,
        failed: results.flatMap(({ id, ok, error }) =>
          ok
            ? []
            : [
                {
                  folio: folio.get(id) ?? `#${id}`,
                  message: errorMessage(
                    new ApiError(409, error?.id ?? 'internal_error', error?.message ?? ''),
                    locale,
                  ),
                },
              ],
        ),
      });
    });
  };

  return (
    <form
      className="bulk-bar"
      noValidate
      aria-label={t('bulk.label')}
      onSubmit={(event) => void submit(event)}
    >
      <p className="bulk-bar__count">
        {selected.length === 1
          ? t('bulk.selectedOne')
          : t('bulk.selected', { count: format.number(selected.length) })}
      </p>
      <SelectField
        label={t('bulk.status')}
        value={target}
        onChange={(event) => {
          setStatus(oneOf(redemptionStatuses, event.target.value) ?? '');
          clear('status');
        }}
        error={errors.fields.status}
      >
        <option value="">{t('bulk.choose')}</option>
        {reachable.map((option) => (
          <option key={option} value={option}>
            {st(redemptionStatusKey[option])}
          </option>
        ))}
      </SelectField>
      <TextField
        className="bulk-bar__note"
        label={t('bulk.note')}
        value={note}
        maxLength={255}
        onChange={(event) => {
          setNote(event.target.value);
          clear('note');
        }}
        error={errors.fields.note}
      />
      <Button type="submit" variant="primary" loading={pending}>
        {t('bulk.apply')}
      </Button>
      {errors.general !== null && (
        <Alert tone="error" className="bulk-bar__error">
          {errors.general}
        </Alert>
      )}
    </form>
  );
}

/** What the last bulk change did, said in one notice with the exceptions listed. */
export function BulkOutcomeNotice({ outcome }: { outcome: BulkOutcome }) {
  const t = useT();
  const st = useSharedT();
  const format = useFormat();
  return (
    <Alert
      tone={outcome.failed.length > 0 ? 'warning' : 'success'}
      title={t(outcome.changed === 1 ? 'bulk.doneOne' : 'bulk.done', {
        count: format.number(outcome.changed),
        status: st(redemptionStatusKey[outcome.status]),
      })}
    >
      {outcome.failed.length > 0 && (
        <>
          <p>{t('bulk.failed', { count: format.number(outcome.failed.length) })}</p>
          <ul className="bulk-failures">
            {outcome.failed.map((failure) => (
              <li key={failure.folio}>
                <span className="table__mono">{failure.folio}</span>: {failure.message}
              </li>
            ))}
          </ul>
        </>
      )}
    </Alert>
  );
}
