import { Balance } from '@lealtad/studio/shared/ui/Balance.tsx';
import { useT } from './messages';
import { useProfile } from './profile';

/** A portal page's title and subtitle, with the customer's live balance beside them. */
export function BalanceHeader({ title, subtitle }: { title: string; subtitle: string }) {
  const t = useT();
  const profile = useProfile();
  return (
    <header className="portal-page__header">
      <div>
        <h1 className="portal-page__title">{title}</h1>
        <p className="portal-page__subtitle">{subtitle}</p>
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
  );
}
