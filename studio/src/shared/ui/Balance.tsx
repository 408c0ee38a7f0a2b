import type { PointsChanged } from '../api';
import { useFormat } from '../i18n';
import { useSharedT } from '../messages';
import { cx } from './cx';
import { LiveBadge } from './LiveBadge';

interface BalanceProps {
  label: string;
  /** Points; undefined while loading. */
  value: number | undefined;
  /** Changes at every live update, so the figure and the last change animate again. */
  version: number;
  live: boolean;
  /** The last change seen live, shown next to the figure. */
  change?: PointsChanged | null;
  /** `hero`: white on the brand colour (portal home); `plain`: on a white card. */
  variant?: 'hero' | 'plain';
  className?: string;
}

/** A points balance as a big figure, announced to screen readers when it changes. */
export function Balance({
  label,
  value,
  version,
  live,
  change,
  variant = 'plain',
  className,
}: BalanceProps) {
  const t = useSharedT();
  const format = useFormat();
  return (
    <div className={cx('balance', `balance--${variant}`, className)}>
      <div className="balance__top">
        <span className="balance__label">{label}</span>
        <LiveBadge live={live} />
      </div>
      <p className="balance__value" aria-live="polite" aria-atomic="true">
        <span
          className={cx('balance__number', version > 0 && 'balance__number--changed')}
          key={version}
        >
          {value === undefined ? '—' : format.points(value)}
        </span>{' '}
        <span className="balance__unit">{value === 1 ? t('pointsOne') : t('points')}</span>
        {change && (
          <span
            key={`change-${version}`}
            className={cx(
              'points-pill balance__change',
              change.line.points < 0 ? 'points-pill--minus' : 'points-pill--plus',
            )}
          >
            {format.signedPoints(change.line.points)}
          </span>
        )}
      </p>
    </div>
  );
}
