import { useState } from 'react';
import type { FormEvent } from 'react';
import { api } from '../../shared/api';
import type { Customer, Page, Redemption, Reward } from '../../shared/api';
import { useFormSubmit, useResource } from '../../shared/hooks';
import { useFormat } from '../../shared/i18n';
import { useSharedT } from '../../shared/messages';
import { RewardImage, deliveryModeKey } from '../../shared/redemptions/RedemptionParts';
import { Alert } from '../../shared/ui/Alert';
import { Button } from '../../shared/ui/Button';
import { Dialog } from '../../shared/ui/Dialog';
import { SelectField, TextAreaField, TextField } from '../../shared/ui/Field';
import { Icon } from '../../shared/ui/Icon';
import { useT } from '../../messages';
import { BalanceAfter } from './BalanceAfter';
import { customerName } from './customerText';

interface RedeemForCustomerDialogProps {
  open: boolean;
  onClose: () => void;
  customer: Customer;
  /** The balance shown right now (live). */
  balance: number;
  onRedeemed: (redemption: Redemption) => void;
}

/** The call center redeems on a customer's behalf (by phone, at a counter), always with a note. */
export function RedeemForCustomerDialog({ open, onClose, ...form }: RedeemForCustomerDialogProps) {
  const t = useT();
  const format = useFormat();
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={t('redeemFor.title')}
      description={t('redeemFor.description', {
        name: customerName(form.customer),
        balance: format.points(form.balance),
      })}
    >
      <RedeemForm onClose={onClose} {...form} />
    </Dialog>
  );
}

const noteMax = 255;

function RedeemForm({
  onClose,
  customer,
  balance,
  onRedeemed,
}: Omit<RedeemForCustomerDialogProps, 'open'>) {
  const t = useT();
  const st = useSharedT();
  const format = useFormat();
  const rewards = useResource<Page<Reward>>('/api/rewards', { status: 'active', pageSize: 100 });
  const [rewardId, setRewardId] = useState('');
  const [quantity, setQuantity] = useState('1');
  const [address, setAddress] = useState(
    [customer.address, customer.city, customer.state, customer.postalCode]
      .filter(Boolean)
      .join(', '),
  );
  const [note, setNote] = useState('');
  const { errors, clear, pending, invalid, send } = useFormSubmit({
    fields: ['rewardId', 'quantity', 'deliveryAddress', 'note'],
    fieldOf: {
      insufficient_points: 'quantity',
      out_of_stock: 'rewardId',
      reward_not_available: 'rewardId',
      reward_not_found: 'rewardId',
    },
  });
  const reward = rewards.data?.items.find((one) => String(one.id) === rewardId);
  const count = /^\d{1,3}$/.test(quantity) ? Number(quantity) : NaN;
  const cost = reward && count > 0 ? reward.pointsCost * count : null;
  const shipping = reward?.deliveryMode === 'shipping';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!reward) found.rewardId = t('redeemFor.rewardMissing');
    if (!(count >= 1)) found.quantity = t('redeemFor.quantityInvalid');
    else if (cost !== null && cost > balance) {
      found.quantity = t('redeemFor.overBalance', { balance: format.points(balance) });
    }
    if (shipping && address.trim().length < 5)
      found.deliveryAddress = t('redeemFor.addressMissing');
    const text = note.trim();
    if (text.length < 3) found.note = t('redeemFor.noteShort');
    for (const [field, value] of Object.entries({ note, deliveryAddress: address })) {
      if (/[<>]/.test(value)) found[field] = st('textInvalid');
    }
    if (invalid(found) || !reward) return;
    await send(async () =>
      onRedeemed(
        await api.post<Redemption>(`/api/customers/${customer.id}/redemptions`, {
          rewardId: reward.id,
          quantity: count,
          deliveryAddress: shipping ? address.trim() : undefined,
          note: text,
        }),
      ),
    );
  };

  return (
    <form noValidate onSubmit={(event) => void submit(event)}>
      <div className="dialog__body">
        {errors.general !== null && <Alert tone="error">{errors.general}</Alert>}
        <SelectField
          label={t('redemptions.reward')}
          value={rewardId}
          onChange={(event) => {
            setRewardId(event.target.value);
            clear('rewardId');
            clear('quantity');
          }}
          error={errors.fields.rewardId}
          autoFocus
        >
          <option value="">{rewards.data ? t('redeemFor.choose') : st('loading')}</option>
          {rewards.data?.items.map((option) => (
            <option key={option.id} value={String(option.id)} disabled={option.stock === 0}>
              {t('redeemFor.option', {
                name: option.name,
                points: format.points(option.pointsCost),
              })}
            </option>
          ))}
        </SelectField>
        {reward && (
          <div className="redeem-choice">
            <RewardImage url={reward.thumbnailUrl} className="redeem-choice__image" />
            <div className="redeem-choice__text">
              <p className="redeem-choice__name">{reward.name}</p>
              <p className="person__sub">
                {st(deliveryModeKey[reward.deliveryMode])} ·{' '}
                {reward.stock === null
                  ? st('stockUnlimited')
                  : reward.stock === 1
                    ? t('redeemFor.stockLeftOne')
                    : t('redeemFor.stockLeft', { count: format.number(reward.stock) })}
              </p>
            </div>
          </div>
        )}
        <div className="adjust-row">
          <TextField
            className="adjust-row__points"
            label={t('redemptions.quantity')}
            inputMode="numeric"
            value={quantity}
            onChange={(event) => {
              setQuantity(event.target.value);
              clear('quantity');
            }}
            error={errors.fields.quantity}
          />
          <BalanceAfter
            label={t('redeemFor.after')}
            balance={balance}
            after={cost === null ? null : balance - cost}
          />
        </div>
        {shipping && (
          <TextField
            label={t('redemption.address')}
            value={address}
            maxLength={255}
            onChange={(event) => {
              setAddress(event.target.value);
              clear('deliveryAddress');
            }}
            error={errors.fields.deliveryAddress}
          />
        )}
        <TextAreaField
          label={t('redeemFor.note')}
          value={note}
          rows={3}
          maxLength={noteMax}
          onChange={(event) => {
            setNote(event.target.value);
            clear('note');
          }}
          hint={t('redeemFor.noteHint', { count: note.length, max: noteMax })}
          error={errors.fields.note}
        />
      </div>
      <footer className="dialog__footer">
        <Button onClick={onClose}>{st('cancel')}</Button>
        <Button type="submit" variant="primary" loading={pending}>
          <Icon name="gift" />
          {t('redeemFor.submit')}
        </Button>
      </footer>
    </form>
  );
}
