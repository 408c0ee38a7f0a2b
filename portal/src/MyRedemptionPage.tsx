import { useState } from 'react';
import { useLocation, useParams } from 'react-router';
import { api } from '@lealtad/studio/shared/api.ts';
import type { Redemption } from '@lealtad/studio/shared/api.ts';
import { usePageTitle, useResource } from '@lealtad/studio/shared/hooks.ts';
import { useFormat } from '@lealtad/studio/shared/i18n.tsx';
import { useSharedT } from '@lealtad/studio/shared/messages.ts';
import { useRedemptionsVersion } from '@lealtad/studio/shared/realtime.tsx';
import {
  RedemptionStatusBadge,
  RedemptionTimelineCard,
  RewardImage,
  deliveryModeKey,
} from '@lealtad/studio/shared/redemptions/RedemptionParts.tsx';
import { Alert } from '@lealtad/studio/shared/ui/Alert.tsx';
import { Button } from '@lealtad/studio/shared/ui/Button.tsx';
import { ConfirmDialog } from '@lealtad/studio/shared/ui/Dialog.tsx';
import { BackLink, PendingPage } from '@lealtad/studio/shared/ui/FullPage.tsx';
import { useT } from './messages';
import './rewards.css';

/** Where the customer's redemption was left by the page that made it. */
function redeemedFolio(state: unknown): string | null {
  return typeof state === 'object' && state !== null && 'redeemed' in state
    ? String(state.redeemed)
    : null;
}

/** One redemption and its timeline, which moves on by itself as staff update it. */
export function MyRedemptionPage() {
  const { id } = useParams();
  const t = useT();
  const st = useSharedT();
  const format = useFormat();
  const location = useLocation();
  const justRedeemed = redeemedFolio(location.state);
  const redemptionId = Number(id);
  const valid = Number.isInteger(redemptionId) && redemptionId > 0;
  const live = useRedemptionsVersion('self');
  const loaded = useResource<Redemption>(
    valid ? `/api/me/redemptions/${redemptionId}` : null,
    undefined,
    live.version,
  );
  const [cancelling, setCancelling] = useState(false);
  const redemption = loaded.data;
  usePageTitle(redemption ? redemption.folio : t('myRedemptions.title'));

  const back = <BackLink to="/redemptions">{t('myRedemption.back')}</BackLink>;
  if (!redemption) {
    return <PendingPage className="portal-page" back={back} resource={loaded} />;
  }

  return (
    <div className="portal-page portal-page--narrow">
      {back}
      {justRedeemed && redemption.status === 'requested' && (
        <Alert tone="success" title={t('myRedemption.doneTitle')}>
          {t('myRedemption.done', { folio: justRedeemed })}
        </Alert>
      )}
      <header className="card my-redemption-hero">
        <RewardImage url={redemption.reward.thumbnailUrl} className="my-redemption-hero__image" />
        <div className="my-redemption-hero__text">
          <p className="my-redemption__meta">
            {t('myRedemption.folio', { folio: redemption.folio })}
          </p>
          <h1 className="my-redemption-hero__title">{redemption.reward.name}</h1>
          <p className="my-redemption__meta">
            {t('myRedemption.points', {
              points: format.points(redemption.points),
              date: format.dateTime(redemption.createdAt),
            })}
          </p>
        </div>
        <RedemptionStatusBadge status={redemption.status} />
      </header>

      <RedemptionTimelineCard steps={redemption.timeline ?? []} live={live.live} />

      <section className="card" aria-labelledby="delivery-title">
        <div className="card__header">
          <h2 className="card__title" id="delivery-title">
            {t('myRedemption.delivery')}
          </h2>
        </div>
        <div className="card__body">
          <dl className="portal-facts">
            <div>
              <dt>{t('myRedemption.mode')}</dt>
              <dd>{st(deliveryModeKey[redemption.reward.deliveryMode])}</dd>
            </div>
            {redemption.deliveryAddress && (
              <div>
                <dt>{t('myRedemption.address')}</dt>
                <dd>{redemption.deliveryAddress}</dd>
              </div>
            )}
            {redemption.carrier && (
              <div>
                <dt>{st('redemptionCarrier')}</dt>
                <dd>{redemption.carrier}</dd>
              </div>
            )}
            {redemption.trackingNumber && (
              <div>
                <dt>{st('redemptionTracking')}</dt>
                <dd className="table__mono">{redemption.trackingNumber}</dd>
              </div>
            )}
          </dl>
          {redemption.status === 'requested' && (
            <Button
              className="btn--danger-outline my-redemption__cancel"
              onClick={() => setCancelling(true)}
            >
              {t('myRedemption.cancel')}
            </Button>
          )}
        </div>
      </section>

      <ConfirmDialog
        open={cancelling}
        onClose={() => setCancelling(false)}
        title={t('myRedemption.cancelTitle')}
        confirmLabel={t('myRedemption.cancelConfirm')}
        danger
        onConfirm={async () => {
          await api.post<Redemption>(`/api/me/redemptions/${redemption.id}/cancel`);
          loaded.reload();
        }}
      >
        <p>{t('myRedemption.cancelText', { points: format.points(redemption.points) })}</p>
      </ConfirmDialog>
    </div>
  );
}
