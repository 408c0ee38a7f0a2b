import { Link } from 'react-router';
import { usePageTitle } from '@lealtad/studio/shared/hooks.ts';
import { useFormat } from '@lealtad/studio/shared/i18n.tsx';
import { useMe } from '@lealtad/studio/shared/session.tsx';
import { useT } from './messages';

/** The customer's start page: who they are and their zone. Balance and catalog come later. */
export function HomePage() {
  const { user } = useMe();
  const t = useT();
  const format = useFormat();
  usePageTitle(t('nav.home'));

  return (
    <div className="portal-home">
      <section className="welcome" aria-labelledby="welcome-title">
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
      </section>

      <div className="portal-cards">
        <section className="card portal-card" aria-labelledby="account-title">
          <h2 className="portal-card__title" id="account-title">
            {t('home.account')}
          </h2>
          <dl className="portal-facts">
            <div>
              <dt>{t('home.email')}</dt>
              <dd>{user.email}</dd>
            </div>
            <div>
              <dt>{t('home.zoneLabel')}</dt>
              <dd>{user.zone?.name ?? t('home.noZone')}</dd>
            </div>
          </dl>
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
