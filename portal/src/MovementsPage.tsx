import { usePageTitle } from '@lealtad/studio/shared/hooks.ts';
import { Statement } from '@lealtad/studio/shared/statement/Statement.tsx';
import { Balance } from '@lealtad/studio/shared/ui/Balance.tsx';
import { useT } from './messages';
import { useProfile } from './profile';

/** Every movement of the customer's points, filtered and paged, live. */
export function MovementsPage() {
  const t = useT();
  const profile = useProfile();
  usePageTitle(t('movements.title'));
  return (
    <div className="portal-page">
      <header className="portal-page__header">
        <div>
          <h1 className="portal-page__title">{t('movements.title')}</h1>
          <p className="portal-page__subtitle">{t('movements.subtitle')}</p>
        </div>
        <Balance
          className="card portal-page__balance"
          label={t('movements.balance')}
          value={profile.balance}
          version={profile.version}
          live={profile.live}
          change={profile.lastChange}
        />
      </header>
      <section className="card" aria-label={t('movements.title')}>
        <Statement path="/api/me/statement" version={profile.version} />
      </section>
    </div>
  );
}
