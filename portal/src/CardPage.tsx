import { useState } from 'react';
import { api } from '@lealtad/studio/shared/api.ts';
import type { Card, CardReport } from '@lealtad/studio/shared/api.ts';
import {
  ActivateCardForm,
  CardFace,
  CardStatusBadge,
  ReportCardForm,
  ReportTimeline,
  ReportView,
  reportTitleKey,
} from '@lealtad/studio/shared/cards/CardParts.tsx';
import { maskCardNumber } from '@lealtad/studio/shared/cards/cardNumbers.ts';
import { useNotice, usePageTitle, useResource } from '@lealtad/studio/shared/hooks.ts';
import { useFormat } from '@lealtad/studio/shared/i18n.tsx';
import type { Vars } from '@lealtad/studio/shared/i18n.tsx';
import { useSharedT } from '@lealtad/studio/shared/messages.ts';
import { Alert } from '@lealtad/studio/shared/ui/Alert.tsx';
import { Button } from '@lealtad/studio/shared/ui/Button.tsx';
import { Dialog } from '@lealtad/studio/shared/ui/Dialog.tsx';
import { LoadError, LoadingBlock } from '@lealtad/studio/shared/ui/FullPage.tsx';
import { Icon } from '@lealtad/studio/shared/ui/Icon.tsx';
import { useT } from './messages';
import type { PortalKey } from './messages';

/** "Mi tarjeta": activate a card, see its status, report it lost or stolen and follow the report. */
export function CardPage() {
  const t = useT();
  const st = useSharedT();
  const format = useFormat();
  const cards = useResource<{ items: Card[] }>('/api/me/cards');
  const reports = useResource<{ items: CardReport[] }>('/api/me/card-reports');
  const [reporting, setReporting] = useState(false);
  const notice = useNotice(t);
  usePageTitle(t('card.title'));

  const reload = (key: PortalKey, vars?: Vars) => {
    notice.show(key, vars);
    cards.reload();
    reports.reload();
  };

  const items = cards.data?.items ?? [];
  const active = items.find((card) => card.status === 'active');
  // A replacement assigned to the customer and not yet activated.
  const coming = items.find((card) => card.status === 'available');
  const previous = items.filter((card) => card !== active && card !== coming);
  const open = reports.data?.items.filter((report) => report.status !== 'closed') ?? [];
  const closed = reports.data?.items.filter((report) => report.status === 'closed') ?? [];
  const overrides = {
    customer_has_active_card: t('card.alreadyActive'),
    card_already_assigned: t('card.assignedElsewhere'),
  };
  const activate = async (cardNumber: string) => {
    const card = await api.post<Card>('/api/cards/activate', { cardNumber });
    reload('card.activated', { card: maskCardNumber(card.number) });
  };

  return (
    <div className="portal-page">
      <header className="portal-page__header">
        <div>
          <h1 className="portal-page__title">{t('card.title')}</h1>
          <p className="portal-page__subtitle">{t('card.subtitle')}</p>
        </div>
      </header>
      {notice.text && <Alert tone="success">{notice.text}</Alert>}

      {cards.error && !cards.data ? (
        <LoadError error={cards.error} onRetry={cards.reload} />
      ) : !cards.data ? (
        <LoadingBlock />
      ) : (
        // After a report, and until a new card is active, the report comes first.
        <div
          className={open.length > 0 && !active ? 'card-page card-page--report-first' : 'card-page'}
        >
          <section className="card portal-card card-page__main" aria-labelledby="my-card-title">
            {active ? (
              <>
                <h2 className="portal-card__title" id="my-card-title">
                  {t('card.yours')}
                </h2>
                <CardFace
                  number={active.number}
                  status={active.status}
                  caption={
                    active.activatedAt
                      ? t('card.activeSince', { date: format.date(active.activatedAt) })
                      : undefined
                  }
                />
                <p className="card-page__safe">
                  <Icon name="shield" />
                  {t('card.pointsSafe')}
                </p>
                <Button className="btn--danger-outline" onClick={() => setReporting(true)}>
                  <Icon name="flag" />
                  {t('card.report')}
                </Button>
              </>
            ) : coming ? (
              <>
                <h2 className="portal-card__title" id="my-card-title">
                  {t('card.replacementTitle')}
                </h2>
                <CardFace
                  number={coming.number}
                  status={coming.status}
                  caption={t('card.replacementCaption')}
                />
                <ActivateCardForm
                  layout="inline"
                  intro={
                    <p className="portal-card__text">
                      {t('card.replacementText', { card: maskCardNumber(coming.number) })}
                    </p>
                  }
                  overrides={overrides}
                  onActivate={activate}
                />
              </>
            ) : (
              <>
                <h2 className="portal-card__title" id="my-card-title">
                  {t('card.noneTitle')}
                </h2>
                <ActivateCardForm
                  layout="inline"
                  intro={<p className="portal-card__text">{t('card.noneText')}</p>}
                  overrides={overrides}
                  onActivate={activate}
                />
              </>
            )}
          </section>

          <div className="card-page__side">
            {reports.error && !reports.data && (
              <LoadError error={reports.error} onRetry={reports.reload} />
            )}
            {open.map((report) => (
              <ReportView
                key={report.id}
                report={report}
                as="section"
                heading="h2"
                className="card portal-card"
                headerClassName="card-page__report-header"
                titleClassName="portal-card__title"
              >
                <p className="portal-card__text card-page__next">
                  {report.status === 'reported'
                    ? t('card.nextReported')
                    : report.status === 'replacement_issued'
                      ? t('card.nextIssued')
                      : t('card.nextActivated')}
                </p>
              </ReportView>
            ))}
            {open.length === 0 && (
              <section className="card portal-card" aria-labelledby="help-title">
                <h2 className="portal-card__title" id="help-title">
                  {t('card.helpTitle')}
                </h2>
                <p className="portal-card__text">{t('card.helpText')}</p>
              </section>
            )}
            {(previous.length > 0 || closed.length > 0) && (
              <section className="card portal-card" aria-labelledby="history-title">
                <h2 className="portal-card__title" id="history-title">
                  {t('card.history')}
                </h2>
                {previous.length > 0 && (
                  <ul role="list" className="card-page__previous">
                    {previous.map((card) => (
                      <li key={card.id}>
                        <span className="card-page__number">{maskCardNumber(card.number)}</span>
                        <CardStatusBadge status={card.status} />
                      </li>
                    ))}
                  </ul>
                )}
                {closed.map((report) => (
                  <details key={report.id} className="card-page__past">
                    <summary>
                      {st(reportTitleKey[report.kind])} · {format.date(report.createdAt)}
                    </summary>
                    <ReportTimeline report={report} />
                  </details>
                ))}
              </section>
            )}
          </div>
        </div>
      )}

      <Dialog
        open={reporting}
        onClose={() => setReporting(false)}
        title={t('card.reportTitle')}
        description={t('card.reportDescription')}
        size="sm"
      >
        {active && (
          <ReportCardForm
            layout="dialog"
            cardNumber={active.number}
            onCancel={() => setReporting(false)}
            onReport={async ({ kind, note }) => {
              await api.post<CardReport>('/api/me/card-reports', { kind, ...(note && { note }) });
              setReporting(false);
              reload('card.reported', { card: maskCardNumber(active.number) });
            }}
          />
        )}
      </Dialog>
    </div>
  );
}
