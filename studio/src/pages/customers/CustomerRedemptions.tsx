import { Link } from 'react-router';
import type { Page, Redemption } from '../../shared/api';
import { useResource } from '../../shared/hooks';
import { useFormat } from '../../shared/i18n';
import { useRedemptionsVersion } from '../../shared/realtime';
import { RedemptionStatusBadge, RewardImage } from '../../shared/redemptions/RedemptionParts';
import { LoadError, LoadingBlock } from '../../shared/ui/FullPage';
import { useT } from '../../messages';

const shown = 5;

/**
 * The customer's latest redemptions, newest first, each opening its detail; they follow the
 * customer's live redemption events, and `version` (this screen's own changes).
 */
export function CustomerRedemptions({
  customerId,
  version,
}: {
  customerId: number;
  version: number;
}) {
  const t = useT();
  const format = useFormat();
  const live = useRedemptionsVersion(customerId);
  const redemptions = useResource<Page<Redemption>>(
    '/api/redemptions',
    { customerId, order: 'newest', pageSize: shown },
    `${live.version}.${version}`,
  );
  const items = redemptions.data?.items ?? [];
  const more = (redemptions.data?.total ?? 0) - items.length;

  return (
    <section className="card" aria-labelledby="customer-redemptions-title">
      <div className="card__header">
        <h2 className="card__title" id="customer-redemptions-title">
          {t('customerRedemptions.title')}
        </h2>
      </div>
      {redemptions.error && !redemptions.data ? (
        <LoadError error={redemptions.error} onRetry={redemptions.reload} />
      ) : !redemptions.data ? (
        <LoadingBlock />
      ) : items.length === 0 ? (
        <p className="customer-cards__empty">{t('customerRedemptions.empty')}</p>
      ) : (
        <ul role="list" className="card-list" aria-label={t('customerRedemptions.title')}>
          {items.map((redemption) => (
            <li key={redemption.id} className="card-list__item">
              <RewardImage url={redemption.reward.thumbnailUrl} className="card-list__icon" />
              <div className="card-list__text">
                <Link className="card-list__link" to={`/redemptions/${redemption.id}`}>
                  {redemption.reward.name}
                </Link>
                <span className="card-list__meta">
                  <span className="table__mono">{redemption.folio}</span> ·{' '}
                  {t('customerRedemptions.line', {
                    points: format.points(redemption.points),
                    date: format.date(redemption.createdAt),
                  })}
                </span>
              </div>
              <RedemptionStatusBadge status={redemption.status} />
            </li>
          ))}
          {more > 0 && (
            <li className="card-list__item card-list__meta">
              {t('customerRedemptions.more', { count: format.number(more) })}
            </li>
          )}
        </ul>
      )}
    </section>
  );
}
