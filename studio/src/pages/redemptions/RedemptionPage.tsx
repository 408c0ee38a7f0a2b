import { useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../shared/api';
import type { Redemption, RedemptionStatus } from '../../shared/api';
import { useFormSubmit, useNotice, usePageTitle, useResource } from '../../shared/hooks';
import { useFormat } from '../../shared/i18n';
import { useSharedT } from '../../shared/messages';
import { oneOf } from '../../shared/queryParams';
import { useRedemptionsVersion } from '../../shared/realtime';
import {
  RedemptionStatusBadge,
  RedemptionTimelineCard,
  RewardImage,
  deliveryModeKey,
  nextStatuses,
  redemptionStatusKey,
} from '../../shared/redemptions/RedemptionParts';
import { Alert } from '../../shared/ui/Alert';
import { Button } from '../../shared/ui/Button';
import { SelectField, TextAreaField, TextField } from '../../shared/ui/Field';
import { BackLink, PendingPage } from '../../shared/ui/FullPage';
import { Icon } from '../../shared/ui/Icon';
import { useT } from '../../messages';
import './redemptions.css';

/**
 * One redemption: what was exchanged, by whom, its history, and the next step. It follows the
 * customer live, so a change made elsewhere (the portal, an Excel upload) shows at once.
 */
export function RedemptionPage() {
  const { id } = useParams();
  const t = useT();
  const st = useSharedT();
  const format = useFormat();
  const redemptionId = Number(id);
  const valid = Number.isInteger(redemptionId) && redemptionId > 0;
  const [customerId, setCustomerId] = useState<number | null>(null);
  const live = useRedemptionsVersion(customerId);
  const loaded = useResource<Redemption>(
    valid ? `/api/redemptions/${redemptionId}` : null,
    undefined,
    live.version,
  );
  const redemption = loaded.data;
  if (redemption && redemption.customer.id !== customerId) setCustomerId(redemption.customer.id);
  const notice = useNotice(t);
  usePageTitle(redemption ? redemption.folio : t('redemptions.title'));

  const back = <BackLink to="/redemptions">{t('redemption.back')}</BackLink>;

  if (!redemption) {
    return <PendingPage className="page" back={back} resource={loaded} />;
  }

  const next = nextStatuses(redemption.status, redemption.reward.deliveryMode);
  return (
    <section className="page">
      {back}
      <header className="card redemption-hero">
        <div className="redemption-hero__image">
          <RewardImage url={redemption.reward.thumbnailUrl} />
        </div>
        <div className="redemption-hero__text">
          <div className="redemption-hero__title">
            <h1 className="page__title">{t('redemption.title', { folio: redemption.folio })}</h1>
            <RedemptionStatusBadge status={redemption.status} />
          </div>
          <p className="redemption-hero__reward">
            {redemption.quantity > 1 && `${format.number(redemption.quantity)} × `}
            {redemption.reward.name}
          </p>
          <ul role="list" className="customer-hero__facts">
            <li>
              <Icon name="user" />
              <Link className="link" to={`/customers/${redemption.customer.id}`}>
                {redemption.customer.name}
              </Link>
            </li>
            <li>
              <Icon name="star" />
              {t('redemption.pointsTaken', { points: format.points(redemption.points) })}
            </li>
            <li>
              <Icon name="calendar" />
              {format.dateTime(redemption.createdAt)}
            </li>
          </ul>
        </div>
      </header>

      {notice.text && <Alert tone="success">{notice.text}</Alert>}

      <div className="redemption-grid">
        <RedemptionTimelineCard steps={redemption.timeline ?? []} live={live.live} showActors />
        <div className="redemption-side">
          {next.length > 0 && (
            <StatusForm
              key={redemption.status}
              redemption={redemption}
              options={next}
              onChanged={(changed) => {
                notice.show('redemption.changed', {
                  status: st(redemptionStatusKey[changed.status]),
                });
                loaded.reload();
              }}
            />
          )}
          <section className="card" aria-labelledby="delivery-title">
            <div className="card__header">
              <h2 className="card__title" id="delivery-title">
                {t('redemption.delivery')}
              </h2>
            </div>
            <div className="card__body">
              <dl className="meta-list meta-list--stacked">
                <div>
                  <dt>{t('redemption.mode')}</dt>
                  <dd>{st(deliveryModeKey[redemption.reward.deliveryMode])}</dd>
                </div>
                <div>
                  <dt>{t('redemptions.quantity')}</dt>
                  <dd>{format.number(redemption.quantity)}</dd>
                </div>
                {redemption.deliveryAddress && (
                  <div className="meta-list__wide">
                    <dt>{t('redemption.address')}</dt>
                    <dd>{redemption.deliveryAddress}</dd>
                  </div>
                )}
                <div>
                  <dt>{st('redemptionCarrier')}</dt>
                  <dd>{redemption.carrier ?? '—'}</dd>
                </div>
                <div>
                  <dt>{st('redemptionTracking')}</dt>
                  <dd className="table__mono">{redemption.trackingNumber ?? '—'}</dd>
                </div>
              </dl>
            </div>
          </section>
        </div>
      </div>
    </section>
  );
}

/** The next step of a redemption, with a note; shipping asks for the carrier and tracking. */
function StatusForm({
  redemption,
  options,
  onChanged,
}: {
  redemption: Redemption;
  options: RedemptionStatus[];
  onChanged: (redemption: Redemption) => void;
}) {
  const t = useT();
  const st = useSharedT();
  const format = useFormat();
  const [status, setStatus] = useState<RedemptionStatus>(options[0] ?? 'approved');
  const [note, setNote] = useState('');
  const [carrier, setCarrier] = useState(redemption.carrier ?? '');
  const [tracking, setTracking] = useState(redemption.trackingNumber ?? '');
  const { errors, clear, pending, invalid, send } = useFormSubmit({
    fields: ['status', 'note', 'carrier', 'trackingNumber'],
    stays: true,
  });
  const shipping = status === 'shipped';
  const refunds = status === 'rejected' || status === 'cancelled';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    for (const [field, text] of Object.entries({ note, carrier, trackingNumber: tracking })) {
      if (/[<>]/.test(text)) found[field] = st('textInvalid');
    }
    if (refunds && note.trim().length < 3) found.note = t('redemption.noteRequired');
    if (invalid(found)) return;
    await send(async () =>
      onChanged(
        await api.post<Redemption>(`/api/redemptions/${redemption.id}/status`, {
          status,
          note: note.trim() || undefined,
          carrier: shipping ? carrier.trim() || undefined : undefined,
          trackingNumber: shipping ? tracking.trim() || undefined : undefined,
        }),
      ),
    );
  };

  return (
    <section className="card" aria-labelledby="status-title">
      <div className="card__header">
        <h2 className="card__title" id="status-title">
          {t('redemption.changeTitle')}
        </h2>
      </div>
      <form className="card__body form" noValidate onSubmit={(event) => void submit(event)}>
        {errors.general !== null && <Alert tone="error">{errors.general}</Alert>}
        <SelectField
          label={t('redemption.newStatus')}
          value={status}
          onChange={(event) => {
            setStatus(oneOf(options, event.target.value) ?? status);
            clear('note');
          }}
          error={errors.fields.status}
        >
          {options.map((option) => (
            <option key={option} value={option}>
              {st(redemptionStatusKey[option])}
            </option>
          ))}
        </SelectField>
        {shipping && (
          <div className="redemption-shipment">
            <TextField
              label={st('redemptionCarrier')}
              value={carrier}
              maxLength={60}
              onChange={(event) => {
                setCarrier(event.target.value);
                clear('carrier');
              }}
              error={errors.fields.carrier}
            />
            <TextField
              label={st('redemptionTracking')}
              value={tracking}
              maxLength={80}
              onChange={(event) => {
                setTracking(event.target.value);
                clear('trackingNumber');
              }}
              error={errors.fields.trackingNumber}
            />
          </div>
        )}
        <TextAreaField
          label={refunds ? t('redemption.noteReason') : t('redemption.note')}
          value={note}
          rows={2}
          maxLength={255}
          onChange={(event) => {
            setNote(event.target.value);
            clear('note');
          }}
          hint={refunds ? undefined : t('redemption.noteHint')}
          error={errors.fields.note}
        />
        {refunds && (
          <Alert tone="warning">
            {t('redemption.refundWarning', { points: format.points(redemption.points) })}
          </Alert>
        )}
        <Button type="submit" variant={refunds ? 'danger' : 'primary'} loading={pending}>
          {t('redemption.changeSubmit', { status: st(redemptionStatusKey[status]) })}
        </Button>
      </form>
    </section>
  );
}
