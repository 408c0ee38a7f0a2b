import { useState } from 'react';
import type { ChangeEvent, FormEvent } from 'react';
import { ApiError, api } from '../../shared/api';
import type { StockImport, StockSkipReason } from '../../shared/api';
import {
  groupCardNumber,
  numbersInFile,
  rangeCapacity,
  rangeNumber,
} from '../../shared/cards/cardNumbers';
import { errorMessage, fieldErrors } from '../../shared/errors';
import { useFormat, useLocale } from '../../shared/i18n';
import { useSharedT } from '../../shared/messages';
import { Alert } from '../../shared/ui/Alert';
import { Button } from '../../shared/ui/Button';
import { Dialog } from '../../shared/ui/Dialog';
import { TextField } from '../../shared/ui/Field';
import { FileDrop } from '../../shared/ui/FileDrop';
import { Segmented } from '../../shared/ui/Segmented';
import { Icon } from '../../shared/ui/Icon';
import { useT } from '../../messages';
import type { StudioKey } from '../../messages';

interface ImportCardsDialogProps {
  open: boolean;
  onClose: () => void;
  onImported: (result: StockImport) => void;
}

/** Add stock: a generated range or the numbers of a CSV/TXT file, then what was left out, why. */
export function ImportCardsDialog({ open, onClose, onImported }: ImportCardsDialogProps) {
  const t = useT();
  return (
    <Dialog
      open={open}
      onClose={onClose}
      size="lg"
      title={t('import.title')}
      description={t('import.description')}
    >
      <ImportForm onClose={onClose} onImported={onImported} />
    </Dialog>
  );
}

/** The most numbers one import takes (the API's limit for a list). */
const maxNumbers = 10_000;
const maxRange = 100_000;

const skipKey: Readonly<Record<StockSkipReason, StudioKey>> = {
  card_format_invalid: 'import.skip.card_format_invalid',
  card_check_digit_invalid: 'import.skip.card_check_digit_invalid',
  duplicate_in_file: 'import.skip.duplicate_in_file',
  already_in_stock: 'import.skip.already_in_stock',
};

const isSkipReason = (code: string): code is StockSkipReason => code in skipKey;

interface LoadedFile {
  name: string;
  numbers: string[];
}

type Outcome =
  | { kind: 'done'; result: StockImport }
  | { kind: 'nothing'; message: string; skipped: StockImport['skipped'] };

function ImportForm({ onClose, onImported }: Omit<ImportCardsDialogProps, 'open'>) {
  const t = useT();
  const st = useSharedT();
  const format = useFormat();
  const { locale } = useLocale();
  const [source, setSource] = useState<'range' | 'file'>('range');
  const [name, setName] = useState('');
  const [prefix, setPrefix] = useState('');
  const [from, setFrom] = useState('1');
  const [count, setCount] = useState('');
  const [file, setFile] = useState<LoadedFile | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const clear = (field: string) => {
    setErrors(({ [field]: _dropped, ...rest }) => rest);
    setGeneral(null);
  };

  const prefixOk = /^\d{4,8}$/.test(prefix);
  const fromValue = /^\d+$/.test(from) ? Number(from) : NaN;
  const countValue = /^\d+$/.test(count.replace(/[,.\s]/g, ''))
    ? Number(count.replace(/[,.\s]/g, ''))
    : NaN;
  const rangePreview =
    prefixOk && fromValue >= 0 && countValue >= 1 && countValue <= rangeCapacity(prefix, fromValue)
      ? {
          first: rangeNumber(prefix, fromValue),
          last: rangeNumber(prefix, fromValue + countValue - 1),
        }
      : null;

  const readFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    clear('file');
    if (!chosen) {
      setFile(null);
      return;
    }
    const numbers = numbersInFile(await chosen.text());
    setFile({ name: chosen.name, numbers });
    if (numbers.length === 0) setErrors((e) => ({ ...e, file: t('import.fileEmpty') }));
    else if (numbers.length > maxNumbers) {
      setErrors((e) => ({
        ...e,
        file: t('import.fileTooMany', {
          count: format.number(numbers.length),
          max: format.number(maxNumbers),
        }),
      }));
    }
  };

  const check = (): Record<string, string> => {
    const found: Record<string, string> = {};
    if (!name.trim()) found.name = st('required');
    else if (/[<>]/.test(name)) found.name = st('textInvalid');
    if (source === 'range') {
      if (!prefixOk) found.prefix = t('import.prefixInvalid');
      if (!(fromValue >= 0)) found.from = t('import.fromInvalid');
      if (!(countValue >= 1 && countValue <= maxRange)) {
        found.count = t('import.countInvalid', { max: format.number(maxRange) });
      } else if (prefixOk && fromValue >= 0 && countValue > rangeCapacity(prefix, fromValue)) {
        found.count = t('import.rangeTooLong');
      }
    } else if (!file) found.file = t('import.fileMissing');
    else if (errors.file) found.file = errors.file;
    return found;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = check();
    setErrors(found);
    setGeneral(null);
    if (Object.keys(found).length > 0) return;
    setPending(true);
    const body =
      source === 'range'
        ? { name: name.trim(), range: { prefix, from: fromValue, count: countValue } }
        : { name: name.trim(), numbers: file?.numbers ?? [] };
    try {
      const result = await api.post<StockImport>('/api/cards/stock', body);
      setOutcome({ kind: 'done', result });
      onImported(result);
    } catch (err) {
      if (err instanceof ApiError && err.id === 'no_new_cards') {
        setOutcome({
          kind: 'nothing',
          message: errorMessage(err, locale),
          skipped: err.details.flatMap((detail) =>
            isSkipReason(detail.code)
              ? [{ number: detail.message.split(': ')[0] ?? '', reason: detail.code }]
              : [],
          ),
        });
      } else {
        const fields = fieldErrors(err, locale);
        const placed: Record<string, string> = {};
        if (fields.name) placed.name = fields.name;
        if (fields['range.prefix']) placed.prefix = fields['range.prefix'];
        if (fields['range.from']) placed.from = fields['range.from'];
        if (fields['range.count'] ?? fields.range) {
          placed.count = fields['range.count'] ?? fields.range ?? '';
        }
        setErrors(placed);
        if (Object.keys(placed).length === 0) setGeneral(errorMessage(err, locale));
      }
    } finally {
      setPending(false);
    }
  };

  if (outcome) {
    const skipped = outcome.kind === 'done' ? outcome.result.skipped : outcome.skipped;
    return (
      <>
        <div className="dialog__body dialog__body--scroll">
          {outcome.kind === 'done' ? (
            <Alert tone="success" title={t('import.doneTitle')}>
              {t('import.done', {
                count: format.number(outcome.result.imported),
                name: outcome.result.batch.name,
                batch: outcome.result.batch.id,
              })}
            </Alert>
          ) : (
            <Alert tone="error">{outcome.message}</Alert>
          )}
          {skipped.length > 0 && <SkippedList skipped={skipped} />}
        </div>
        <footer className="dialog__footer">
          {outcome.kind === 'nothing' && (
            <Button onClick={() => setOutcome(null)}>{t('import.back')}</Button>
          )}
          <Button variant="primary" onClick={onClose}>
            {t('import.finish')}
          </Button>
        </footer>
      </>
    );
  }

  return (
    <form noValidate onSubmit={(event) => void submit(event)}>
      <div className="dialog__body">
        {general && <Alert tone="error">{general}</Alert>}
        <TextField
          label={t('import.name')}
          value={name}
          maxLength={120}
          onChange={(event) => {
            setName(event.target.value);
            clear('name');
          }}
          hint={t('import.nameHint')}
          error={errors.name}
          autoFocus
        />
        <Segmented
          legend={t('import.source')}
          name="source"
          options={[
            {
              value: 'range',
              label: (
                <>
                  <Icon name="box" />
                  {t('import.byRange')}
                </>
              ),
            },
            {
              value: 'file',
              label: (
                <>
                  <Icon name="file" />
                  {t('import.byFile')}
                </>
              ),
            },
          ]}
          value={source}
          onChange={(option) => {
            setSource(option);
            setErrors({});
          }}
        />

        {source === 'range' ? (
          <div className="import-range">
            <div className="import-range__fields">
              <TextField
                label={t('import.prefix')}
                inputMode="numeric"
                maxLength={8}
                value={prefix}
                onChange={(event) => {
                  setPrefix(event.target.value.replace(/\D/g, ''));
                  clear('prefix');
                }}
                hint={t('import.prefixHint')}
                error={errors.prefix}
              />
              <TextField
                label={t('import.from')}
                inputMode="numeric"
                value={from}
                onChange={(event) => {
                  setFrom(event.target.value.replace(/\D/g, ''));
                  clear('from');
                }}
                hint={t('import.fromHint')}
                error={errors.from}
              />
              <TextField
                label={t('import.count')}
                inputMode="numeric"
                value={count}
                onChange={(event) => {
                  setCount(event.target.value);
                  clear('count');
                }}
                hint={t('import.countHint', { max: format.number(maxRange) })}
                error={errors.count}
              />
            </div>
            <div className="import-preview" aria-live="polite">
              {rangePreview ? (
                <>
                  <p className="import-preview__title">
                    {t('import.rangePreview', { count: format.number(countValue) })}
                  </p>
                  <p className="import-preview__numbers">
                    <span>{groupCardNumber(rangePreview.first)}</span>
                    <Icon name="arrowRight" />
                    <span>{groupCardNumber(rangePreview.last)}</span>
                  </p>
                  <p className="import-preview__note">{t('import.rangeNote')}</p>
                </>
              ) : (
                <p className="import-preview__note">{t('import.rangeEmpty')}</p>
              )}
            </div>
          </div>
        ) : (
          <div className="import-file">
            <FileDrop
              accept=".csv,.txt,text/csv,text/plain"
              onChange={(event) => void readFile(event)}
              title={file ? file.name : t('import.fileChoose')}
              hint={
                file
                  ? t('import.fileRead', { count: format.number(file.numbers.length) })
                  : t('import.fileHint', { max: format.number(maxNumbers) })
              }
              error={errors.file}
            />
            {file && file.numbers.length > 0 && !errors.file && (
              <div className="import-preview">
                <p className="import-preview__title">{t('import.filePreview')}</p>
                <ul role="list" className="import-preview__list">
                  {file.numbers.slice(0, 5).map((number, index) => (
                    <li key={index}>{number}</li>
                  ))}
                  {file.numbers.length > 5 && (
                    <li className="import-preview__more">
                      {t('import.more', { count: format.number(file.numbers.length - 5) })}
                    </li>
                  )}
                </ul>
              </div>
            )}
          </div>
        )}
      </div>
      <footer className="dialog__footer">
        <Button onClick={onClose}>{st('cancel')}</Button>
        <Button type="submit" variant="primary" loading={pending}>
          {t('import.submit')}
        </Button>
      </footer>
    </form>
  );
}

/** Numbers left out of an import, grouped by why, each with its reason. */
function SkippedList({ skipped }: { skipped: StockImport['skipped'] }) {
  const t = useT();
  const format = useFormat();
  const shown = 200;
  const byReason = new Map<StockSkipReason, number>();
  for (const skip of skipped) byReason.set(skip.reason, (byReason.get(skip.reason) ?? 0) + 1);
  return (
    <section className="skipped" aria-labelledby="skipped-title">
      <h3 className="skipped__title" id="skipped-title">
        {t('import.skippedTitle', { count: format.number(skipped.length) })}
      </h3>
      <ul role="list" className="skipped__summary">
        {[...byReason].map(([reason, n]) => (
          <li key={reason} className="badge badge--warning">
            {t(skipKey[reason])}: {format.number(n)}
          </li>
        ))}
      </ul>
      <div className="skipped__table">
        <table className="table" aria-label={t('import.skippedTable')}>
          <thead>
            <tr>
              <th scope="col">{t('import.skippedNumber')}</th>
              <th scope="col">{t('import.skippedReason')}</th>
            </tr>
          </thead>
          <tbody>
            {skipped.slice(0, shown).map((skip, index) => (
              <tr key={index}>
                <td className="table__mono">{skip.number || '—'}</td>
                <td>{t(skipKey[skip.reason])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {skipped.length > shown && (
        <p className="field__hint">
          {t('import.skippedMore', { count: format.number(skipped.length - shown) })}
        </p>
      )}
    </section>
  );
}
