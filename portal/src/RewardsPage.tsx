import { Link } from 'react-router';
import type { CatalogReward } from '@lealtad/studio/shared/api.ts';
import { usePageTitle, useResource } from '@lealtad/studio/shared/hooks.ts';
import { useFormat } from '@lealtad/studio/shared/i18n.tsx';
import { useQueryParams } from '@lealtad/studio/shared/queryParams.ts';
import { RewardImage } from '@lealtad/studio/shared/redemptions/RedemptionParts.tsx';
import { cx } from '@lealtad/studio/shared/ui/cx.ts';
import { LoadError, LoadingBlock } from '@lealtad/studio/shared/ui/FullPage.tsx';
import { Icon } from '@lealtad/studio/shared/ui/Icon.tsx';
import { BalanceHeader } from './BalanceHeader';
import { useT } from './messages';
import { useProfile } from './profile';
import './rewards.css';

interface Catalog {
  balance: number;
  items: CatalogReward[];
}

/**
 * The rewards this customer may redeem, those the balance covers first. The others say how
 * many points are missing; everything follows the live balance.
 */
export function RewardsPage() {
  const t = useT();
  const profile = useProfile();
  const { params, update } = useQueryParams();
  const category = params.get('category') ?? '';
  const affordableOnly = params.get('affordable') === 'true';
  usePageTitle(t('rewards.title'));

  // Every category of the catalog, whatever is filtered now, so the chips do not come and go.
  const all = useResource<Catalog>('/api/me/rewards', undefined, profile.version);
  const filtered = Boolean(category || affordableOnly);
  const matching = useResource<Catalog>(
    filtered ? '/api/me/rewards' : null,
    { category, affordable: affordableOnly ? 'true' : undefined },
    profile.version,
  );
  const catalog = filtered ? matching : all;
  const categories = [...new Set(all.data?.items.map((reward) => reward.category))].sort();
  const items = catalog.data?.items;
  const affordableCount = all.data?.items.filter((reward) => reward.affordable).length;

  return (
    <div className="portal-page">
      <BalanceHeader title={t('rewards.title')} subtitle={t('rewards.subtitle')} />

      <div className="catalog-filters" role="group" aria-label={t('rewards.filters')}>
        <button
          type="button"
          className={cx('catalog-chip', !category && 'catalog-chip--on')}
          aria-pressed={!category}
          onClick={() => update({ category: null })}
        >
          {t('rewards.allCategories')}
        </button>
        {categories.map((option) => (
          <button
            key={option}
            type="button"
            className={cx('catalog-chip', category === option && 'catalog-chip--on')}
            aria-pressed={category === option}
            onClick={() => update({ category: category === option ? null : option })}
          >
            {option}
          </button>
        ))}
        <label className="catalog-toggle">
          <input
            type="checkbox"
            checked={affordableOnly}
            onChange={(event) => update({ affordable: event.target.checked ? 'true' : null })}
          />
          {affordableCount === undefined
            ? t('rewards.affordableOnly')
            : t('rewards.affordableOnlyCount', { count: affordableCount })}
        </label>
      </div>

      {catalog.error && !items && <LoadError error={catalog.error} onRetry={catalog.reload} />}
      {!items && !catalog.error && <LoadingBlock />}
      {items && items.length === 0 && (
        <div className="card empty-state">
          <p className="empty-state__title">
            {filtered ? t('rewards.emptyFiltered') : t('rewards.empty')}
          </p>
          {affordableOnly && <p>{t('rewards.emptyAffordable')}</p>}
        </div>
      )}
      {items && items.length > 0 && (
        <ul
          role="list"
          className="catalog"
          aria-label={t('rewards.list')}
          aria-busy={catalog.loading}
        >
          {items.map((reward) => (
            <li key={reward.id}>
              <RewardCard reward={reward} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** One reward of the catalog: picture, name, cost, and either "Canjear" or what is missing. */
function RewardCard({ reward }: { reward: CatalogReward }) {
  const t = useT();
  const format = useFormat();
  const progress = Math.min(
    100,
    Math.round(((reward.pointsCost - reward.missingPoints) / reward.pointsCost) * 100),
  );
  return (
    <article className={cx('reward-card', !reward.affordable && 'reward-card--locked')}>
      {/* The picture opens the reward too; the name's link is the one readers and keyboards use. */}
      <Link
        to={`/rewards/${reward.id}`}
        className="reward-card__picture"
        tabIndex={-1}
        aria-hidden="true"
      >
        <RewardImage url={reward.thumbnailUrl} />
        {reward.stock !== null && reward.stock <= 5 && (
          <span className="reward-card__stock">
            {reward.stock === 0
              ? t('rewards.soldOut')
              : reward.stock === 1
                ? t('rewards.stockLeftOne')
                : t('rewards.stockLeft', { count: reward.stock })}
          </span>
        )}
      </Link>
      <div className="reward-card__body">
        <p className="reward-card__category">{reward.category}</p>
        <h2 className="reward-card__name">
          <Link to={`/rewards/${reward.id}`}>{reward.name}</Link>
        </h2>
        <p className="reward-card__cost">
          <strong>{format.points(reward.pointsCost)}</strong> {t('rewards.points')}
        </p>
        {reward.affordable ? (
          <Link to={`/rewards/${reward.id}`} className="btn btn--primary btn--block">
            <Icon name="gift" />
            {t('rewards.redeem')}
          </Link>
        ) : (
          <div className="reward-card__missing">
            <div
              className="progress"
              role="progressbar"
              aria-valuenow={progress}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-label={t('rewards.progress')}
            >
              <span className="progress__bar" style={{ width: `${progress}%` }} />
            </div>
            <p>{t('rewards.missing', { points: format.points(reward.missingPoints) })}</p>
          </div>
        )}
      </div>
    </article>
  );
}
