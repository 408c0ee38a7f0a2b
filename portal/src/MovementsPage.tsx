import { usePageTitle } from '@lealtad/studio/shared/hooks.ts';
import { Statement } from '@lealtad/studio/shared/statement/Statement.tsx';
import { BalanceHeader } from './BalanceHeader';
import { useT } from './messages';
import { useProfile } from './profile';

/** Every movement of the customer's points, filtered and paged, live. */
export function MovementsPage() {
  const t = useT();
  const profile = useProfile();
  usePageTitle(t('movements.title'));
  return (
    <div className="portal-page">
      <BalanceHeader title={t('movements.title')} subtitle={t('movements.subtitle')} />
      <section className="card" aria-label={t('movements.title')}>
        <Statement path="/api/me/statement" version={profile.version} />
      </section>
    </div>
  );
}
