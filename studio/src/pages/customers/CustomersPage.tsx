import type { MouseEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { customerStatuses } from '../../shared/api';
import type { Customer, OpenPage } from '../../shared/api';
import { usePageTitle, useResource } from '../../shared/hooks';
import { useFormat } from '../../shared/i18n';
import { oneOf, useQueryParams } from '../../shared/queryParams';
import { SelectField } from '../../shared/ui/Field';
import { LoadError, LoadingBlock } from '../../shared/ui/FullPage';
import { OpenPagination } from '../../shared/ui/Pagination';
import { initials, useAccess } from '../../access';
import { FilterChips } from '../../FilterChips';
import type { FilterChip } from '../../FilterChips';
import { PageHeader, SearchBox, SortHeader, ZoneFilter, useListSearch } from '../../ListParts';
import { useT } from '../../messages';
import type { StudioKey } from '../../messages';
import { useZones } from '../../zones';
import { customerName, statusBadge, statusKey, useCustomerTypes } from './customerText';
import './customers.css';

const pageSize = 25;
const sortable = ['name', 'createdAt'] as const;
type SortKey = (typeof sortable)[number];

function useListParams() {
  const { params, update, page } = useQueryParams();
  return {
    q: params.get('q') ?? '',
    zoneId: params.get('zoneId') ?? '',
    customerTypeId: params.get('customerTypeId') ?? '',
    status: oneOf(customerStatuses, params.get('status')),
    sort: oneOf(sortable, params.get('sort')) ?? 'name',
    order: params.get('order') === 'desc' ? ('desc' as const) : ('asc' as const),
    page,
    update,
  };
}

/** Find a customer: one search box for name, e-mail, phone or customer number, and filters. */
export function CustomersPage() {
  const { user: me, zoneScoped } = useAccess();
  const t = useT();
  const format = useFormat();
  const navigate = useNavigate();
  const list = useListParams();
  const { zones } = useZones();
  const types = useCustomerTypes();
  const search = useListSearch(list.q, list.update);
  usePageTitle(t('customers.title'));

  const customers = useResource<OpenPage<Customer>>('/api/customers', {
    q: list.q,
    zoneId: zoneScoped ? undefined : list.zoneId,
    customerTypeId: list.customerTypeId,
    status: list.status,
    sort: list.sort,
    order: list.order,
    page: list.page,
    pageSize,
  });

  const filtered = Boolean(list.q || list.zoneId || list.customerTypeId || list.status);
  const chips: FilterChip[] = [];
  if (list.q) {
    chips.push({
      key: 'q',
      label: t('customers.chipQuery', { q: list.q }),
      onRemove: () => {
        search.reset();
        list.update({ q: null, page: null });
      },
    });
  }
  const zone = zones.find((option) => String(option.id) === list.zoneId);
  if (!zoneScoped && list.zoneId) {
    chips.push({
      key: 'zone',
      label: `${t('field.zone')}: ${zone?.name ?? list.zoneId}`,
      onRemove: () => list.update({ zoneId: null, page: null }),
    });
  }
  const type = types.find((option) => String(option.id) === list.customerTypeId);
  if (list.customerTypeId) {
    chips.push({
      key: 'type',
      label: `${t('customer.type')}: ${type?.name ?? list.customerTypeId}`,
      onRemove: () => list.update({ customerTypeId: null, page: null }),
    });
  }
  if (list.status) {
    chips.push({
      key: 'status',
      label: `${t('field.status')}: ${t(statusKey(list.status))}`,
      onRemove: () => list.update({ status: null, page: null }),
    });
  }
  const clearFilters = () => {
    search.reset();
    list.update({ q: null, zoneId: null, customerTypeId: null, status: null, page: null });
  };

  const sortBy = (key: SortKey) => {
    const order =
      list.sort === key ? (list.order === 'asc' ? 'desc' : 'asc') : key === 'name' ? 'asc' : 'desc';
    list.update({ sort: key, order, page: null });
  };

  const header = (key: SortKey, label: StudioKey) => (
    <SortHeader
      label={t(label)}
      active={list.sort === key}
      order={list.order}
      onSort={() => sortBy(key)}
    />
  );

  // The whole row opens the customer; the name stays the link for keyboards and readers.
  const openRow = (event: MouseEvent, id: number) => {
    if ((event.target as HTMLElement).closest('a, button')) return;
    void navigate(`/customers/${id}`);
  };

  const page = customers.data;
  return (
    <section className="page">
      <PageHeader
        title={t('customers.title')}
        subtitle={
          zoneScoped
            ? t('customers.subtitleZone', { zone: me.zone?.name ?? '' })
            : t('customers.subtitleAll')
        }
      />

      <div className="card">
        <div className="toolbar toolbar--hinted" role="search">
          <SearchBox
            search={search}
            className="customers-search"
            label={t('customers.search')}
            placeholder={t('customers.searchPlaceholder')}
            hint={t('customers.searchHint')}
            autoFocus
          />
          {!zoneScoped && (
            <ZoneFilter
              label={t('field.zone')}
              anyLabel={t('users.anyZone')}
              zones={zones}
              value={list.zoneId}
              onChange={(zoneId) => list.update({ zoneId, page: null })}
            />
          )}
          <SelectField
            label={t('customer.type')}
            value={list.customerTypeId}
            onChange={(event) => list.update({ customerTypeId: event.target.value, page: null })}
          >
            <option value="">{t('customers.anyType')}</option>
            {types.map((type) => (
              <option key={type.id} value={String(type.id)}>
                {type.name}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('field.status')}
            value={list.status ?? ''}
            onChange={(event) => list.update({ status: event.target.value, page: null })}
          >
            <option value="">{t('users.anyStatus')}</option>
            {customerStatuses.map((status) => (
              <option key={status} value={status}>
                {t(statusKey(status))}
              </option>
            ))}
          </SelectField>
        </div>
        <FilterChips chips={chips} onClear={clearFilters} />

        {customers.error && <LoadError error={customers.error} onRetry={customers.reload} />}
        {!customers.error || page ? (
          <>
            <div className="table-wrap">
              <table
                className="table customers-table"
                aria-label={t('customers.table')}
                aria-busy={customers.loading}
              >
                <thead>
                  <tr>
                    {header('name', 'customer.name')}
                    <th scope="col">{t('customer.number')}</th>
                    <th scope="col">{t('field.zone')}</th>
                    <th scope="col">{t('customer.type')}</th>
                    <th scope="col" className="table__num">
                      {t('customer.balance')}
                    </th>
                    <th scope="col">{t('field.status')}</th>
                    {header('createdAt', 'customer.since')}
                  </tr>
                </thead>
                <tbody>
                  {page?.items.map((customer) => (
                    <tr
                      key={customer.id}
                      className="table__row-link"
                      onClick={(event) => openRow(event, customer.id)}
                    >
                      <td>
                        <div className="person">
                          <span className="avatar" aria-hidden="true">
                            {initials(customerName(customer))}
                          </span>
                          <div className="person__text">
                            <Link className="person__name" to={`/customers/${customer.id}`}>
                              {customerName(customer)}
                            </Link>
                            <span className="person__sub">
                              {customer.email ?? customer.phone ?? t('customer.noContact')}
                            </span>
                          </div>
                        </div>
                      </td>
                      <td className="table__nowrap table__mono">{customer.externalId ?? '—'}</td>
                      <td>{customer.zone.name}</td>
                      <td className={customer.customerType ? undefined : 'table__muted'}>
                        {customer.customerType?.name ?? t('customer.noType')}
                      </td>
                      <td className="table__num">
                        <strong>{format.points(customer.balance)}</strong>
                      </td>
                      <td>
                        <span className={statusBadge[customer.status]}>
                          {t(statusKey(customer.status))}
                        </span>
                      </td>
                      <td className="table__nowrap table__muted">
                        {format.date(customer.createdAt)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {page && page.items.length === 0 && (
                <div className="empty-state">
                  <p className="empty-state__title">
                    {list.q ? t('customers.emptyQuery', { q: list.q }) : t('customers.empty')}
                  </p>
                  {filtered && <p>{t('customers.emptyHint')}</p>}
                </div>
              )}
              {!page && <LoadingBlock />}
            </div>
            {page && (
              <OpenPagination
                page={page.page}
                pageSize={page.pageSize}
                count={page.items.length}
                hasMore={page.hasMore}
                onPage={(next) => list.update({ page: next > 1 ? String(next) : null })}
              />
            )}
          </>
        ) : null}
      </div>
    </section>
  );
}
