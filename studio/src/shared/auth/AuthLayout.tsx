import type { ReactNode } from 'react';
import { useSharedT } from '../messages';
import { productName, useSession } from '../session';
import { BrandMark } from '../ui/BrandMark';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import './auth.css';

const check = 'M20 6 9 17l-5-5';

/**
 * The frame of the signed-out pages. The studio gets a split screen that says what the console
 * does; the portal a lighter, centered card that works on a phone.
 */
export function AuthLayout({ children }: { children: ReactNode }) {
  const { app } = useSession();
  const t = useSharedT();

  if (app === 'studio') {
    return (
      <div className="auth auth--studio">
        <aside className="auth__showcase">
          <div className="auth__brand">
            <BrandMark size={40} />
            <span className="auth__product">{productName.studio}</span>
          </div>
          <div className="auth__pitch">
            <p className="auth__tagline">{t('studioTagline')}</p>
            <ul className="auth__points">
              {(['studioPoint1', 'studioPoint2', 'studioPoint3'] as const).map((key) => (
                <li key={key}>
                  <svg viewBox="0 0 24 24" aria-hidden="true">
                    <path d={check} />
                  </svg>
                  {t(key)}
                </li>
              ))}
            </ul>
          </div>
        </aside>
        <main className="auth__main">
          <div className="auth__toolbar">
            <LanguageSwitch />
          </div>
          <div className="auth__panel">{children}</div>
        </main>
      </div>
    );
  }

  return (
    <div className="auth auth--portal">
      <header className="auth__topbar">
        <div className="auth__brand">
          <BrandMark size={36} />
          <span className="auth__product">
            {productName.portal}
            <span className="auth__product-sub">{t('portalTagline')}</span>
          </span>
        </div>
        <LanguageSwitch />
      </header>
      <main className="auth__main">
        <div className="auth__card">{children}</div>
      </main>
    </div>
  );
}
