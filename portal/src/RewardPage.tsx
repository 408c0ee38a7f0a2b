import { useState } from 'react';
import type { FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api } from '@lealtad/studio/shared/api.ts';
import type { CatalogReward, Redemption } from '@lealtad/studio/shared/api.ts';
import { useFormSubmit, usePageTitle, useResource } from '@lealtad/studio/shared/hooks.ts';
import { useFormat } from '@lealtad/studio/shared/i18n.tsx';
import { useSharedT } from '@lealtad/studio/shared/messages.ts';
import {
  RewardImage,
  deliveryModeKey,
} from '@lealtad/studio/shared/redemptions/RedemptionParts.tsx';
import { Alert } from '@lealtad/studio/shared/ui/Alert.tsx';
import { Button } from '@lealtad/studio/shared/ui/Button.tsx';
import { TextAreaField } from '@lealtad/studio/shared/ui/Field.tsx';
import { BackLink, PendingPage } from '@lealtad/studio/shared/ui/FullPage.tsx';
import { Icon } from '@lealtad/studio/shared/ui/Icon.tsx';
import { useT } from './messages';
import { useProfile } from './profile';
import './rewards.css';

/** A key for one redemption attempt: a retry of the same confirmation takes nothing twice. */
function attemptKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** A reward in full, and redeeming it: choose, confirm, done. */
export function RewardPage() {
  const { id } = useParams();
  const t = useT();
  const profile = useProfile();
  const rewardId = Number(id);
  const valid = Number.isInteger(rewardId) && rewardId > 0;
  const loaded = useResource<CatalogReward>(
    valid ? `/api/me/rewards/${rewardId}` : null,
    undefined,
    profile.version,
  );
  const reward = loaded.data;
  usePageTitle(reward?.name ?? t('rewards.title'));

  const back = <BackLink to="/rewards">{t('reward.back')}</BackLink>;
  if (!reward) {
    return <PendingPage className="portal-page" back={back} resource={loaded} />;
  }
  return (
    <div className="portal-page">
      {back}
      <article className="card reward-detail">
        <div className="reward-detail__picture">
          <RewardImage url={reward.imageUrl} />
        </div>
        <div className="reward-detail__body">
          <RewardFacts reward={reward} />
          <RedeemPanel reward={reward} />
        </div>
      </article>
    </div>
  );
}

function RewardFacts({ reward }: { reward: CatalogReward }) {
  const t = useT();
  const st = useSharedT();
  const format = useFormat();
  return (
    <>
      <p className="reward-card__category">{reward.category}</p>
      <h1 className="portal-page__title">{reward.name}</h1>
      <p className="reward-detail__cost">
        <strong>{format.points(reward.pointsCost)}</strong> {t('rewards.points')}
      </p>
      {reward.description && <p className="reward-detail__description">{reward.description}</p>}
      <ul role="list" className="reward-detail__facts">
        <li>
          <Icon
            name={
              reward.deliveryMode === 'shipping'
                ? 'box'
                : reward.deliveryMode === 'pickup'
                  ? 'mapPin'
                  : 'mail'
            }
          />
          {st(deliveryModeKey[reward.deliveryMode])}
        </li>
        {reward.availableTo && (
          <li>
            <Icon name="calendar" />
            {t('reward.until', { date: format.day(reward.availableTo) })}
          </li>
        )}
        {reward.stock !== null && (
          <li>
            <Icon name="bag" />
            {reward.stock === 1
              ? t('rewards.stockLeftOne')
              : t('rewards.stockLeft', { count: reward.stock })}
          </li>
        )}
      </ul>
    </>
  );
}

/**
 * Redeeming in two steps: the customer reads what will happen (points taken, balance after,
 * where it goes) and confirms. Shipping asks for the address, filled from the profile.
 */
function RedeemPanel({ reward }: { reward: CatalogReward }) {
  const t = useT();
  const st = useSharedT();
  const format = useFormat();
  const navigate = useNavigate();
  const profile = useProfile();
  const customer = profile.data;
  const balance = profile.balance ?? 0;
  const shipping = reward.deliveryMode === 'shipping';
  const [confirming, setConfirming] = useState(false);
  const [key, setKey] = useState(attemptKey);
  const [address, setAddress] = useState(
    customer
      ? [customer.address, customer.city, customer.state, customer.postalCode]
          .filter(Boolean)
          .join(', ')
      : '',
  );
  const { errors, clear, pending, invalid, send } = useFormSubmit({
    fields: ['deliveryAddress'],
  });

  if (!reward.affordable) {
    return (
      <div className="redeem-panel redeem-panel--missing">
        <p className="redeem-panel__title">
          {t('rewards.missing', { points: format.points(reward.missingPoints) })}
        </p>
        <p>{t('reward.keepEarning', { balance: format.points(balance) })}</p>
      </div>
    );
  }
  if (reward.stock === 0) {
    return (
      <div className="redeem-panel redeem-panel--missing">
        <p className="redeem-panel__title">{t('rewards.soldOut')}</p>
      </div>
    );
  }

  const start = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (shipping && address.trim().length < 5) found.deliveryAddress = t('reward.addressMissing');
    else if (/[<>]/.test(address)) found.deliveryAddress = st('textInvalid');
    if (invalid(found)) return;
    setConfirming(true);
  };

  const confirm = () =>
    send(async () => {
      const redemption = await api.post<Redemption>('/api/me/redemptions', {
        rewardId: reward.id,
        deliveryAddress: shipping ? address.trim() : undefined,
        idempotencyKey: key,
      });
      void navigate(`/redemptions/${redemption.id}`, { state: { redeemed: redemption.folio } });
    });

  if (confirming) {
    return (
      <section className="redeem-panel redeem-panel--confirm" aria-labelledby="confirm-title">
        <h2 className="redeem-panel__title" id="confirm-title">
          {t('reward.confirmTitle')}
        </h2>
        {errors.general !== null && <Alert tone="error">{errors.general}</Alert>}
        <dl className="redeem-summary">
          <div>
            <dt>{t('reward.confirmReward')}</dt>
            <dd>{reward.name}</dd>
          </div>
          <div>
            <dt>{t('reward.confirmPoints')}</dt>
            <dd>
              <strong>−{format.points(reward.pointsCost)}</strong>
            </dd>
          </div>
          <div>
            <dt>{t('reward.confirmBalance')}</dt>
            <dd>
              {format.points(balance)} <Icon name="arrowRight" />{' '}
              <strong>{format.points(balance - reward.pointsCost)}</strong>
            </dd>
          </div>
          <div>
            <dt>{t('reward.confirmDelivery')}</dt>
            <dd>{shipping ? address.trim() : st(deliveryModeKey[reward.deliveryMode])}</dd>
          </div>
        </dl>
        <p className="redeem-panel__note">{t('reward.confirmNote')}</p>
        <div className="redeem-panel__actions">
          <Button
            onClick={() => {
              setConfirming(false);
              setKey(attemptKey());
            }}
            disabled={pending}
          >
            {t('reward.confirmBack')}
          </Button>
          <Button variant="primary" loading={pending} onClick={() => void confirm()}>
            <Icon name="check" />
            {t('reward.confirmSubmit')}
          </Button>
        </div>
      </section>
    );
  }

  return (
    <form className="redeem-panel" noValidate onSubmit={start}>
      <p className="redeem-panel__title">
        {t('reward.afterRedeem', { balance: format.points(balance - reward.pointsCost) })}
      </p>
      {shipping && (
        <TextAreaField
          label={t('reward.address')}
          value={address}
          rows={2}
          maxLength={255}
          onChange={(event) => {
            setAddress(event.target.value);
            clear('deliveryAddress');
          }}
          hint={t('reward.addressHint')}
          error={errors.fields.deliveryAddress}
        />
      )}
      <Button type="submit" variant="primary" block>
        <Icon name="gift" />
        {t('rewards.redeem')}
      </Button>
    </form>
  );
}
