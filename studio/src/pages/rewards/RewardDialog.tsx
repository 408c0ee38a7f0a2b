import { useEffect, useId, useState } from 'react';
import type { ChangeEvent, FormEvent } from 'react';
import { api, deliveryModes } from '../../shared/api';
import type { DeliveryMode, Reward, RewardFields } from '../../shared/api';
import { useFormSubmit } from '../../shared/hooks';
import { useFormat } from '../../shared/i18n';
import { useSharedT } from '../../shared/messages';
import { RewardImage, deliveryModeKey } from '../../shared/redemptions/RedemptionParts';
import { Alert } from '../../shared/ui/Alert';
import { Button } from '../../shared/ui/Button';
import { cx } from '../../shared/ui/cx';
import { Dialog } from '../../shared/ui/Dialog';
import { Segmented } from '../../shared/ui/Segmented';
import { TextAreaField, TextField } from '../../shared/ui/Field';
import { Icon } from '../../shared/ui/Icon';
import { useT } from '../../messages';
import { useZones } from '../../zones';
import { useCustomerTypes } from '../customers/customerText';
import { useRewardCategories } from './rewardText';

interface RewardDialogProps {
  /** The reward to edit; null creates one. */
  reward: Reward | null;
  open: boolean;
  onClose: () => void;
  onSaved: (reward: Reward, created: boolean) => void;
}

/** Create or edit a reward: what it is, what it costs, who may have it, and its picture. */
export function RewardDialog({ reward, open, onClose, onSaved }: RewardDialogProps) {
  const t = useT();
  return (
    <Dialog
      open={open}
      onClose={onClose}
      size="lg"
      title={reward ? t('reward.editTitle', { name: reward.name }) : t('reward.newTitle')}
      description={t('reward.description')}
    >
      <RewardForm reward={reward} onClose={onClose} onSaved={onSaved} />
    </Dialog>
  );
}

const imageTypes = ['image/jpeg', 'image/png', 'image/webp'];
const imageMaxBytes = 5 * 1024 * 1024;
const fields = [
  'code',
  'name',
  'description',
  'pointsCost',
  'stock',
  'category',
  'availableFrom',
  'availableTo',
  'image',
] as const;

/** A whole number typed with or without thousands separators, or NaN. */
const wholeNumber = (text: string) => {
  const digits = text.replace(/[\s,.]/g, '');
  return /^\d{1,9}$/.test(digits) ? Number(digits) : NaN;
};

/** Ids chosen in a list of checkboxes, toggled one at a time. */
function toggle(ids: number[], id: number): number[] {
  return ids.includes(id) ? ids.filter((one) => one !== id) : [...ids, id];
}

function RewardForm({ reward, onClose, onSaved }: Omit<RewardDialogProps, 'open'>) {
  const t = useT();
  const st = useSharedT();
  const format = useFormat();
  const { zones } = useZones();
  const types = useCustomerTypes();
  const categories = useRewardCategories();
  const categoryList = useId();
  // Once created, the reward is edited from then on (e.g. if its picture is refused).
  const [saved, setSaved] = useState<Reward | null>(reward);
  const [code, setCode] = useState(reward?.code ?? '');
  const [name, setName] = useState(reward?.name ?? '');
  const [description, setDescription] = useState(reward?.description ?? '');
  const [cost, setCost] = useState(reward ? String(reward.pointsCost) : '');
  const [limited, setLimited] = useState(reward ? reward.stock !== null : true);
  const [stock, setStock] = useState(reward?.stock == null ? '' : String(reward.stock));
  const [category, setCategory] = useState(reward?.category ?? '');
  const [from, setFrom] = useState(reward?.availableFrom ?? '');
  const [to, setTo] = useState(reward?.availableTo ?? '');
  const [mode, setMode] = useState<DeliveryMode>(reward?.deliveryMode ?? 'shipping');
  const [zoneIds, setZoneIds] = useState<number[]>(reward?.zoneIds ?? []);
  const [typeIds, setTypeIds] = useState<number[]>(reward?.customerTypeIds ?? []);
  const [image, setImage] = useState<{ file: File; url: string } | null>(null);
  const { errors, setErrors, clear, pending, invalid, send } = useFormSubmit({
    fields,
    fieldOf: {
      reward_code_taken: 'code',
      image_type_not_supported: 'image',
      payload_too_large: 'image',
      image_unreadable: 'image',
      invalid_window: 'availableTo',
    },
  });

  // The chosen file is shown before it is sent; its address is freed when replaced or closed.
  useEffect(() => (image ? () => URL.revokeObjectURL(image.url) : undefined), [image]);

  const chooseImage = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    clear('image');
    if (!file) return;
    const problem = !imageTypes.includes(file.type)
      ? t('reward.imageType')
      : file.size > imageMaxBytes
        ? t('reward.imageTooBig')
        : null;
    if (problem) {
      setErrors((current) => ({ ...current, fields: { ...current.fields, image: problem } }));
      return;
    }
    setImage({ file, url: URL.createObjectURL(file) });
  };

  const check = (): Record<string, string> => {
    const found: Record<string, string> = {};
    if (!/^[A-Za-z0-9_-]{2,32}$/.test(code.trim())) found.code = t('reward.codeInvalid');
    if (name.trim().length < 2) found.name = t('reward.nameShort');
    if (!(wholeNumber(cost) > 0)) found.pointsCost = t('reward.costInvalid');
    if (limited && !(wholeNumber(stock) >= 0)) found.stock = t('reward.stockInvalid');
    if (!category.trim()) found.category = st('required');
    if (from && to && from > to) found.availableTo = t('reward.windowInvalid');
    for (const [field, text] of Object.entries({ name, description, category })) {
      if (/[<>]/.test(text)) found[field] = st('textInvalid');
    }
    return found;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (invalid(check())) return;
    const body: RewardFields = {
      code: code.trim().toUpperCase(),
      name: name.trim(),
      description: description.trim(),
      pointsCost: wholeNumber(cost),
      stock: limited ? wholeNumber(stock) : null,
      category: category.trim().toLowerCase(),
      availableFrom: from || null,
      availableTo: to || null,
      zoneIds,
      customerTypeIds: typeIds,
      deliveryMode: mode,
    };
    await send(async () => {
      let result = saved
        ? await api.patch<Reward>(`/api/rewards/${saved.id}`, body)
        : await api.post<Reward>('/api/rewards', body);
      setSaved(result);
      if (image) {
        result = await api.upload<Reward>('PUT', `/api/rewards/${result.id}/image`, image.file);
      }
      onSaved(result, reward === null);
    });
  };

  const shownImage = image?.url ?? saved?.thumbnailUrl ?? null;

  return (
    <form noValidate onSubmit={(event) => void submit(event)}>
      <div className="dialog__body dialog__body--scroll reward-form">
        {/* A chosen picture with an error was refused by the server after the rest was saved. */}
        {image && errors.fields.image && (
          <Alert tone="warning">{t('reward.savedWithoutImage')}</Alert>
        )}
        {errors.general !== null && <Alert tone="error">{errors.general}</Alert>}
        <div className="reward-form__top">
          <div className="reward-form__picture">
            <div className="reward-form__frame">
              <RewardImage url={shownImage} />
            </div>
            <label className={cx('btn btn--secondary btn--sm', 'reward-form__upload')}>
              <input
                type="file"
                className="visually-hidden"
                accept={imageTypes.join(',')}
                aria-describedby="reward-image-hint"
                onChange={chooseImage}
              />
              <Icon name="upload" />
              {shownImage ? t('reward.imageChange') : t('reward.imageChoose')}
            </label>
            {errors.fields.image ? (
              <p className="field__error" role="alert">
                {errors.fields.image}
              </p>
            ) : (
              <p className="field__hint" id="reward-image-hint">
                {image ? image.file.name : t('reward.imageHint')}
              </p>
            )}
          </div>
          <div className="reward-form__main">
            <div className="reward-form__pair reward-form__pair--name">
              <TextField
                label={t('reward.name')}
                value={name}
                maxLength={120}
                onChange={(event) => {
                  setName(event.target.value);
                  clear('name');
                }}
                error={errors.fields.name}
                autoFocus
              />
              <TextField
                className="reward-form__code"
                label={t('reward.code')}
                value={code}
                maxLength={32}
                autoCapitalize="characters"
                onChange={(event) => {
                  setCode(event.target.value.toUpperCase());
                  clear('code');
                }}
                hint={t('reward.codeHint')}
                error={errors.fields.code}
              />
            </div>
            <TextAreaField
              label={t('reward.descriptionField')}
              value={description}
              maxLength={1000}
              rows={3}
              onChange={(event) => {
                setDescription(event.target.value);
                clear('description');
              }}
              error={errors.fields.description}
            />
          </div>
        </div>

        <div className="reward-form__pair">
          <TextField
            label={t('reward.cost')}
            inputMode="numeric"
            value={cost}
            onChange={(event) => {
              setCost(event.target.value);
              clear('pointsCost');
            }}
            hint={
              wholeNumber(cost) > 0
                ? t('reward.costHint', { points: format.points(wholeNumber(cost)) })
                : undefined
            }
            error={errors.fields.pointsCost}
          />
          <TextField
            label={t('reward.category')}
            value={category}
            maxLength={40}
            list={categoryList}
            onChange={(event) => {
              setCategory(event.target.value);
              clear('category');
            }}
            hint={t('reward.categoryHint')}
            error={errors.fields.category}
          />
          <datalist id={categoryList}>
            {categories.map((option) => (
              <option key={option} value={option} />
            ))}
          </datalist>
        </div>

        <div className="reward-form__pair">
          <Segmented
            legend={t('reward.stock')}
            name="stock-kind"
            options={[
              { value: 'limited', label: t('reward.stockLimited') },
              { value: 'unlimited', label: st('stockUnlimited') },
            ]}
            value={limited ? 'limited' : 'unlimited'}
            onChange={(option) => {
              setLimited(option === 'limited');
              clear('stock');
            }}
          />
          {limited && (
            <TextField
              label={t('reward.stockUnits')}
              inputMode="numeric"
              value={stock}
              onChange={(event) => {
                setStock(event.target.value);
                clear('stock');
              }}
              hint={reward ? t('reward.stockHint') : undefined}
              error={errors.fields.stock}
            />
          )}
        </div>

        <div className="reward-form__pair">
          <TextField
            label={t('reward.availableFrom')}
            type="date"
            value={from}
            onChange={(event) => {
              setFrom(event.target.value);
              clear('availableFrom');
              clear('availableTo');
            }}
            hint={t('reward.availableFromHint')}
            error={errors.fields.availableFrom}
          />
          <TextField
            label={t('reward.availableTo')}
            type="date"
            value={to}
            onChange={(event) => {
              setTo(event.target.value);
              clear('availableTo');
            }}
            hint={t('reward.availableToHint')}
            error={errors.fields.availableTo}
          />
        </div>

        <Segmented
          legend={t('reward.delivery')}
          name="delivery-mode"
          options={deliveryModes.map((option) => ({
            value: option,
            label: st(deliveryModeKey[option]),
          }))}
          value={mode}
          onChange={setMode}
        />

        <ChoiceList
          legend={t('reward.zones')}
          allLabel={t('reward.zonesAll')}
          options={zones}
          chosen={zoneIds}
          onToggle={(id) => setZoneIds((ids) => toggle(ids, id))}
        />
        {types.length > 0 ? (
          <ChoiceList
            legend={t('reward.types')}
            allLabel={t('reward.typesAll')}
            options={types}
            chosen={typeIds}
            onToggle={(id) => setTypeIds((ids) => toggle(ids, id))}
          />
        ) : (
          typeIds.length === 0 && <p className="field__hint">{t('reward.typesEveryone')}</p>
        )}
      </div>
      <footer className="dialog__footer">
        <Button onClick={onClose}>{st('cancel')}</Button>
        <Button type="submit" variant="primary" loading={pending}>
          {reward ? st('save') : t('reward.create')}
        </Button>
      </footer>
    </form>
  );
}

/** Checkboxes over a short list; none chosen means every one, and the hint says so. */
function ChoiceList({
  legend,
  allLabel,
  options,
  chosen,
  onToggle,
}: {
  legend: string;
  allLabel: string;
  options: readonly { id: number; name: string }[];
  chosen: readonly number[];
  onToggle: (id: number) => void;
}) {
  return (
    <fieldset className="choice-list">
      <legend className="field__label">{legend}</legend>
      <div className="choice-list__options">
        {options.map((option) => (
          <label
            key={option.id}
            className={cx('choice', chosen.includes(option.id) && 'choice--on')}
          >
            <input
              type="checkbox"
              checked={chosen.includes(option.id)}
              onChange={() => onToggle(option.id)}
            />
            {option.name}
          </label>
        ))}
      </div>
      {chosen.length === 0 && <p className="field__hint">{allLabel}</p>}
    </fieldset>
  );
}
