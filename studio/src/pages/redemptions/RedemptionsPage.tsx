import { useState } from 'react';
import type { MouseEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { redemptionStatuses } from '../../shared/api';
import type { Page, Redemption } from '../../shared/api';
import { usePageTitle, useResource } from '../../shared/hooks';
import { useFormat } from '../../shared/i18n';
import { useSharedT } from '../../shared/messages';
import { oneOf, useQueryParams } from '../../shared/queryParams';
import {
  RedemptionStatusBadge,
  RewardImage,
  redemptionStatusKey,
} from '../../shared/redemptions/RedemptionParts';
import { useRedemptionQueueVersion } from '../../shared/realtime';
import { SelectField } from '../../shared/ui/Field';
import { Icon } from '../../shared/ui/Icon';
import { LiveBadge } from '../../shared/ui/LiveBadge';
import { useAccess } from '../../access';
import { FilterChips } from '../../FilterChips';
import type { FilterChip } from '../../FilterChips';
import { ListResult, PageHeader, SearchBox, useListSearch, ZoneFilter } from '../../ListParts';
import { useT } from '../../messages';
import { useZones } from '../../zones';
import { BulkOutcomeNotice, BulkStatusBar } from './BulkStatusBar';
import type { BulkOutcome } from './BulkStatusBar';
import { ageOptions, useAgo } from './redemptionText';
import './redemptions.css';

const pageSize = 25;

/**
 * The redemption queue, oldest first: filter by status, zone and age, open one to follow it,
 * or select several and move them on together. It reads again when a redemption changes.
 */
export function RedemptionsPage() {
  const t = useT();
  const st = useSharedT();
  const format = useFormat();
  const ago = useAgo();
  const navigate = useNavigate();
  const { user: me, zoneScoped } = useAccess();
  const { zones } = useZones();
  const { params, update, page } = useQueryParams();
  const q = params.get('q') ?? '';
  const status = oneOf(redemptionStatuses, params.get('status'));
  const zoneId = params.get('zoneId') ?? '';
  const age = oneOf(ageOptions, params.get('olderThanDays'));
  const search = useListSearch(q, update);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [outcome, setOutcome] = useState<BulkOutcome | null>(null);
  usePageTitle(t('redemptions.title'));

  const query = {
    q,
    status,
    zoneId: zoneScoped ? undefined : zoneId,
    olderThanDays: age,
    page,
    pageSize,
  };
  const queue = useRedemptionQueueVersion();
  const redemptions = useResource<Page<Redemption>>('/api/redemptions', query, queue.version);
  const result = redemptions.data;
  // What is selected is what this page shows: a new page or filter starts empty.
  const listKey = JSON.stringify(query);
  const [selectedFor, setSelectedFor] = useState(listKey);
  if (selectedFor !== listKey) {
    setSelectedFor(listKey);
    setSelected(new Set());
  }

  const chips: FilterChip[] = [];
  if (q) {
    chips.push({
      key: 'q',
      label: t('redemptions.chipQuery', { q }),
      onRemove: () => {
        search.reset();
        update({ q: null, page: null });
      },
    });
  }
  if (status) {
    chips.push({
      key: 'status',
      label: `${t('field.status')}: ${st(redemptionStatusKey[status])}`,
      onRemove: () => update({ status: null, page: null }),
    });
  }
  const zone = zones.find((option) => String(option.id) === zoneId);
  if (!zoneScoped && zoneId) {
    chips.push({
      key: 'zone',
      label: `${t('field.zone')}: ${zone?.name ?? zoneId}`,
      onRemove: () => update({ zoneId: null, page: null }),
    });
  }
  if (age) {
    chips.push({
      key: 'age',
      label: t('redemptions.olderThan', { days: age }),
      onRemove: () => update({ olderThanDays: null, page: null }),
    });
  }
  const clear = () => {
    search.reset();
    update({ q: null, status: null, zoneId: null, olderThanDays: null, page: null });
  };

  const items = result?.items ?? [];
  const allSelected = items.length > 0 && items.every((item) => selected.has(item.id));
  const toggle = (id: number) =>
    setSelected((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  // The whole row opens the redemption; the folio stays the link for keyboards and readers.
  const openRow = (event: MouseEvent, id: number) => {
    if ((event.target as HTMLElement).closest('a, button, input, label')) return;
    void navigate(`/redemptions/${id}`);
  };

  return (
    <section className="page">
      <PageHeader
        title={t('redemptions.title')}
        subtitle={
          zoneScoped
            ? t('redemptions.subtitleZone', { zone: me.zone?.name ?? '' })
            : t('redemptions.subtitle')
        }
      >
        <LiveBadge live={queue.live} />
        <Link to="/redemption-imports" className="btn btn--secondary">
          <Icon name="upload" />
          {t('redemptions.toImports')}
        </Link>
      </PageHeader>

      {outcome && <BulkOutcomeNotice outcome={outcome} />}

      <div className="card">
        <div className="toolbar" role="search">
          <SearchBox
            search={search}
            label={t('redemptions.search')}
            placeholder={t('redemptions.searchPlaceholder')}
          />
          <SelectField
            label={t('field.status')}
            value={status ?? ''}
            onChange={(event) => update({ status: event.target.value, page: null })}
          >
            <option value="">{t('users.anyStatus')}</option>
            {redemptionStatuses.map((option) => (
              <option key={option} value={option}>
                {st(redemptionStatusKey[option])}
              </option>
            ))}
          </SelectField>
          {!zoneScoped && (
            <ZoneFilter
              label={t('field.zone')}
              anyLabel={t('users.anyZone')}
              zones={zones}
              value={zoneId}
              onChange={(value) => update({ zoneId: value, page: null })}
            />
          )}
          <SelectField
            label={t('redemptions.age')}
            value={age ?? ''}
            onChange={(event) => update({ olderThanDays: event.target.value, page: null })}
          >
            <option value="">{t('redemptions.anyAge')}</option>
            {ageOptions.map((days) => (
              <option key={days} value={days}>
                {t('redemptions.olderThan', { days })}
              </option>
            ))}
          </SelectField>
        </div>
        <FilterChips chips={chips} onClear={clear} />
        {selected.size > 0 && (
          <BulkStatusBar
            selected={items.filter((item) => selected.has(item.id))}
            onDone={(done) => {
              setOutcome(done);
              setSelected(new Set());
              redemptions.reload();
            }}
          />
        )}

        <ListResult
          resource={redemptions}
          emptyTitle={chips.length > 0 ? t('redemptions.emptyFiltered') : t('redemptions.empty')}
          onPage={(next) => update({ page: next })}
        >
          <table
            className="table redemptions-table"
            aria-label={t('redemptions.table')}
            aria-busy={redemptions.loading}
          >
            <thead>
              <tr>
                <th scope="col" className="table__check">
                  <input
                    type="checkbox"
                    aria-label={t('redemptions.selectAll')}
                    checked={allSelected}
                    disabled={items.length === 0}
                    onChange={() =>
                      setSelected(allSelected ? new Set() : new Set(items.map((i) => i.id)))
                    }
                  />
                </th>
                <th scope="col">{t('redemptions.folio')}</th>
                <th scope="col">{t('redemptions.customer')}</th>
                <th scope="col">{t('redemptions.reward')}</th>
                <th scope="col" className="table__num">
                  {t('redemptions.points')}
                </th>
                <th scope="col">{t('field.status')}</th>
                <th scope="col">{t('redemptions.requested')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((redemption) => (
                <tr
                  key={redemption.id}
                  className="table__row-link"
                  aria-selected={selected.has(redemption.id)}
                  onClick={(event) => openRow(event, redemption.id)}
                >
                  <td className="table__check">
                    <input
                      type="checkbox"
                      aria-label={t('redemptions.select', { folio: redemption.folio })}
                      checked={selected.has(redemption.id)}
                      onChange={() => toggle(redemption.id)}
                    />
                  </td>
                  <td className="table__nowrap">
                    <Link className="person__name table__mono" to={`/redemptions/${redemption.id}`}>
                      {redemption.folio}
                    </Link>
                  </td>
                  <td>
                    <div className="person__text">
                      <Link className="person__name" to={`/customers/${redemption.customer.id}`}>
                        {redemption.customer.name}
                      </Link>
                      <span className="person__sub table__mono">
                        {redemption.customer.externalId ?? '—'}
                      </span>
                    </div>
                  </td>
                  <td>
                    <div className="reward-line">
                      <RewardImage
                        url={redemption.reward.thumbnailUrl}
                        className="reward-line__image"
                      />
                      <span>
                        {redemption.quantity > 1 && `${format.number(redemption.quantity)} × `}
                        {redemption.reward.name}
                      </span>
                    </div>
                  </td>
                  <td className="table__num">{format.points(redemption.points)}</td>
                  <td>
                    <RedemptionStatusBadge status={redemption.status} />
                  </td>
                  <td className="table__nowrap">
                    <div className="stack">
                      <span>{format.date(redemption.createdAt)}</span>
                      <span className="person__sub">{ago(redemption.createdAt)}</span>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ListResult>
      </div>
    </section>
  );
}
