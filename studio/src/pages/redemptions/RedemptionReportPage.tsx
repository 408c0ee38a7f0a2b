import { Link } from 'react-router';
import { redemptionStatuses } from '../../shared/api';
import type { Page, RedemptionReport, Reward } from '../../shared/api';
import { today } from '../../shared/dates';
import { usePageTitle, useResource } from '../../shared/hooks';
import { useFormat } from '../../shared/i18n';
import { useSharedT } from '../../shared/messages';
import { oneOf, useQueryParams } from '../../shared/queryParams';
import {
  RedemptionStatusBadge,
  redemptionStatusKey,
} from '../../shared/redemptions/RedemptionParts';
import { Alert } from '../../shared/ui/Alert';
import { Button } from '../../shared/ui/Button';
import { cx } from '../../shared/ui/cx';
import { SelectField, TextField } from '../../shared/ui/Field';
import { Icon } from '../../shared/ui/Icon';
import { useAccess } from '../../access';
import { FilterChips } from '../../FilterChips';
import type { FilterChip } from '../../FilterChips';
import { ListResult, PageHeader, ZoneFilter } from '../../ListParts';
import { useT } from '../../messages';
import { useZones } from '../../zones';
import { useCustomerTypes } from '../customers/customerText';
import { useDownload } from './useDownload';
import './redemptions.css';

const pageSize = 50;

/** Redeemed rewards by dates, zone, reward, status and customer type, with totals and Excel. */
export function RedemptionReportPage() {
  const t = useT();
  const st = useSharedT();
  const format = useFormat();
  const { zoneScoped } = useAccess();
  const { zones } = useZones();
  const types = useCustomerTypes();
  const rewards = useResource<Page<Reward>>('/api/rewards', { status: 'all', pageSize: 100 });
  const { params, update, page } = useQueryParams();
  const download = useDownload();
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const zoneId = params.get('zoneId') ?? '';
  const rewardId = params.get('rewardId') ?? '';
  const status = oneOf(redemptionStatuses, params.get('status'));
  const customerTypeId = params.get('customerTypeId') ?? '';
  const rangeInvalid = Boolean(from && to && from > to);
  usePageTitle(t('report.title'));

  const filters = {
    from,
    to,
    zoneId: zoneScoped ? undefined : zoneId,
    rewardId,
    status,
    customerTypeId,
  };
  const report = useResource<RedemptionReport>(rangeInvalid ? null : '/api/reports/redemptions', {
    ...filters,
    page,
    pageSize,
  });
  const result = report.data;

  const rewardName = rewards.data?.items.find((one) => String(one.id) === rewardId)?.name;
  const chips: FilterChip[] = [];
  const chip = (key: string, label: string, param: string) =>
    chips.push({ key, label, onRemove: () => update({ [param]: null, page: null }) });
  if (from) chip('from', t('report.chipFrom', { date: format.day(from) }), 'from');
  if (to) chip('to', t('report.chipTo', { date: format.day(to) }), 'to');
  if (!zoneScoped && zoneId) {
    const zone = zones.find((option) => String(option.id) === zoneId);
    chip('zone', `${t('field.zone')}: ${zone?.name ?? zoneId}`, 'zoneId');
  }
  if (rewardId) chip('reward', `${t('redemptions.reward')}: ${rewardName ?? rewardId}`, 'rewardId');
  if (status) chip('status', `${t('field.status')}: ${st(redemptionStatusKey[status])}`, 'status');
  if (customerTypeId) {
    const type = types.find((option) => String(option.id) === customerTypeId);
    chip('type', `${t('customer.type')}: ${type?.name ?? customerTypeId}`, 'customerTypeId');
  }
  const clear = () =>
    update({
      from: null,
      to: null,
      zoneId: null,
      rewardId: null,
      status: null,
      customerTypeId: null,
      page: null,
    });

  return (
    <section className="page">
      <PageHeader title={t('report.title')} subtitle={t('report.subtitle')}>
        <Button
          variant="primary"
          disabled={rangeInvalid}
          loading={download.pending === 'report'}
          onClick={() =>
            void download.run(
              'report',
              '/api/reports/redemptions.xlsx',
              filters,
              `canjes-${today()}.xlsx`,
            )
          }
        >
          <Icon name="file" />
          {t('report.export')}
        </Button>
      </PageHeader>
      {download.error && <Alert tone="error">{download.error}</Alert>}

      <ul role="list" className="report-totals" aria-label={t('report.totals')}>
        <li className="report-total report-total--main">
          <span className="report-total__label">{t('report.totalRedemptions')}</span>
          <span className="report-total__value">
            {result ? format.number(result.totals.redemptions) : '—'}
          </span>
        </li>
        <li className="report-total report-total--main">
          <span className="report-total__label">{t('report.totalPoints')}</span>
          <span className="report-total__value">
            {result ? format.points(result.totals.points) : '—'}
          </span>
        </li>
        <li className="report-total report-total--statuses">
          <span className="report-total__label">{t('report.byStatus')}</span>
          <ul role="list" className="report-statuses">
            {redemptionStatuses.map((option) => (
              <li key={option}>
                <span className={cx('report-statuses__dot', `report-statuses__dot--${option}`)} />
                {st(redemptionStatusKey[option])}
                <strong>{result ? format.number(result.totals.byStatus[option] ?? 0) : '—'}</strong>
              </li>
            ))}
          </ul>
        </li>
      </ul>

      <div className="card">
        <div className="toolbar" role="search">
          <TextField
            label={t('report.from')}
            type="date"
            value={from}
            max={today()}
            onChange={(event) => update({ from: event.target.value, page: null })}
            error={rangeInvalid ? t('audit.rangeInvalid') : undefined}
          />
          <TextField
            label={t('report.to')}
            type="date"
            value={to}
            max={today()}
            onChange={(event) => update({ to: event.target.value, page: null })}
          />
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
            label={t('redemptions.reward')}
            value={rewardId}
            onChange={(event) => update({ rewardId: event.target.value, page: null })}
          >
            <option value="">{t('report.anyReward')}</option>
            {rewards.data?.items.map((reward) => (
              <option key={reward.id} value={String(reward.id)}>
                {reward.name}
              </option>
            ))}
          </SelectField>
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
          {types.length > 0 && (
            <SelectField
              label={t('customer.type')}
              value={customerTypeId}
              onChange={(event) => update({ customerTypeId: event.target.value, page: null })}
            >
              <option value="">{t('customers.anyType')}</option>
              {types.map((type) => (
                <option key={type.id} value={String(type.id)}>
                  {type.name}
                </option>
              ))}
            </SelectField>
          )}
        </div>
        <FilterChips chips={chips} onClear={clear} />

        <ListResult
          resource={report}
          emptyTitle={t('report.empty')}
          onPage={(next) => update({ page: next })}
        >
          <table className="table" aria-label={t('report.table')} aria-busy={report.loading}>
            <thead>
              <tr>
                <th scope="col">{t('redemptions.folio')}</th>
                <th scope="col">{t('report.date')}</th>
                <th scope="col">{t('redemptions.customer')}</th>
                <th scope="col">{t('redemptions.reward')}</th>
                <th scope="col" className="table__num">
                  {t('redemptions.quantity')}
                </th>
                <th scope="col" className="table__num">
                  {t('redemptions.points')}
                </th>
                <th scope="col">{t('field.status')}</th>
              </tr>
            </thead>
            <tbody>
              {result?.items.map((redemption) => (
                <tr key={redemption.id}>
                  <td className="table__nowrap">
                    <Link className="person__name table__mono" to={`/redemptions/${redemption.id}`}>
                      {redemption.folio}
                    </Link>
                  </td>
                  <td className="table__nowrap">{format.date(redemption.createdAt)}</td>
                  <td>{redemption.customer.name}</td>
                  <td>{redemption.reward.name}</td>
                  <td className="table__num">{format.number(redemption.quantity)}</td>
                  <td className="table__num">{format.points(redemption.points)}</td>
                  <td>
                    <RedemptionStatusBadge status={redemption.status} />
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
