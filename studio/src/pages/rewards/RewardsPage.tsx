import { useState } from 'react';
import { api, rewardStatuses } from '../../shared/api';
import type { Page, Reward } from '../../shared/api';
import { useNotice, usePageTitle, useResource } from '../../shared/hooks';
import { useFormat } from '../../shared/i18n';
import { oneOf, useQueryParams } from '../../shared/queryParams';
import { RewardImage, deliveryModeKey } from '../../shared/redemptions/RedemptionParts';
import { useSharedT } from '../../shared/messages';
import { Alert } from '../../shared/ui/Alert';
import { Button } from '../../shared/ui/Button';
import { cx } from '../../shared/ui/cx';
import { ConfirmDialog } from '../../shared/ui/Dialog';
import { SelectField } from '../../shared/ui/Field';
import { Icon } from '../../shared/ui/Icon';
import type { IconName } from '../../shared/ui/Icon';
import { useAccess } from '../../access';
import { FilterChips } from '../../FilterChips';
import type { FilterChip } from '../../FilterChips';
import { ListResult, PageHeader, SearchBox, useListSearch } from '../../ListParts';
import { useT } from '../../messages';
import { RewardDialog } from './RewardDialog';
import { useRewardCategories, useWindowText } from './rewardText';
import './rewards.css';

const pageSize = 25;
const statusFilters = [...rewardStatuses, 'all'] as const;

/** What a row's action asks to confirm. */
type Pending = { kind: 'retire' | 'restore' | 'delete'; reward: Reward } | null;

/**
 * The rewards catalog: search and filter, and for those who manage it, create, edit, retire,
 * restore, and delete what was never redeemed. The call center reads it to redeem for customers.
 */
export function RewardsPage() {
  const t = useT();
  const st = useSharedT();
  const format = useFormat();
  const windowText = useWindowText();
  const { can } = useAccess();
  const manages = can('rewards.manage');
  const { params, update, page } = useQueryParams();
  const q = params.get('q') ?? '';
  const status = oneOf(statusFilters, params.get('status')) ?? 'active';
  const category = params.get('category') ?? '';
  const search = useListSearch(q, update);
  const [editing, setEditing] = useState<Reward | 'new' | null>(null);
  const [confirming, setConfirming] = useState<Pending>(null);
  const notice = useNotice(t);
  const categories = useRewardCategories();
  usePageTitle(t('rewards.title'));

  const rewards = useResource<Page<Reward>>('/api/rewards', {
    q,
    status,
    category,
    page,
    pageSize,
  });
  const result = rewards.data;

  const chips: FilterChip[] = [];
  if (q) {
    chips.push({
      key: 'q',
      label: t('rewards.chipQuery', { q }),
      onRemove: () => {
        search.reset();
        update({ q: null, page: null });
      },
    });
  }
  if (status !== 'active') {
    chips.push({
      key: 'status',
      label: `${t('field.status')}: ${t(`rewards.filter.${status}`)}`,
      onRemove: () => update({ status: null, page: null }),
    });
  }
  if (category) {
    chips.push({
      key: 'category',
      label: `${t('rewards.category')}: ${category}`,
      onRemove: () => update({ category: null, page: null }),
    });
  }
  const clear = () => {
    search.reset();
    update({ q: null, status: null, category: null, page: null });
  };

  const act = async ({ kind, reward }: NonNullable<Pending>) => {
    if (kind === 'delete') await api.delete(`/api/rewards/${reward.id}`);
    else await api.post<Reward>(`/api/rewards/${reward.id}/${kind}`);
    notice.show(`rewards.done.${kind}`, { name: reward.name });
    rewards.reload();
  };

  return (
    <section className="page">
      <PageHeader title={t('rewards.title')} subtitle={t('rewards.subtitle')}>
        {manages && (
          <Button variant="primary" onClick={() => setEditing('new')}>
            <Icon name="plus" />
            {t('rewards.new')}
          </Button>
        )}
      </PageHeader>

      {notice.text && <Alert tone="success">{notice.text}</Alert>}

      <div className="card">
        <div className="toolbar" role="search">
          <SearchBox
            search={search}
            label={t('rewards.search')}
            placeholder={t('rewards.searchPlaceholder')}
          />
          <SelectField
            label={t('field.status')}
            value={status}
            onChange={(event) =>
              update({
                status: event.target.value === 'active' ? null : event.target.value,
                page: null,
              })
            }
          >
            {statusFilters.map((option) => (
              <option key={option} value={option}>
                {t(`rewards.filter.${option}`)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('rewards.category')}
            value={category}
            onChange={(event) => update({ category: event.target.value, page: null })}
          >
            <option value="">{t('rewards.anyCategory')}</option>
            {categories.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </SelectField>
        </div>
        <FilterChips chips={chips} onClear={clear} />

        <ListResult
          resource={rewards}
          emptyTitle={chips.length > 0 ? t('rewards.emptyFiltered') : t('rewards.empty')}
          emptyHint={manages && chips.length === 0 ? t('rewards.emptyHint') : undefined}
          onPage={(next) => update({ page: next })}
        >
          <table
            className="table rewards-table"
            aria-label={t('rewards.table')}
            aria-busy={rewards.loading}
          >
            <thead>
              <tr>
                <th scope="col">{t('rewards.reward')}</th>
                <th scope="col">{t('rewards.delivery')}</th>
                <th scope="col" className="table__num">
                  {t('rewards.cost')}
                </th>
                <th scope="col" className="table__num">
                  {t('rewards.stock')}
                </th>
                <th scope="col">{t('field.status')}</th>
                {manages && (
                  <th scope="col">
                    <span className="visually-hidden">{t('rewards.actions')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {result?.items.map((reward) => (
                <tr key={reward.id}>
                  <td>
                    <div className="reward-cell">
                      <RewardImage url={reward.thumbnailUrl} className="reward-cell__image" />
                      <div className="person__text">
                        {manages ? (
                          <button
                            type="button"
                            className="link reward-cell__name"
                            onClick={() => setEditing(reward)}
                          >
                            {reward.name}
                          </button>
                        ) : (
                          <span className="reward-cell__name">{reward.name}</span>
                        )}
                        <span className="person__sub">
                          <span className="table__mono">{reward.code}</span> · {reward.category}
                        </span>
                      </div>
                    </div>
                  </td>
                  <td>
                    <div className="stack">
                      <span className="table__nowrap">
                        {st(deliveryModeKey[reward.deliveryMode])}
                      </span>
                      <span className="person__sub">{windowText(reward)}</span>
                    </div>
                  </td>
                  <td className="table__num">
                    <strong>{format.points(reward.pointsCost)}</strong>
                  </td>
                  <td
                    className={reward.stock === 0 ? 'table__num rewards-table__out' : 'table__num'}
                  >
                    <div className="stack rewards-table__stock">
                      <span>
                        {reward.stock === null ? st('stockUnlimited') : format.number(reward.stock)}
                      </span>
                      <span className="person__sub">
                        {t('rewards.redeemedCount', { count: format.number(reward.redeemedCount) })}
                      </span>
                    </div>
                  </td>
                  <td>
                    <span
                      className={
                        reward.status === 'active'
                          ? 'badge badge--dot badge--success'
                          : 'badge badge--dot badge--muted'
                      }
                    >
                      {t(`rewards.status.${reward.status}`)}
                    </span>
                  </td>
                  {manages && (
                    <td>
                      <div className="row-actions">
                        <RowAction
                          icon="pencil"
                          label={t('rewards.editNamed', { name: reward.name })}
                          onClick={() => setEditing(reward)}
                        />
                        {reward.status === 'active' ? (
                          <RowAction
                            icon="box"
                            label={t('rewards.retireNamed', { name: reward.name })}
                            onClick={() => setConfirming({ kind: 'retire', reward })}
                          />
                        ) : (
                          <RowAction
                            icon="undo"
                            label={t('rewards.restoreNamed', { name: reward.name })}
                            onClick={() => setConfirming({ kind: 'restore', reward })}
                          />
                        )}
                        {reward.redeemedCount === 0 && (
                          <RowAction
                            icon="trash"
                            danger
                            label={t('rewards.deleteNamed', { name: reward.name })}
                            onClick={() => setConfirming({ kind: 'delete', reward })}
                          />
                        )}
                      </div>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </ListResult>
      </div>

      <RewardDialog
        reward={editing === 'new' ? null : editing}
        open={editing !== null}
        onClose={() => {
          setEditing(null);
          // The reward may have been saved before its picture was refused.
          rewards.reload();
        }}
        onSaved={(saved, created) => {
          setEditing(null);
          notice.show(created ? 'rewards.done.created' : 'rewards.done.saved', {
            name: saved.name,
          });
          rewards.reload();
        }}
      />
      <ConfirmDialog
        open={confirming !== null}
        onClose={() => setConfirming(null)}
        title={confirming ? t(`rewards.confirm.${confirming.kind}`) : ''}
        confirmLabel={confirming ? t(`rewards.${confirming.kind}`) : ''}
        danger={confirming?.kind === 'delete'}
        onConfirm={() => (confirming ? act(confirming) : Promise.resolve())}
      >
        {confirming && (
          <p>{t(`rewards.confirmText.${confirming.kind}`, { name: confirming.reward.name })}</p>
        )}
      </ConfirmDialog>
    </section>
  );
}

/** A row's action as an icon, named for readers and shown as a tooltip on hover. */
function RowAction({
  icon,
  label,
  danger = false,
  onClick,
}: {
  icon: IconName;
  label: string;
  danger?: boolean;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      className={cx('icon-button', danger && 'row-actions__danger')}
      aria-label={label}
      title={label}
      onClick={onClick}
    >
      <Icon name={icon} />
    </button>
  );
}
