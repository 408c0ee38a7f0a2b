import { useSharedT } from '../messages';
import { cx } from './cx';

/** Whether what the screen shows updates by itself right now. */
export function LiveBadge({ live, className }: { live: boolean; className?: string }) {
  const t = useSharedT();
  return (
    <span
      className={cx('live-badge', live ? 'live-badge--on' : 'live-badge--off', className)}
      title={live ? t('liveHint') : t('liveOffHint')}
    >
      <span className="live-badge__dot" aria-hidden="true" />
      {live ? t('live') : t('liveOff')}
    </span>
  );
}
