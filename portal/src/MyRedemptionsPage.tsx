import { Link } from 'react-router';
import type { Page, Redemption } from '@lealtad/studio/shared/api.ts';
import { usePageTitle, useResource } from '@lealtad/studio/shared/hooks.ts';
import { useFormat } from '@lealtad/studio/shared/i18n.tsx';
import { useQueryParams } from '@lealtad/studio/shared/queryParams.ts';
import { useRedemptionsVersion } from '@lealtad/studio/shared/realtime.tsx';
import {
  RedemptionStatusBadge,
  RewardImage,
} from '@lealtad/studio/shared/redemptions/RedemptionParts.tsx';
import { LoadError, LoadingBlock } from '@lealtad/studio/shared/ui/FullPage.tsx';
import { Icon } from '@lealtad/studio/shared/ui/Icon.tsx';
import { Pagination } from '@lealtad/studio/shared/ui/Pagination.tsx';
import { BalanceHeader } from './BalanceHeader';
import { useT } from './messages';
import './rewards.css';

/** The customer's redemptions, newest first, each with where it is now; live. */
export function MyRedemptionsPage() {
  const t = useT();
  const format = useFormat();
  const { update, page } = useQueryParams();
  const live = useRedemptionsVersion('self');
  const redemptions = useResource<Page<Redemption>>('/api/me/redemptions', { page }, live.version);
  const result = redemptions.data;
  usePageTitle(t('myRedemptions.title'));

  return (
    <div className="portal-page">
      <BalanceHeader title={t('myRedemptions.title')} subtitle={t('myRedemptions.subtitle')} />
      {redemptions.error && !result && (
        <LoadError error={redemptions.error} onRetry={redemptions.reload} />
      )}
      {!result && !redemptions.error && <LoadingBlock />}
      {result && result.items.length === 0 && (
        <div className="card empty-state">
          <p className="empty-state__title">{t('myRedemptions.empty')}</p>
          <Link to="/rewards" className="btn btn--primary">
            <Icon name="gift" />
            {t('myRedemptions.toCatalog')}
          </Link>
        </div>
      )}
      {result && result.items.length > 0 && (
        <section className="card" aria-label={t('myRedemptions.title')}>
          <ul role="list" className="my-redemptions">
            {result.items.map((redemption) => (
              <li key={redemption.id}>
                <Link to={`/redemptions/${redemption.id}`} className="my-redemption">
                  <RewardImage
                    url={redemption.reward.thumbnailUrl}
                    className="my-redemption__image"
                  />
                  <span className="my-redemption__text">
                    <span className="my-redemption__name">{redemption.reward.name}</span>
                    <span className="my-redemption__meta">
                      {t('myRedemptions.meta', {
                        folio: redemption.folio,
                        date: format.date(redemption.createdAt),
                        points: format.points(redemption.points),
                      })}
                    </span>
                  </span>
                  <RedemptionStatusBadge status={redemption.status} />
                  <Icon name="chevronRight" />
                </Link>
              </li>
            ))}
          </ul>
          {result.total > result.pageSize && (
            <Pagination
              page={result.page}
              pageSize={result.pageSize}
              total={result.total}
              onPage={(next) => update({ page: next > 1 ? String(next) : null })}
            />
          )}
        </section>
      )}
    </div>
  );
}
