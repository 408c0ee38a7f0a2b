import type { Reward } from '../../shared/api';
import { useResource } from '../../shared/hooks';
import { useFormat } from '../../shared/i18n';
import { useT } from '../../messages';

/** The categories rewards use now (for filters and as suggestions); empty until loaded. */
export function useRewardCategories(): string[] {
  const { data } = useResource<{ items: string[] }>('/api/rewards/categories');
  return data?.items ?? [];
}

/** A reward's availability window in words: "Siempre", "Desde el …", "Hasta el …", "… – …". */
export function useWindowText(): (reward: Pick<Reward, 'availableFrom' | 'availableTo'>) => string {
  const t = useT();
  const format = useFormat();
  return ({ availableFrom: from, availableTo: to }) => {
    if (from && to) return t('rewards.windowBoth', { from: format.day(from), to: format.day(to) });
    if (from) return t('rewards.windowFrom', { from: format.day(from) });
    if (to) return t('rewards.windowTo', { to: format.day(to) });
    return t('rewards.windowAlways');
  };
}
