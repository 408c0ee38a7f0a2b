import { useEffect, useRef } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { errorMessage } from '@lealtad/studio/shared/errors.ts';
import { useLocale } from '@lealtad/studio/shared/i18n.tsx';
import { useSharedT } from '@lealtad/studio/shared/messages.ts';
import { productName, useSignOut } from '@lealtad/studio/shared/session.tsx';
import { Alert } from '@lealtad/studio/shared/ui/Alert.tsx';
import { BrandMark } from '@lealtad/studio/shared/ui/BrandMark.tsx';
import { Button } from '@lealtad/studio/shared/ui/Button.tsx';
import { LanguageSwitch } from '@lealtad/studio/shared/ui/LanguageSwitch.tsx';
import { useT } from './messages';
import type { PortalKey } from './messages';
import { ProfileProvider } from './profile';

const sections: readonly { to: string; label: PortalKey }[] = [
  { to: '/', label: 'nav.home' },
  { to: '/rewards', label: 'nav.rewards' },
  { to: '/redemptions', label: 'nav.redemptions' },
  { to: '/movements', label: 'nav.movements' },
  { to: '/card', label: 'nav.card' },
  { to: '/profile', label: 'nav.profile' },
  { to: '/password', label: 'nav.password' },
];

export function PortalLayout() {
  const { signOut, pending, error } = useSignOut();
  const t = useT();
  const st = useSharedT();
  const { locale } = useLocale();
  const nav = useRef<HTMLElement>(null);
  const { pathname } = useLocation();

  // On a phone the sections scroll sideways: keep the current one in view.
  useEffect(() => {
    nav.current
      ?.querySelector('[aria-current="page"]')
      ?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [pathname]);

  return (
    <div className="portal">
      <a className="skip-link" href="#main">
        {st('skipToContent')}
      </a>
      <header className="portal__header">
        <div className="portal__bar">
          <Link to="/" className="portal__brand">
            <BrandMark size={34} />
            <span>{productName.portal}</span>
          </Link>
          <div className="portal__actions">
            <LanguageSwitch />
            <Button size="sm" loading={pending} onClick={() => void signOut()}>
              {st('signOut')}
            </Button>
          </div>
        </div>
        <nav className="portal__nav" aria-label={t('nav.main')} ref={nav}>
          {sections.map((section) => (
            <NavLink
              key={section.to}
              to={section.to}
              end={section.to === '/'}
              className="portal__tab"
            >
              {t(section.label)}
            </NavLink>
          ))}
        </nav>
      </header>
      <main className="portal__main" id="main" tabIndex={-1}>
        {error !== null && <Alert tone="error">{errorMessage(error, locale)}</Alert>}
        <ProfileProvider>
          <Outlet />
        </ProfileProvider>
      </main>
    </div>
  );
}
