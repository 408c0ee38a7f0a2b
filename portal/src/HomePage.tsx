import { Link } from 'react-router';
import type { CatalogReward, OpenPage, StatementLine } from '@lealtad/studio/shared/api.ts';
import { usePageTitle, useResource } from '@lealtad/studio/shared/hooks.ts';
import { useFormat } from '@lealtad/studio/shared/i18n.tsx';
import { useMe } from '@lealtad/studio/shared/session.tsx';
import { StatementTable } from '@lealtad/studio/shared/statement/Statement.tsx';
import { Balance } from '@lealtad/studio/shared/ui/Balance.tsx';
import { LoadError, LoadingBlock } from '@lealtad/studio/shared/ui/FullPage.tsx';
import { Icon } from '@lealtad/studio/shared/ui/Icon.tsx';
import { useT } from './messages';
import { useProfile } from './profile';

/** The customer's start page: the points balance first, then the latest movements. */
export function HomePage() {
  const { user } = useMe();
  const t = useT();
  const format = useFormat();
  const profile = useProfile();
  const customer = profile.data;
  const recent = useResource<OpenPage<StatementLine>>(
    '/api/me/statement',
    { pageSize: 5 },
    profile.version,
  );
  const affordable = useResource<{ items: CatalogReward[] }>(
    '/api/me/rewards',
    { affordable: 'true' },
    profile.version,
  );
  const affordableText = (count: number | undefined) =>
    count === undefined
      ? t('home.rewardsText')
      : count === 0
        ? t('home.rewardsNone')
        : count === 1
          ? t('home.rewardsAffordableOne')
          : t('home.rewardsAffordable', { count });
  usePageTitle(t('nav.home'));

  return (
    <div className="portal-home">
      <section className="welcome" aria-labelledby="welcome-title">
        <div className="welcome__intro">
          <h1 className="welcome__title" id="welcome-title">
            {t('home.greeting', { name: user.name })}
          </h1>
          <p className="welcome__text">{t('home.welcome')}</p>
          <div className="welcome__chips">
            {user.zone && (
              <span className="welcome__chip">{t('home.zone', { zone: user.zone.name })}</span>
            )}
            <span className="welcome__chip welcome__chip--soft">
              {t('home.since', { date: format.date(user.createdAt) })}
            </span>
          </div>
        </div>
        <Balance
          className="welcome__balance"
          variant="hero"
          label={t('home.balance')}
          value={profile.balance}
          version={profile.version}
          live={profile.live}
          change={profile.lastChange}
        />
      </section>
      {profile.error && !customer && <LoadError error={profile.error} onRetry={profile.reload} />}

      <section className="card portal-recent" aria-labelledby="recent-title">
        <header className="card__header">
          <h2 className="card__title" id="recent-title">
            {t('home.recent')}
          </h2>
          <Link to="/movements" className="link portal-recent__all">
            {t('home.recentAll')}
            <Icon name="arrowRight" />
          </Link>
        </header>
        {recent.data ? (
          recent.data.items.length > 0 ? (
            <StatementTable lines={recent.data.items} busy={recent.loading} />
          ) : (
            <p className="empty-state">{t('home.recentEmpty')}</p>
          )
        ) : recent.error ? (
          <LoadError error={recent.error} onRetry={recent.reload} />
        ) : (
          <LoadingBlock />
        )}
      </section>

      <div className="portal-cards">
        <section className="card portal-card" aria-labelledby="rewards-title">
          <h2 className="portal-card__title" id="rewards-title">
            {t('home.rewards')}
          </h2>
          <p className="portal-card__text">{affordableText(affordable.data?.items.length)}</p>
          <Link to="/rewards" className="btn btn--primary portal-card__action">
            {t('home.seeRewards')}
          </Link>
        </section>
        <section className="card portal-card" aria-labelledby="account-title">
          <h2 className="portal-card__title" id="account-title">
            {t('home.account')}
          </h2>
          <dl className="portal-facts">
            <div>
              <dt>{t('home.email')}</dt>
              <dd>{user.email}</dd>
            </div>
            {customer?.externalId && (
              <div>
                <dt>{t('home.customerNumber')}</dt>
                <dd>{customer.externalId}</dd>
              </div>
            )}
            <div>
              <dt>{t('home.zoneLabel')}</dt>
              <dd>{user.zone?.name ?? t('home.noZone')}</dd>
            </div>
          </dl>
          <Link to="/profile" className="btn btn--secondary portal-card__action">
            {t('home.editProfile')}
          </Link>
        </section>
        <section className="card portal-card" aria-labelledby="security-title">
          <h2 className="portal-card__title" id="security-title">
            {t('home.security')}
          </h2>
          <p className="portal-card__text">{t('home.securityText')}</p>
          <Link to="/password" className="btn btn--secondary portal-card__action">
            {t('home.changePassword')}
          </Link>
        </section>
      </div>
    </div>
  );
}
