import { locales, useLocale } from '../i18n';
import type { Locale } from '../i18n';
import { useSharedT } from '../messages';
import { cx } from './cx';

const short: Record<Locale, string> = { es: 'ES', en: 'EN' };

/** ES | EN; the choice is remembered in this browser. */
export function LanguageSwitch({ className }: { className?: string }) {
  const { locale, setLocale } = useLocale();
  const t = useSharedT();
  const names: Record<Locale, string> = { es: t('languageEs'), en: t('languageEn') };
  return (
    <div className={cx('lang-switch', className)} role="group" aria-label={t('language')}>
      {locales.map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          className="lang-switch__option"
          aria-pressed={locale === option}
          aria-label={names[option]}
          onClick={() => setLocale(option)}
        >
          {short[option]}
        </button>
      ))}
    </div>
  );
}
