import { useState } from 'react';
import { Link } from 'react-router';
import { staffRoles } from '@lealtad/server/permissions';
import type { Page, User } from '../../shared/api';
import { useDebouncedCallback, usePageTitle, useResource } from '../../shared/hooks';
import { useFormat } from '../../shared/i18n';
import { Alert } from '../../shared/ui/Alert';
import { Button } from '../../shared/ui/Button';
import { SelectField, TextField } from '../../shared/ui/Field';
import { LoadError, LoadingBlock } from '../../shared/ui/FullPage';
import { initials, roleKey, useAccess } from '../../access';
import { Icon } from '../../shared/ui/Icon';
import { ListPagination, PageHeader, SortHeader, ZoneFilter } from '../../ListParts';
import { useT } from '../../messages';
import type { StudioKey } from '../../messages';
import { oneOf, useQueryParams } from '../../shared/queryParams';
import { useZones } from '../../zones';
import { CreateUserDialog } from './CreateUserDialog';

const pageSize = 25;
const sortable = ['name', 'email', 'role', 'lastLoginAt', 'createdAt'] as const;
type SortKey = (typeof sortable)[number];

function useListParams() {
  const { params, update, page } = useQueryParams();
  return {
    q: params.get('q') ?? '',
    role: oneOf(staffRoles, params.get('role')),
    zoneId: params.get('zoneId') ?? '',
    status: oneOf(['active', 'disabled'] as const, params.get('status')),
    sort: oneOf(sortable, params.get('sort')) ?? 'name',
    order: params.get('order') === 'desc' ? ('desc' as const) : ('asc' as const),
    page,
    update,
  };
}

export function UsersPage() {
  const { user: me, can, zoneScoped } = useAccess();
  const t = useT();
  const format = useFormat();
  const list = useListParams();
  const { zones } = useZones();
  const [search, setSearch] = useState(list.q);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<User | null>(null);
  const applySearch = useDebouncedCallback((value: string) =>
    list.update({ q: value.trim(), page: null }),
  );
  usePageTitle(t('users.title'));

  const users = useResource<Page<User>>('/api/users', {
    q: list.q,
    role: list.role,
    zoneId: zoneScoped ? undefined : list.zoneId,
    status: list.status,
    sort: list.sort,
    order: list.order,
    page: list.page,
    pageSize,
  });

  const onSearch = (value: string) => {
    setSearch(value);
    applySearch.run(value);
  };

  const filtered = Boolean(list.q || list.role || list.zoneId || list.status);
  const clearFilters = () => {
    applySearch.cancel();
    setSearch('');
    list.update({ q: null, role: null, zoneId: null, status: null, page: null });
  };

  const sortBy = (key: SortKey) => {
    const order =
      list.sort === key
        ? list.order === 'asc'
          ? 'desc'
          : 'asc'
        : key === 'lastLoginAt' || key === 'createdAt'
          ? 'desc'
          : 'asc';
    list.update({ sort: key, order, page: null });
  };

  const header = (key: SortKey, label: StudioKey) => (
    <SortHeader
      label={t(label)}
      active={list.sort === key}
      order={list.order}
      onSort={() => sortBy(key)}
      iconClassName="sort-icon"
    />
  );

  const page = users.data;

  return (
    <section className="page">
      <PageHeader
        title={t('users.title')}
        subtitle={
          zoneScoped
            ? t('users.subtitleZone', { zone: me.zone?.name ?? '' })
            : t('users.subtitleAll')
        }
      >
        {can('users.write') && (
          <Button variant="primary" onClick={() => setCreating(true)}>
            <Icon name="plus" />
            {t('users.new')}
          </Button>
        )}
      </PageHeader>

      {created && (
        <Alert tone="success">
          {t('users.created', { name: created.name, email: created.email })}
        </Alert>
      )}

      <div className="card">
        <div className="toolbar" role="search">
          <TextField
            className="toolbar__search"
            label={t('users.search')}
            type="search"
            placeholder={t('users.searchPlaceholder')}
            value={search}
            onChange={(event) => onSearch(event.target.value)}
            icon={<Icon name="search" />}
          />
          <SelectField
            label={t('field.role')}
            value={list.role ?? ''}
            onChange={(event) => list.update({ role: event.target.value, page: null })}
          >
            <option value="">{t('users.anyRole')}</option>
            {staffRoles.map((role) => (
              <option key={role} value={role}>
                {t(roleKey(role))}
              </option>
            ))}
          </SelectField>
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
            label={t('field.status')}
            value={list.status ?? ''}
            onChange={(event) => list.update({ status: event.target.value, page: null })}
          >
            <option value="">{t('users.anyStatus')}</option>
            <option value="active">{t('status.active')}</option>
            <option value="disabled">{t('status.disabled')}</option>
          </SelectField>
          <span className="toolbar__spacer" />
          {filtered && (
            <Button variant="ghost" onClick={clearFilters}>
              <Icon name="x" />
              {t('users.clearFilters')}
            </Button>
          )}
        </div>

        {users.error && <LoadError error={users.error} onRetry={users.reload} />}
        {!users.error || page ? (
          <>
            <div className="table-wrap">
              <table className="table" aria-label={t('users.table')} aria-busy={users.loading}>
                <thead>
                  <tr>
                    {header('name', 'field.name')}
                    {header('role', 'field.role')}
                    <th scope="col">{t('field.zone')}</th>
                    <th scope="col">{t('field.status')}</th>
                    {header('lastLoginAt', 'field.lastLogin')}
                    {header('createdAt', 'field.created')}
                  </tr>
                </thead>
                <tbody>
                  {page?.items.map((user) => (
                    <tr key={user.id}>
                      <td>
                        <div className="person">
                          <span className="avatar" aria-hidden="true">
                            {initials(user.name)}
                          </span>
                          <div className="person__text">
                            <span className="person__line">
                              <Link className="person__name" to={`/accounts/${user.id}`}>
                                {user.name}
                              </Link>
                              {user.id === me.id && (
                                <span className="badge badge--brand">{t('users.you')}</span>
                              )}
                            </span>
                            <span className="person__sub">{user.email}</span>
                          </div>
                        </div>
                      </td>
                      <td className="table__nowrap">{t(roleKey(user.role))}</td>
                      <td className={user.zone ? undefined : 'table__muted'}>
                        {user.zone?.name ?? t('zone.none')}
                      </td>
                      <td>
                        <span
                          className={`badge badge--dot ${user.status === 'active' ? 'badge--success' : 'badge--muted'}`}
                        >
                          {t(`status.${user.status}`)}
                        </span>
                      </td>
                      <td className="table__nowrap">
                        {user.lastLoginAt ? (
                          <time className="stack" dateTime={user.lastLoginAt}>
                            <span>{format.date(user.lastLoginAt)}</span>
                            <span className="person__sub">{format.time(user.lastLoginAt)}</span>
                          </time>
                        ) : (
                          <span className="table__muted">{t('users.never')}</span>
                        )}
                      </td>
                      <td className="table__nowrap table__muted">{format.date(user.createdAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {page && page.items.length === 0 && <p className="empty-state">{t('users.empty')}</p>}
              {!page && <LoadingBlock />}
            </div>
            {page && (
              <ListPagination result={page} onPage={(next) => list.update({ page: next })} />
            )}
          </>
        ) : null}
      </div>

      <CreateUserDialog
        open={creating}
        onClose={() => setCreating(false)}
        zones={zones}
        onCreated={(user) => {
          setCreating(false);
          setCreated(user);
          users.reload();
        }}
      />
    </section>
  );
}
