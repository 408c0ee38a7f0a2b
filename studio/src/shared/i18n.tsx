import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { Locale } from './api';

export type { Locale };

export const locales: readonly Locale[] = ['es', 'en'];

/** The Intl locale each UI language formats dates and numbers with. */
export const intlLocale: Readonly<Record<Locale, string>> = { es: 'es-MX', en: 'en-US' };

const storageKey = 'lealtad.locale';

function storedLocale(): Locale {
  try {
    return localStorage.getItem(storageKey) === 'en' ? 'en' : 'es';
  } catch {
    // Storage can be blocked (private modes); Spanish is the default anyway.
    return 'es';
  }
}

interface LocaleContextValue {
  locale: Locale;
  setLocale: (locale: Locale) => void;
}

const LocaleContext = createContext<LocaleContextValue | null>(null);

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(storedLocale);

  useEffect(() => {
    document.documentElement.lang = intlLocale[locale];
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    try {
      localStorage.setItem(storageKey, next);
    } catch {
      // Not remembered across visits, still applied now.
    }
  }, []);

  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  return <LocaleContext value={value}>{children}</LocaleContext>;
}

export function useLocale(): LocaleContextValue {
  const value = useContext(LocaleContext);
  if (!value) throw new Error('useLocale needs a <LocaleProvider>.');
  return value;
}

/** One language's texts; `{name}` placeholders are filled by the translator. */
export type Messages<K extends string> = Readonly<Record<K, string>>;
export interface Dictionary<K extends string> {
  es: Messages<K>;
  en: Messages<K>;
}
export type Vars = Readonly<Record<string, string | number>>;
export type Translate<K extends string> = (key: K, vars?: Vars) => string;

export function interpolate(text: string, vars?: Vars): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  );
}

/** The translate function for a dictionary in the current language. */
export function useTranslator<K extends string>(dictionary: Dictionary<K>): Translate<K> {
  const { locale } = useLocale();
  return useCallback(
    (key: K, vars?: Vars) => interpolate(dictionary[locale][key], vars),
    [dictionary, locale],
  );
}

export interface Formatters {
  dateTime: (iso: string) => string;
  date: (iso: string) => string;
  time: (iso: string) => string;
  number: (value: number) => string;
  /** Whole points with thousands separators. */
  points: (value: number) => string;
  /** Points with their sign: +1,250 / −300. */
  signedPoints: (value: number) => string;
  /** Integer cents as pesos (MXN). */
  money: (cents: number) => string;
  /** A calendar day (yyyy-mm-dd) as written, with no time zone shift. */
  day: (ymd: string) => string;
}

/** Dates, numbers, points and money in the current language's conventions (es-MX / en-US). */
export function useFormat(): Formatters {
  const { locale } = useLocale();
  return useMemo(() => {
    const tag = intlLocale[locale];
    const dateTime = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' });
    const date = new Intl.DateTimeFormat(tag, { dateStyle: 'medium' });
    const time = new Intl.DateTimeFormat(tag, { timeStyle: 'short' });
    const number = new Intl.NumberFormat(tag);
    const points = new Intl.NumberFormat(tag, { maximumFractionDigits: 0 });
    const signed = new Intl.NumberFormat(tag, {
      maximumFractionDigits: 0,
      signDisplay: 'exceptZero',
    });
    const money = new Intl.NumberFormat(tag, { style: 'currency', currency: 'MXN' });
    const dayOnly = new Intl.DateTimeFormat(tag, { dateStyle: 'long' });
    return {
      dateTime: (iso) => dateTime.format(new Date(iso)),
      date: (iso) => date.format(new Date(iso)),
      time: (iso) => time.format(new Date(iso)),
      number: (value) => number.format(value),
      points: (value) => points.format(value),
      // A true minus sign, so "−300" does not read as a hyphen.
      signedPoints: (value) => signed.format(value).replace('-', '\u2212'),
      money: (cents) => money.format(cents / 100),
      day: (ymd) => {
        const [y, m, d] = ymd.split('-').map(Number);
        return y && m && d ? dayOnly.format(new Date(y, m - 1, d)) : ymd;
      },
    };
  }, [locale]);
}
