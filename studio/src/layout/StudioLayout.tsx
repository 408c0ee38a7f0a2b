import { Link, NavLink, Outlet } from 'react-router';
import { isZoneScoped } from '@lealtad/server/permissions';
import { errorMessage } from '../shared/errors';
import { useLocale } from '../shared/i18n';
import { useSharedT } from '../shared/messages';
import { productName, useSignOut } from '../shared/session';
import { Alert } from '../shared/ui/Alert';
import { BrandMark } from '../shared/ui/BrandMark';
import { Button } from '../shared/ui/Button';
import { LanguageSwitch } from '../shared/ui/LanguageSwitch';
import { initials, roleKey, useAccess } from '../access';
import { Icon } from '../shared/ui/Icon';
import { useT } from '../messages';
import { navigationFor } from '../nav';
import './layout.css';

export function StudioLayout() {
  const { user } = useAccess();
  const { signOut, pending: signingOut, error: signOutError } = useSignOut();
  const t = useT();
  const st = useSharedT();
  const { locale } = useLocale();

  const zoneText = user.zone
    ? user.zone.name
    : isZoneScoped(user.role)
      ? t('zone.none')
      : t('zone.all');

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {st('skipToContent')}
      </a>
      <header className="topbar">
        <Link to="/" className="topbar__brand">
          <BrandMark size={30} />
          <span>{productName.studio}</span>
        </Link>
        <div className="topbar__end">
          <div className="topbar__user">
            <span className="avatar" aria-hidden="true">
              {initials(user.name)}
            </span>
            <div className="topbar__who">
              <p className="topbar__name">{user.name}</p>
              <p className="topbar__meta">
                {t(roleKey(user.role))} · {zoneText}
              </p>
            </div>
          </div>
          <span className="topbar__divider" aria-hidden="true" />
          <LanguageSwitch />
          <Button variant="ghost" size="sm" loading={signingOut} onClick={() => void signOut()}>
            {!signingOut && <Icon name="signOut" />}
            {st('signOut')}
          </Button>
        </div>
      </header>
      <aside className="sidebar">
        <nav aria-label={t('nav.main')}>
          {navigationFor(user.role).map((group, index) => (
            <div className="sidebar__group" key={group.label ?? index}>
              {group.label && <p className="sidebar__label">{t(group.label)}</p>}
              <ul role="list" className="sidebar__list">
                {group.items.map((item) => (
                  <li key={item.to}>
                    <NavLink to={item.to} end={item.to === '/'} className="sidebar__link">
                      <Icon name={item.icon} />
                      {t(item.label)}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </nav>
      </aside>
      <main className="main" id="main" tabIndex={-1}>
        <div className="main__inner">
          {signOutError !== null && (
            <Alert tone="error">{errorMessage(signOutError, locale)}</Alert>
          )}
          <Outlet />
        </div>
      </main>
    </div>
  );
}
