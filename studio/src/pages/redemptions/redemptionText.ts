import { useMemo } from 'react';
import { intlLocale, useLocale } from '../../shared/i18n';

/** The age filters of the queue, in days. */
export const ageOptions = ['2', '7', '15', '30'] as const;

const dayMs = 86_400_000;

/** How long ago an instant was, in words: "hace 3 días", "hoy". */
export function useAgo(): (iso: string) => string {
  const { locale } = useLocale();
  return useMemo(() => {
    const words = new Intl.RelativeTimeFormat(intlLocale[locale], { numeric: 'auto' });
    return (iso: string) => {
      const days = Math.floor((Date.now() - new Date(iso).getTime()) / dayMs);
      return words.format(-Math.max(0, days), 'day');
    };
  }, [locale]);
}
