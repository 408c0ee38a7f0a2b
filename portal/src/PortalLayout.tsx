import { Link, NavLink, Outlet } from 'react-router';
import { errorMessage } from '@lealtad/studio/shared/errors.ts';
import { useLocale } from '@lealtad/studio/shared/i18n.tsx';
import { useSharedT } from '@lealtad/studio/shared/messages.ts';
import { productName, useSignOut } from '@lealtad/studio/shared/session.tsx';
import { Alert } from '@lealtad/studio/shared/ui/Alert.tsx';
import { BrandMark } from '@lealtad/studio/shared/ui/BrandMark.tsx';
import { Button } from '@lealtad/studio/shared/ui/Button.tsx';
import { LanguageSwitch } from '@lealtad/studio/shared/ui/LanguageSwitch.tsx';
import { useT } from './messages';

export function PortalLayout() {
  const { signOut, pending, error } = useSignOut();
  const t = useT();
  const st = useSharedT();
  const { locale } = useLocale();

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
        <nav className="portal__nav" aria-label={t('nav.main')}>
          <NavLink to="/" end className="portal__tab">
            {t('nav.home')}
          </NavLink>
          <NavLink to="/password" className="portal__tab">
            {t('nav.password')}
          </NavLink>
        </nav>
      </header>
      <main className="portal__main" id="main" tabIndex={-1}>
        {error !== null && <Alert tone="error">{errorMessage(error, locale)}</Alert>}
        <Outlet />
      </main>
    </div>
  );
}
