import { useId, useState } from 'react';
import type { DeliveryMode, RedemptionStatus, RedemptionStep } from '../api';
import { useFormat } from '../i18n';
import { useSharedT } from '../messages';
import type { SharedKey } from '../messages';
import { cx } from '../ui/cx';
import { Icon } from '../ui/Icon';
import { LiveBadge } from '../ui/LiveBadge';
import './redemptions.css';

export const redemptionStatusKey: Readonly<Record<RedemptionStatus, SharedKey>> = {
  requested: 'redemptionRequested',
  approved: 'redemptionApproved',
  shipped: 'redemptionShipped',
  ready_for_pickup: 'redemptionReadyForPickup',
  delivered: 'redemptionDelivered',
  rejected: 'redemptionRejected',
  cancelled: 'redemptionCancelled',
};

/** Waiting is amber, on its way is the brand colour, done is green, stopped is red or grey. */
const badgeTone: Readonly<Record<RedemptionStatus, string>> = {
  requested: 'badge--warning',
  approved: 'badge--brand',
  shipped: 'badge--brand',
  ready_for_pickup: 'badge--brand',
  delivered: 'badge--success',
  rejected: 'badge--danger',
  cancelled: 'badge--muted',
};

export function RedemptionStatusBadge({ status }: { status: RedemptionStatus }) {
  const t = useSharedT();
  return (
    <span className={cx('badge badge--dot', badgeTone[status])}>
      {t(redemptionStatusKey[status])}
    </span>
  );
}

export const deliveryModeKey: Readonly<Record<DeliveryMode, SharedKey>> = {
  shipping: 'deliveryShipping',
  pickup: 'deliveryPickup',
  digital: 'deliveryDigital',
};

/**
 * Where a redemption may go from `status` (the server's transitions): shipping rewards are
 * shipped, pickup rewards made ready for pickup, and any approved one may be delivered directly.
 */
export function nextStatuses(status: RedemptionStatus, mode: DeliveryMode): RedemptionStatus[] {
  switch (status) {
    case 'requested':
      return ['approved', 'rejected', 'cancelled'];
    case 'approved': {
      const onItsWay: RedemptionStatus[] =
        mode === 'shipping' ? ['shipped'] : mode === 'pickup' ? ['ready_for_pickup'] : [];
      return [...onItsWay, 'delivered', 'rejected', 'cancelled'];
    }
    case 'shipped':
    case 'ready_for_pickup':
      return ['delivered'];
    case 'delivered':
    case 'rejected':
    case 'cancelled':
      return [];
  }
}

/**
 * A redemption's history, oldest step first, the current one marked. Staff (`showActors`)
 * also read who took each step.
 */
function RedemptionTimeline({
  steps,
  showActors = false,
}: {
  steps: readonly RedemptionStep[];
  showActors?: boolean;
}) {
  const t = useSharedT();
  const format = useFormat();
  return (
    <ol className="timeline redemption-timeline" aria-label={t('redemptionTimeline')}>
      {steps.map((step, index) => (
        <li
          key={`${step.at}-${index}`}
          className={cx(
            'timeline__step',
            `timeline__step--${step.status}`,
            index === steps.length - 1 && 'timeline__step--current',
          )}
        >
          <span className="timeline__dot" aria-hidden="true" />
          <div className="timeline__body">
            <p className="timeline__text">{t(redemptionStatusKey[step.status])}</p>
            <p className="timeline__meta">
              <time dateTime={step.at}>{format.dateTime(step.at)}</time>
              {showActors && step.actor && ` · ${t('timelineBy', { name: step.actor.name })}`}
            </p>
            {(step.carrier ?? step.trackingNumber) && (
              <p className="timeline__meta redemption-timeline__shipment">
                {step.carrier && `${t('redemptionCarrier')}: ${step.carrier}`}
                {step.carrier && step.trackingNumber && ' · '}
                {step.trackingNumber && (
                  <span>
                    {t('redemptionTracking')}:{' '}
                    <span className="table__mono">{step.trackingNumber}</span>
                  </span>
                )}
              </p>
            )}
            {step.note && <p className="timeline__note">{step.note}</p>}
          </div>
        </li>
      ))}
    </ol>
  );
}

/** The timeline in its card, saying whether new steps appear by themselves. */
export function RedemptionTimelineCard({
  steps,
  live,
  showActors = false,
}: {
  steps: readonly RedemptionStep[];
  live: boolean;
  showActors?: boolean;
}) {
  const t = useSharedT();
  const titleId = useId();
  return (
    <section className="card" aria-labelledby={titleId}>
      <div className="card__header">
        <h2 className="card__title" id={titleId}>
          {t('redemptionTimeline')}
        </h2>
        <LiveBadge live={live} />
      </div>
      <div className="card__body">
        <RedemptionTimeline steps={steps} showActors={showActors} />
      </div>
    </section>
  );
}

/**
 * A reward's picture (the server's thumbnail, same origin), or a gift drawn in its place, also
 * when the picture cannot be shown. Decorative: the reward's name is always written next to it.
 */
export function RewardImage({ url, className }: { url: string | null; className?: string }) {
  const t = useSharedT();
  const [failed, setFailed] = useState<string | null>(null);
  return url && failed !== url ? (
    <img
      className={cx('reward-image', className)}
      src={url}
      alt=""
      loading="lazy"
      onError={() => setFailed(url)}
    />
  ) : (
    <span className={cx('reward-image reward-image--none', className)} title={t('rewardNoImage')}>
      <Icon name="gift" />
    </span>
  );
}
