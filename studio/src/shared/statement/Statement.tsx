import { useState } from 'react';
import { ledgerKinds } from '../api';
import type { OpenPage, StatementLine } from '../api';
import { dayBoundary, today } from '../dates';
import { useResource } from '../hooks';
import { useFormat, useLocale } from '../i18n';
import { useSharedT } from '../messages';
import { oneOf, useQueryParams } from '../queryParams';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { cx } from '../ui/cx';
import { SelectField, TextField } from '../ui/Field';
import { LoadError, LoadingBlock } from '../ui/FullPage';
import { Icon } from '../ui/Icon';
import { OpenPagination } from '../ui/Pagination';
import { kindIcon, kindLabel, lineText } from './statementText';
import './statement.css';

interface StatementProps {
  /** `/api/me/statement` (portal) or `/api/customers/:id/statement` (studio). */
  path: string;
  /**
   * Bumped when the customer's points changed live: the first page reads itself again, other
   * pages offer to go back to it.
   */
  version: number;
  pageSize?: number;
}

/**
 * A customer's movements of points, newest first: filter by kind and days, page through, and
 * each line in words with its signed points and the balance after it. Filters and page live in
 * the address (`kind`, `from`, `to`, `page`).
 */
export function Statement({ path, version, pageSize = 20 }: StatementProps) {
  const t = useSharedT();
  const { params, update, page } = useQueryParams();
  const kind = oneOf(ledgerKinds, params.get('kind'));
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const rangeInvalid = Boolean(from && to && from > to);
  const filtered = Boolean(kind || from || to);

  const lines = useResource<OpenPage<StatementLine>>(
    rangeInvalid ? null : path,
    { kind, from: dayBoundary(from, false), to: dayBoundary(to, true), page, pageSize },
    page === 1 ? version : 0,
  );
  const result = lines.data;

  // On a later page, a live change is announced rather than moving the lines being read.
  const [opened, setOpened] = useState({ page, version });
  if (opened.page !== page) setOpened({ page, version });
  const newer = page > 1 && opened.page === page && version !== opened.version;

  // Lines that arrived while the statement is open are marked; ids only grow.
  const [newestAtOpen, setNewestAtOpen] = useState<number | null>(null);
  if (newestAtOpen === null && result && !filtered && result.page === 1 && version === 0) {
    setNewestAtOpen(result.items[0]?.id ?? 0);
  }
  const isNew = (line: StatementLine) => newestAtOpen !== null && line.id > newestAtOpen;

  const goTo = (next: number) => update({ page: next > 1 ? String(next) : null });

  return (
    <div className="statement">
      <div className="statement__filters" role="search">
        <SelectField
          className="statement__kind"
          label={t('statementKind')}
          value={kind ?? ''}
          onChange={(event) => update({ kind: event.target.value, page: null })}
        >
          <option value="">{t('statementAnyKind')}</option>
          {ledgerKinds.map((option) => (
            <option key={option} value={option}>
              {t(kindLabel[option])}
            </option>
          ))}
        </SelectField>
        <TextField
          className="statement__date"
          label={t('statementFrom')}
          type="date"
          value={from}
          max={to || today()}
          onChange={(event) => update({ from: event.target.value, page: null })}
        />
        <TextField
          className="statement__date"
          label={t('statementTo')}
          type="date"
          value={to}
          min={from || undefined}
          max={today()}
          onChange={(event) => update({ to: event.target.value, page: null })}
          error={rangeInvalid ? t('statementRangeInvalid') : undefined}
        />
        {filtered && (
          <Button
            variant="ghost"
            className="statement__clear"
            onClick={() => update({ kind: null, from: null, to: null, page: null })}
          >
            <Icon name="x" />
            {t('statementClear')}
          </Button>
        )}
      </div>

      {newer && (
        <div className="statement__newer" role="status">
          <Icon name="refresh" />
          <span>{t('statementNewer')}</span>
          <Button size="sm" variant="primary" onClick={() => goTo(1)}>
            {t('statementShowNewest')}
          </Button>
        </div>
      )}

      {rangeInvalid ? (
        <div className="load-error">
          <Alert tone="warning">{t('statementRangeInvalid')}</Alert>
        </div>
      ) : lines.error && !result ? (
        <LoadError error={lines.error} onRetry={lines.reload} />
      ) : !result ? (
        <LoadingBlock />
      ) : (
        <>
          {lines.error && <LoadError error={lines.error} onRetry={lines.reload} />}
          <StatementTable lines={result.items} busy={lines.loading} isNew={isNew} />
          {result.items.length === 0 && (
            <p className="empty-state">
              {filtered ? t('statementEmptyFiltered') : t('statementEmpty')}
            </p>
          )}
          <OpenPagination
            page={result.page}
            pageSize={result.pageSize}
            count={result.items.length}
            hasMore={result.hasMore}
            onPage={goTo}
          />
        </>
      )}
    </div>
  );
}

/** Statement lines: a table with date, movement, signed points and balance after. */
export function StatementTable({
  lines,
  busy = false,
  isNew,
}: {
  lines: readonly StatementLine[];
  busy?: boolean;
  /** Marks lines that arrived while the screen was open. */
  isNew?: (line: StatementLine) => boolean;
}) {
  const t = useSharedT();
  const { locale } = useLocale();
  const format = useFormat();
  return (
    <div className="table-wrap">
      <table className="table statement-table" aria-label={t('statementTable')} aria-busy={busy}>
        <thead>
          <tr>
            <th scope="col">{t('statementWhen')}</th>
            <th scope="col">{t('statementWhat')}</th>
            <th scope="col" className="statement-table__num">
              {t('statementPoints')}
            </th>
            <th scope="col" className="statement-table__num">
              {t('statementBalance')}
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr key={line.id} className={cx(isNew?.(line) && 'statement-table__new')}>
              <td className="statement-table__when">
                <time dateTime={line.createdAt}>
                  <span>{format.date(line.createdAt)}</span>
                  <span className="statement-table__sub">{format.time(line.createdAt)}</span>
                </time>
              </td>
              <td>
                <div className="statement-table__what">
                  <span
                    className={cx(
                      'kind-icon',
                      line.points < 0 ? 'kind-icon--minus' : 'kind-icon--plus',
                    )}
                    title={t(kindLabel[line.kind])}
                  >
                    <Icon name={kindIcon[line.kind]} />
                  </span>
                  <span className="statement-table__text">
                    {lineText(line, locale, format)}
                    {line.transaction?.occurredAt &&
                      format.date(line.transaction.occurredAt) !== format.date(line.createdAt) && (
                        <span className="statement-table__sub statement-table__purchased">
                          {t('statementPurchasedOn', {
                            date: format.date(line.transaction.occurredAt),
                          })}
                        </span>
                      )}
                    {isNew?.(line) && (
                      <span className="badge badge--brand statement-table__badge">
                        {t('statementNew')}
                      </span>
                    )}
                  </span>
                </div>
              </td>
              <td className="statement-table__num statement-table__points">
                <span className={line.points < 0 ? 'points--minus' : 'points--plus'}>
                  {format.signedPoints(line.points)}
                </span>
              </td>
              <td
                className="statement-table__num statement-table__balance"
                data-label={t('statementBalance')}
              >
                {format.points(line.balance)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
