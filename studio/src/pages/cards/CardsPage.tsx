import { useState } from 'react';
import { Link } from 'react-router';
import { cardStatuses } from '../../shared/api';
import type { CardStockPage, StockImport } from '../../shared/api';
import { CardStatusBadge, cardStatusKey } from '../../shared/cards/CardParts';
import { groupCardNumber } from '../../shared/cards/cardNumbers';
import { useDebouncedCallback, usePageTitle, useResource } from '../../shared/hooks';
import { useFormat } from '../../shared/i18n';
import { useSharedT } from '../../shared/messages';
import { oneOf, useQueryParams } from '../../shared/queryParams';
import { Alert } from '../../shared/ui/Alert';
import { Button } from '../../shared/ui/Button';
import { cx } from '../../shared/ui/cx';
import { SelectField, TextField } from '../../shared/ui/Field';
import { LoadError, LoadingBlock } from '../../shared/ui/FullPage';
import { Icon } from '../../shared/ui/Icon';
import { FilterChips } from '../../FilterChips';
import type { FilterChip } from '../../FilterChips';
import { ListPagination, PageHeader } from '../../ListParts';
import { useT } from '../../messages';
import { ImportCardsDialog } from './ImportCardsDialog';
import './cards.css';

const pageSize = 25;

/** The card stock: counts by status, a list to search and filter, and imports. */
export function CardsPage() {
  const t = useT();
  const st = useSharedT();
  const format = useFormat();
  const { params, update, page } = useQueryParams();
  const status = oneOf(cardStatuses, params.get('status'));
  const q = params.get('q') ?? '';
  const [search, setSearch] = useState(q);
  const [importing, setImporting] = useState(false);
  const [imported, setImported] = useState<StockImport | null>(null);
  usePageTitle(t('stock.title'));

  const searchInvalid = search.trim() !== '' && !/^[\d -]+$/.test(search.trim());
  const applySearch = useDebouncedCallback((value: string) => {
    if (/^[\d -]*$/.test(value)) update({ q: value, page: null });
  });
  const cards = useResource<CardStockPage>('/api/cards', { status, q, page, pageSize });
  const result = cards.data;
  const total = result
    ? cardStatuses.reduce((sum, option) => sum + result.counts[option], 0)
    : undefined;

  const chips: FilterChip[] = [];
  if (q) {
    chips.push({
      key: 'q',
      label: t('stock.chipQuery', { q }),
      onRemove: () => {
        applySearch.cancel();
        setSearch('');
        update({ q: null, page: null });
      },
    });
  }
  if (status) {
    chips.push({
      key: 'status',
      label: `${t('field.status')}: ${st(cardStatusKey[status])}`,
      onRemove: () => update({ status: null, page: null }),
    });
  }
  const clear = () => {
    applySearch.cancel();
    setSearch('');
    update({ q: null, status: null, page: null });
  };

  return (
    <section className="page">
      <PageHeader
        title={t('stock.title')}
        subtitle={
          total === undefined
            ? t('stock.subtitle')
            : t('stock.subtitleTotal', { total: format.number(total) })
        }
      >
        <Button variant="primary" onClick={() => setImporting(true)}>
          <Icon name="upload" />
          {t('stock.import')}
        </Button>
      </PageHeader>

      {imported && (
        <Alert tone="success">
          {t('stock.importedNotice', {
            count: format.number(imported.imported),
            name: imported.batch.name,
          })}
          {imported.skipped.length > 0 &&
            ` ${t('stock.importedSkipped', { count: format.number(imported.skipped.length) })}`}
        </Alert>
      )}

      <ul role="list" className="stock-stats" aria-label={t('stock.byStatus')}>
        {cardStatuses.map((option) => (
          <li key={option}>
            <button
              type="button"
              className={cx('stock-stat', `stock-stat--${option}`)}
              aria-pressed={status === option}
              onClick={() => update({ status: status === option ? null : option, page: null })}
            >
              <span className="stock-stat__label">{t(`stock.count.${option}`)}</span>
              <span className="stock-stat__value">
                {result ? format.number(result.counts[option]) : '—'}
              </span>
            </button>
          </li>
        ))}
      </ul>

      <div className="card">
        <div className="toolbar" role="search">
          <TextField
            className="toolbar__search"
            label={t('stock.search')}
            type="search"
            inputMode="numeric"
            placeholder={t('stock.searchPlaceholder')}
            value={search}
            onChange={(event) => {
              setSearch(event.target.value);
              applySearch.run(event.target.value.trim());
            }}
            error={searchInvalid ? t('stock.searchInvalid') : undefined}
            icon={<Icon name="search" />}
          />
          <SelectField
            label={t('field.status')}
            value={status ?? ''}
            onChange={(event) => update({ status: event.target.value, page: null })}
          >
            <option value="">{t('users.anyStatus')}</option>
            {cardStatuses.map((option) => (
              <option key={option} value={option}>
                {st(cardStatusKey[option])}
              </option>
            ))}
          </SelectField>
        </div>
        <FilterChips chips={chips} onClear={clear} />

        {cards.error && <LoadError error={cards.error} onRetry={cards.reload} />}
        {!cards.error || result ? (
          <>
            <div className="table-wrap">
              <table className="table" aria-label={t('stock.table')} aria-busy={cards.loading}>
                <thead>
                  <tr>
                    <th scope="col">{t('stock.number')}</th>
                    <th scope="col">{t('field.status')}</th>
                    <th scope="col">{t('stock.customer')}</th>
                    <th scope="col">{t('stock.batch')}</th>
                    <th scope="col">{t('stock.added')}</th>
                    <th scope="col">{t('stock.activated')}</th>
                  </tr>
                </thead>
                <tbody>
                  {result?.items.map((card) => (
                    <tr key={card.id}>
                      <td className="table__nowrap table__mono stock-number">
                        {groupCardNumber(card.number)}
                      </td>
                      <td>
                        <CardStatusBadge status={card.status} />
                      </td>
                      <td>
                        {card.customer ? (
                          <Link className="person__name" to={`/customers/${card.customer.id}`}>
                            {card.customer.firstName} {card.customer.lastName}
                          </Link>
                        ) : (
                          <span className="table__muted">{t('stock.noCustomer')}</span>
                        )}
                      </td>
                      <td className="table__muted">
                        {card.batchId === null ? '—' : `#${card.batchId}`}
                      </td>
                      <td className="table__nowrap table__muted">{format.date(card.createdAt)}</td>
                      <td className="table__nowrap table__muted">
                        {card.activatedAt ? format.date(card.activatedAt) : '—'}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {result && result.items.length === 0 && (
                <p className="empty-state">
                  {q || status ? t('stock.emptyFiltered') : t('stock.empty')}
                </p>
              )}
              {!result && <LoadingBlock />}
            </div>
            {result && <ListPagination result={result} onPage={(next) => update({ page: next })} />}
          </>
        ) : null}
      </div>

      <ImportCardsDialog
        open={importing}
        onClose={() => setImporting(false)}
        onImported={(answer) => {
          setImported(answer);
          cards.reload();
        }}
      />
    </section>
  );
}
