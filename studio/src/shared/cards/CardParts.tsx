import { useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { ApiError } from '../api';
import type { CardReport, CardReportKind, CardReportStatus, CardStatus } from '../api';
import { errorMessage, fieldErrors } from '../errors';
import { intlLocale, useFormat, useLocale } from '../i18n';
import { useSharedT } from '../messages';
import type { SharedKey } from '../messages';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { cx } from '../ui/cx';
import { Segmented } from '../ui/Segmented';
import { TextAreaField, TextField } from '../ui/Field';
import { Icon } from '../ui/Icon';
import { cardDigits, cardNumberProblem, groupCardNumber, maskCardNumber } from './cardNumbers';
import './cards.css';

export const cardStatusKey: Readonly<Record<CardStatus, SharedKey>> = {
  available: 'cardStatusAvailable',
  active: 'cardStatusActive',
  blocked: 'cardStatusBlocked',
  replaced: 'cardStatusReplaced',
  inactive: 'cardStatusInactive',
};

const cardStatusTone: Readonly<Record<CardStatus, string>> = {
  available: 'badge--brand',
  active: 'badge--success',
  blocked: 'badge--danger',
  replaced: 'badge--muted',
  inactive: 'badge--muted',
};

export const reportStatusKey: Readonly<Record<CardReportStatus, SharedKey>> = {
  reported: 'reportStatusReported',
  replacement_issued: 'reportStatusReplacementIssued',
  replacement_activated: 'reportStatusReplacementActivated',
  closed: 'reportStatusClosed',
};

const reportStatusTone: Readonly<Record<CardReportStatus, string>> = {
  reported: 'badge--warning',
  replacement_issued: 'badge--brand',
  replacement_activated: 'badge--success',
  closed: 'badge--muted',
};

export const reportKindKey: Readonly<Record<CardReportKind, SharedKey>> = {
  lost: 'reportLost',
  stolen: 'reportStolen',
};

export const reportTitleKey: Readonly<Record<CardReportKind, SharedKey>> = {
  lost: 'reportTitleLost',
  stolen: 'reportTitleStolen',
};

export function CardStatusBadge({ status }: { status: CardStatus }) {
  const t = useSharedT();
  return (
    <span className={cx('badge badge--dot', cardStatusTone[status])}>
      {t(cardStatusKey[status])}
    </span>
  );
}

export function ReportStatusBadge({ status }: { status: CardReportStatus }) {
  const t = useSharedT();
  return (
    <span className={cx('badge badge--dot', reportStatusTone[status])}>
      {t(reportStatusKey[status])}
    </span>
  );
}

/** A card number input that groups the digits by four as they are typed. */
export function CardNumberField({
  value,
  onChange,
  error,
  label,
  hint,
  autoFocus,
}: {
  value: string;
  onChange: (value: string) => void;
  error?: string;
  label?: string;
  hint?: ReactNode;
  autoFocus?: boolean;
}) {
  const t = useSharedT();
  return (
    <TextField
      className="card-number-field"
      label={label ?? t('cardNumber')}
      inputMode="numeric"
      autoComplete="off"
      spellCheck={false}
      placeholder="0000 0000 0000 0000"
      maxLength={19}
      value={value}
      onChange={(event) => onChange(groupCardNumber(cardDigits(event.target.value).slice(0, 16)))}
      hint={hint ?? t('cardNumberHint')}
      error={error}
      autoFocus={autoFocus}
    />
  );
}

const problemKey: Readonly<Record<'card_format_invalid' | 'card_check_digit_invalid', SharedKey>> =
  {
    card_format_invalid: 'cardFormatInvalid',
    card_check_digit_invalid: 'cardCheckDigitInvalid',
  };

/** API errors about the number typed: shown under the field rather than above the form. */
const numberErrors = [
  'card_format_invalid',
  'card_check_digit_invalid',
  'card_not_found',
  'card_already_assigned',
  'card_blocked',
  'card_inactive',
];

/**
 * The number a form is about to send, or the message that stops it: the API's own checks first,
 * so a typo is said at once and in the UI's language.
 */
function useCardNumberCheck() {
  const t = useSharedT();
  return (value: string): { number: string } | { error: string } => {
    const problem = cardNumberProblem(value);
    return problem ? { error: t(problemKey[problem]) } : { number: cardDigits(value) };
  };
}

/** Where an API error about a card number goes: next to the field, or above the form. */
function cardNumberError(
  error: unknown,
  locale: 'es' | 'en',
  overrides: Readonly<Record<string, string>> = {},
): { field?: string; general?: string } {
  const message =
    error instanceof ApiError && overrides[error.id]
      ? overrides[error.id]
      : errorMessage(error, locale);
  if (error instanceof ApiError && numberErrors.includes(error.id)) return { field: message };
  const fromDetails =
    fieldErrors(error, locale).cardNumber ?? fieldErrors(error, locale).replacementCardNumber;
  return fromDetails ? { field: fromDetails } : { general: message };
}

/**
 * A form that sends a card number: the typed value, its message, the form's message and
 * `pending`. `submit(send)` checks the number first, then sends it; a refusal lands next to the
 * field or above the form. It resolves to whether the number was sent.
 */
export function useCardNumberEntry(overrides?: Readonly<Record<string, string>>) {
  const { locale } = useLocale();
  const check = useCardNumberCheck();
  const [value, setValue] = useState('');
  const [fieldError, setFieldError] = useState<string>();
  const [general, setGeneral] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const submit = async (send: (cardNumber: string) => Promise<void>): Promise<boolean> => {
    setGeneral(null);
    const checked = check(value);
    if ('error' in checked) {
      setFieldError(checked.error);
      return false;
    }
    setPending(true);
    try {
      await send(checked.number);
      return true;
    } catch (err) {
      const placed = cardNumberError(err, locale, overrides);
      setFieldError(placed.field);
      setGeneral(placed.general ?? null);
      return false;
    } finally {
      setPending(false);
    }
  };

  return { value, setValue, fieldError, setFieldError, general, setGeneral, pending, submit };
}

interface FormLayout {
  /** `dialog`: body and footer of a <Dialog>; `inline`: a form on a page. */
  layout: 'dialog' | 'inline';
  onCancel?: () => void;
}

function FormFrame({
  layout,
  onCancel,
  onSubmit,
  submitLabel,
  pending,
  danger,
  children,
}: FormLayout & {
  onSubmit: (event: FormEvent) => void;
  submitLabel: string;
  pending: boolean;
  danger?: boolean;
  children: ReactNode;
}) {
  const t = useSharedT();
  const actions = (
    <>
      {onCancel && <Button onClick={onCancel}>{t('cancel')}</Button>}
      <Button type="submit" variant={danger ? 'danger' : 'primary'} loading={pending}>
        {submitLabel}
      </Button>
    </>
  );
  return (
    <form noValidate onSubmit={onSubmit} className={layout === 'inline' ? 'form' : undefined}>
      {layout === 'dialog' ? (
        <>
          <div className="dialog__body">{children}</div>
          <footer className="dialog__footer">{actions}</footer>
        </>
      ) : (
        <>
          {children}
          <div className="form__actions form__actions--start">{actions}</div>
        </>
      )}
    </form>
  );
}

/** Activate a card by its number; `onActivate` makes the call (staff and customers differ). */
export function ActivateCardForm({
  onActivate,
  submitLabel,
  overrides,
  intro,
  ...frame
}: FormLayout & {
  onActivate: (cardNumber: string) => Promise<void>;
  submitLabel?: string;
  /** Own wording for some error ids (the portal speaks to the customer). */
  overrides?: Readonly<Record<string, string>>;
  intro?: ReactNode;
}) {
  const t = useSharedT();
  const { value, setValue, fieldError, setFieldError, general, setGeneral, pending, submit } =
    useCardNumberEntry(overrides);

  const activate = async (event: FormEvent) => {
    event.preventDefault();
    if (await submit(onActivate)) setValue('');
  };

  return (
    <FormFrame
      {...frame}
      onSubmit={(event) => void activate(event)}
      submitLabel={submitLabel ?? t('activateSubmit')}
      pending={pending}
    >
      {intro}
      {general && <Alert tone="error">{general}</Alert>}
      <CardNumberField
        value={value}
        onChange={(next) => {
          setValue(next);
          setFieldError(undefined);
          setGeneral(null);
        }}
        error={fieldError}
        autoFocus={frame.layout === 'dialog'}
      />
    </FormFrame>
  );
}

/** Report a card lost or stolen: the kind, an optional note and what happens next. */
export function ReportCardForm({
  onReport,
  cardNumber,
  ...frame
}: FormLayout & {
  onReport: (report: { kind: CardReportKind; note?: string }) => Promise<void>;
  cardNumber: string;
}) {
  const t = useSharedT();
  const { locale } = useLocale();
  const [kind, setKind] = useState<CardReportKind>('lost');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [noteError, setNoteError] = useState<string>();
  const [pending, setPending] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (/[<>]/.test(note)) {
      setNoteError(t('textInvalid'));
      return;
    }
    setPending(true);
    try {
      await onReport({ kind, note: note.trim() || undefined });
    } catch (err) {
      const fields = fieldErrors(err, locale);
      if (fields.note) setNoteError(fields.note);
      else setError(errorMessage(err, locale));
      setPending(false);
    }
  };

  return (
    <FormFrame
      {...frame}
      onSubmit={(event) => void submit(event)}
      submitLabel={t('reportSubmit')}
      pending={pending}
      danger
    >
      {error && <Alert tone="error">{error}</Alert>}
      <p className="report-card__which">
        <Icon name="card" />
        {t('cardEnding', { number: maskCardNumber(cardNumber) })}
      </p>
      <Segmented
        legend={t('reportKind')}
        name="kind"
        options={(['lost', 'stolen'] as const).map((option) => ({
          value: option,
          label: t(reportKindKey[option]),
        }))}
        value={kind}
        onChange={setKind}
      />
      <TextAreaField
        label={t('reportNote')}
        value={note}
        maxLength={500}
        rows={3}
        onChange={(event) => {
          setNote(event.target.value);
          setNoteError(undefined);
        }}
        hint={t('reportNoteHint')}
        error={noteError}
      />
      <Alert tone="warning">{t('reportWarning')}</Alert>
    </FormFrame>
  );
}

/** A report's history as a story, oldest step first; staff also see who took each step. */
export function ReportTimeline({ report }: { report: CardReport }) {
  const t = useSharedT();
  const format = useFormat();
  const { locale } = useLocale();
  const kind = t(reportKindKey[report.kind]).toLocaleLowerCase(intlLocale[locale]);
  const card = report.card ? maskCardNumber(report.card.number) : '';
  const replacement = report.replacementCard ? maskCardNumber(report.replacementCard.number) : '';
  const text = (status: CardReportStatus) => {
    switch (status) {
      case 'reported':
        return t('timelineReported', { card, kind });
      case 'replacement_issued':
        return t('timelineReplacementIssued', { card: replacement });
      case 'replacement_activated':
        return t('timelineReplacementActivated');
      case 'closed':
        return t('timelineClosed');
    }
  };
  return (
    <ol className="timeline" aria-label={t('timelineLabel')}>
      {[...report.events].reverse().map((event) => (
        <li key={event.id} className={cx('timeline__step', `timeline__step--${event.status}`)}>
          <span className="timeline__dot" aria-hidden="true" />
          <div className="timeline__body">
            <p className="timeline__text">{text(event.status)}</p>
            <p className="timeline__meta">
              <time dateTime={event.createdAt}>{format.dateTime(event.createdAt)}</time>
              {event.actor && ` · ${t('timelineBy', { name: event.actor.name })}`}
            </p>
            {event.note && <p className="timeline__note">{event.note}</p>}
          </div>
        </li>
      ))}
    </ol>
  );
}

/**
 * A report as a labelled region: its title and status badge, then its timeline.
 * Anything passed as children (notes, actions) follows the timeline.
 */
export function ReportView({
  report,
  as: Root = 'article',
  heading: Heading = 'h4',
  className,
  headerClassName,
  titleClassName,
  children,
}: {
  report: CardReport;
  as?: 'article' | 'section';
  heading?: 'h2' | 'h3' | 'h4';
  className?: string;
  headerClassName?: string;
  titleClassName?: string;
  children?: ReactNode;
}) {
  const t = useSharedT();
  const title = t(reportTitleKey[report.kind]);
  return (
    <Root className={className} aria-label={title}>
      <header className={headerClassName}>
        <Heading className={titleClassName}>{title}</Heading>
        <ReportStatusBadge status={report.status} />
      </header>
      <ReportTimeline report={report} />
      {children}
    </Root>
  );
}

/** The card drawn as a card: brand colours, the masked number and its status. */
export function CardFace({
  number,
  status,
  caption,
  masked = true,
}: {
  number: string;
  status: CardStatus;
  caption?: ReactNode;
  masked?: boolean;
}) {
  const t = useSharedT();
  return (
    <div className={cx('card-face', `card-face--${status}`)}>
      <div className="card-face__top">
        <span className="card-face__brand">Lealtad</span>
        <span className="card-face__status">{t(cardStatusKey[status])}</span>
      </div>
      <p className="card-face__number">
        {masked ? `•••• •••• •••• ${number.slice(-4)}` : groupCardNumber(number)}
      </p>
      {caption && <p className="card-face__caption">{caption}</p>}
    </div>
  );
}
