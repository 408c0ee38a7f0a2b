import { useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { api } from '../../shared/api';
import type { Card, CardReport, Customer } from '../../shared/api';
import {
  ActivateCardForm,
  CardNumberField,
  CardStatusBadge,
  ReportCardForm,
  ReportView,
  reportKindKey,
  useCardNumberEntry,
} from '../../shared/cards/CardParts';
import { maskCardNumber } from '../../shared/cards/cardNumbers';
import { errorMessage } from '../../shared/errors';
import { useNotice, useResource } from '../../shared/hooks';
import { intlLocale, useFormat, useLocale } from '../../shared/i18n';
import type { Vars } from '../../shared/i18n';
import { useSharedT } from '../../shared/messages';
import { Alert } from '../../shared/ui/Alert';
import { Button } from '../../shared/ui/Button';
import { ConfirmDialog, Dialog } from '../../shared/ui/Dialog';
import { TextAreaField } from '../../shared/ui/Field';
import { LoadError, LoadingBlock } from '../../shared/ui/FullPage';
import { Icon } from '../../shared/ui/Icon';
import { useAccess } from '../../access';
import { useT } from '../../messages';
import type { StudioKey } from '../../messages';
import { customerName } from './customerText';

type Action =
  | { kind: 'activate' }
  | { kind: 'report'; card: Card }
  | { kind: 'issue'; report: CardReport }
  | { kind: 'activateReplacement'; report: CardReport }
  | { kind: 'close'; report: CardReport };

/**
 * The customer's cards and lost/stolen reports, with what staff who serve cards may do: activate
 * a card, report it, and follow a report up to its replacement and closing.
 */
export function CustomerCards({ customer }: { customer: Customer }) {
  const t = useT();
  const st = useSharedT();
  const format = useFormat();
  const { locale } = useLocale();
  const { can } = useAccess();
  const cards = useResource<{ items: Card[] }>(`/api/customers/${customer.id}/cards`);
  const reports = useResource<{ items: CardReport[] }>(
    `/api/customers/${customer.id}/card-reports`,
  );
  const [action, setAction] = useState<Action | null>(null);
  const notice = useNotice(t);
  const service = can('cards.service');
  const name = customerName(customer);

  const done = (key: StudioKey, vars?: Vars) => {
    setAction(null);
    notice.show(key, vars);
    cards.reload();
    reports.reload();
  };

  const items = cards.data?.items ?? [];
  const active = items.find((card) => card.status === 'active');
  const open = reports.data?.items.filter((report) => report.status !== 'closed') ?? [];
  const closed = reports.data?.items.filter((report) => report.status === 'closed') ?? [];
  const kindText = (card: Card) =>
    card.blockReason
      ? st(reportKindKey[card.blockReason]).toLocaleLowerCase(intlLocale[locale])
      : '';

  const cardLine = (card: Card) => {
    switch (card.status) {
      case 'active':
        return card.activatedAt
          ? t('cards.activeSince', { date: format.date(card.activatedAt) })
          : '';
      case 'blocked':
        return t('cards.blockedOn', {
          date: card.blockedAt ? format.date(card.blockedAt) : '',
          kind: kindText(card),
        });
      case 'replaced':
        return t('cards.replaced');
      case 'available':
        return t('cards.toActivate');
      case 'inactive':
        return t('cards.inactive');
    }
  };

  const replacementOf = (report: CardReport) =>
    report.replacementCard ? maskCardNumber(report.replacementCard.number) : '';

  return (
    <section className="card customer-cards" aria-labelledby="cards-title">
      <div className="card__header">
        <h2 className="card__title" id="cards-title">
          {t('cards.title')}
        </h2>
        {service && cards.data && !active && (
          <Button size="sm" onClick={() => setAction({ kind: 'activate' })}>
            <Icon name="card" />
            {t('cards.activate')}
          </Button>
        )}
      </div>
      {notice.text && (
        <div className="customer-cards__notice">
          <Alert tone="success">{notice.text}</Alert>
        </div>
      )}
      {cards.error && !cards.data ? (
        <LoadError error={cards.error} onRetry={cards.reload} />
      ) : !cards.data ? (
        <LoadingBlock />
      ) : items.length === 0 ? (
        <p className="customer-cards__empty">
          {service ? t('cards.emptyService') : t('cards.empty')}
        </p>
      ) : (
        <ul role="list" className="card-list" aria-label={t('cards.title')}>
          {items.map((card) => (
            <li key={card.id} className="card-list__item">
              <span className="card-list__icon">
                <Icon name="card" />
              </span>
              <div className="card-list__text">
                <span className="card-list__number">{maskCardNumber(card.number)}</span>
                <span className="card-list__meta">{cardLine(card)}</span>
              </div>
              <div className="card-list__end">
                <CardStatusBadge status={card.status} />
                {service && card.status === 'active' && (
                  <Button
                    size="sm"
                    className="btn--danger-outline"
                    onClick={() => setAction({ kind: 'report', card })}
                  >
                    {t('cards.report')}
                  </Button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}

      {reports.error && !reports.data && (
        <LoadError error={reports.error} onRetry={reports.reload} />
      )}
      {(open.length > 0 || closed.length > 0) && (
        <div className="customer-cards__reports">
          <h3 className="customer-cards__subtitle">{t('cards.reports')}</h3>
          {open.map((report) => (
            <StudioReport key={report.id} report={report}>
              {report.status === 'replacement_issued' && (
                <p className="report__waiting">
                  <Icon name="clock" />
                  {t('cards.waiting', { card: replacementOf(report) })}
                </p>
              )}
              {service && (
                <div className="report__actions">
                  {report.status === 'reported' && (
                    <Button
                      size="sm"
                      variant="primary"
                      onClick={() => setAction({ kind: 'issue', report })}
                    >
                      {t('cards.issue')}
                    </Button>
                  )}
                  {report.status === 'replacement_issued' && (
                    <Button
                      size="sm"
                      variant="primary"
                      onClick={() => setAction({ kind: 'activateReplacement', report })}
                    >
                      {t('cards.activateReplacement')}
                    </Button>
                  )}
                  {(report.status === 'reported' || report.status === 'replacement_activated') && (
                    <Button size="sm" onClick={() => setAction({ kind: 'close', report })}>
                      {t('cards.close')}
                    </Button>
                  )}
                </div>
              )}
            </StudioReport>
          ))}
          {closed.length > 0 && (
            <details className="report-history">
              <summary>{t('cards.pastReports', { count: closed.length })}</summary>
              {closed.map((report) => (
                <StudioReport key={report.id} report={report} closed />
              ))}
            </details>
          )}
        </div>
      )}

      <Dialog
        open={action?.kind === 'activate'}
        onClose={() => setAction(null)}
        title={t('cards.activateTitle')}
        description={t('cards.activateDescription', { name })}
        size="sm"
      >
        <ActivateCardForm
          layout="dialog"
          onCancel={() => setAction(null)}
          onActivate={async (cardNumber) => {
            const card = await api.post<Card>('/api/cards/activate', {
              cardNumber,
              customerId: customer.id,
            });
            done('cards.activated', { card: maskCardNumber(card.number) });
          }}
        />
      </Dialog>

      <Dialog
        open={action?.kind === 'report'}
        onClose={() => setAction(null)}
        title={t('cards.reportTitle')}
        description={t('cards.reportDescription', { name })}
        size="sm"
      >
        {action?.kind === 'report' && (
          <ReportCardForm
            layout="dialog"
            cardNumber={action.card.number}
            onCancel={() => setAction(null)}
            onReport={async ({ kind, note }) => {
              await api.post<CardReport>(`/api/customers/${customer.id}/card-reports`, {
                cardId: action.card.id,
                kind,
                ...(note && { note }),
              });
              done('cards.reported', { card: maskCardNumber(action.card.number) });
            }}
          />
        )}
      </Dialog>

      <Dialog
        open={action?.kind === 'issue'}
        onClose={() => setAction(null)}
        title={t('cards.issueTitle')}
        description={t('cards.issueDescription', { name })}
        size="sm"
      >
        {action?.kind === 'issue' && (
          <IssueReplacementForm
            report={action.report}
            onCancel={() => setAction(null)}
            onIssued={(report) => done('cards.issued', { card: replacementOf(report) })}
          />
        )}
      </Dialog>

      <ConfirmDialog
        open={action?.kind === 'activateReplacement'}
        onClose={() => setAction(null)}
        title={t('cards.activateReplacementTitle', {
          card: action?.kind === 'activateReplacement' ? replacementOf(action.report) : '',
        })}
        confirmLabel={t('cards.activateReplacement')}
        onConfirm={async () => {
          if (action?.kind !== 'activateReplacement' || !action.report.replacementCard) return;
          const card = await api.post<Card>('/api/cards/activate', {
            cardNumber: action.report.replacementCard.number,
            customerId: customer.id,
          });
          done('cards.replacementActivated', { card: maskCardNumber(card.number) });
        }}
      >
        {t('cards.activateReplacementBody', { name })}
      </ConfirmDialog>

      <Dialog
        open={action?.kind === 'close'}
        onClose={() => setAction(null)}
        title={t('cards.closeTitle')}
        size="sm"
      >
        {action?.kind === 'close' && (
          <CloseReportForm
            report={action.report}
            onCancel={() => setAction(null)}
            onClosed={() => done('cards.closed')}
            errorText={(err) => errorMessage(err, locale)}
          />
        )}
      </Dialog>
    </section>
  );
}

function IssueReplacementForm({
  report,
  onCancel,
  onIssued,
}: {
  report: CardReport;
  onCancel: () => void;
  onIssued: (report: CardReport) => void;
}) {
  const t = useT();
  const st = useSharedT();
  const [note, setNote] = useState('');
  const { value, setValue, fieldError, setFieldError, general, pending, submit } =
    useCardNumberEntry();

  const issue = async (event: FormEvent) => {
    event.preventDefault();
    await submit(async (replacementCardNumber) => {
      onIssued(
        await api.patch<CardReport>(`/api/card-reports/${report.id}`, {
          status: 'replacement_issued',
          replacementCardNumber,
          ...(note.trim() && { note: note.trim() }),
        }),
      );
    });
  };

  return (
    <form noValidate onSubmit={(event) => void issue(event)}>
      <div className="dialog__body">
        {general && <Alert tone="error">{general}</Alert>}
        <CardNumberField
          label={t('cards.replacementNumber')}
          value={value}
          onChange={(next) => {
            setValue(next);
            setFieldError(undefined);
          }}
          error={fieldError}
          autoFocus
        />
        <TextAreaField
          label={st('reportNote')}
          value={note}
          maxLength={500}
          rows={2}
          onChange={(event) => setNote(event.target.value)}
          hint={t('cards.issueNoteHint')}
        />
      </div>
      <footer className="dialog__footer">
        <Button onClick={onCancel}>{st('cancel')}</Button>
        <Button type="submit" variant="primary" loading={pending}>
          {t('cards.issue')}
        </Button>
      </footer>
    </form>
  );
}

function CloseReportForm({
  report,
  onCancel,
  onClosed,
  errorText,
}: {
  report: CardReport;
  onCancel: () => void;
  onClosed: () => void;
  errorText: (err: unknown) => string;
}) {
  const t = useT();
  const st = useSharedT();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setPending(true);
    try {
      await api.patch<CardReport>(`/api/card-reports/${report.id}`, {
        status: 'closed',
        ...(note.trim() && { note: note.trim() }),
      });
      onClosed();
    } catch (err) {
      setError(errorText(err));
      setPending(false);
    }
  };

  return (
    <form noValidate onSubmit={(event) => void submit(event)}>
      <div className="dialog__body">
        {error && <Alert tone="error">{error}</Alert>}
        <p className="dialog__text">
          {report.status === 'reported' ? t('cards.closeBodyReported') : t('cards.closeBodyDone')}
        </p>
        <TextAreaField
          label={st('reportNote')}
          value={note}
          maxLength={500}
          rows={2}
          onChange={(event) => setNote(event.target.value)}
        />
      </div>
      <footer className="dialog__footer">
        <Button onClick={onCancel}>{st('cancel')}</Button>
        <Button type="submit" variant="primary" loading={pending}>
          {t('cards.close')}
        </Button>
      </footer>
    </form>
  );
}

/** A report in the customer's card history; closed reports are drawn muted. */
function StudioReport({
  report,
  closed = false,
  children,
}: {
  report: CardReport;
  closed?: boolean;
  children?: ReactNode;
}) {
  return (
    <ReportView
      report={report}
      className={closed ? 'report report--closed' : 'report'}
      headerClassName="report__header"
      titleClassName="report__title"
    >
      {children}
    </ReportView>
  );
}
