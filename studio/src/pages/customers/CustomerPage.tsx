import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Customer } from '../../shared/api';
import { useNotice, usePageTitle } from '../../shared/hooks';
import { useFormat } from '../../shared/i18n';
import { useLiveCustomer } from '../../shared/realtime';
import { Statement } from '../../shared/statement/Statement';
import { Alert } from '../../shared/ui/Alert';
import { Balance } from '../../shared/ui/Balance';
import { Button } from '../../shared/ui/Button';
import { BackLink, PendingPage } from '../../shared/ui/FullPage';
import { Icon } from '../../shared/ui/Icon';
import { initials, useAccess } from '../../access';
import { useT } from '../../messages';
import { AdjustPointsDialog } from './AdjustPointsDialog';
import { CustomerCards } from './CustomerCards';
import { CustomerRedemptions } from './CustomerRedemptions';
import { EditCustomerDialog } from './EditCustomerDialog';
import { RedeemForCustomerDialog } from './RedeemForCustomerDialog';
import { channelKey, customerName, statusBadge, statusKey } from './customerText';
import './customers.css';

/**
 * One customer: who they are, their live balance, their movements, and what staff may do for
 * them (edit the profile, adjust points). The screen watches the customer over socket.io, so
 * purchases and adjustments made elsewhere show at once.
 */
export function CustomerPage() {
  const { id } = useParams();
  const t = useT();
  const { can } = useAccess();
  const format = useFormat();
  const customerId = Number(id);
  const valid = Number.isInteger(customerId) && customerId > 0;
  const live = useLiveCustomer(
    valid ? `/api/customers/${customerId}` : null,
    valid ? customerId : null,
  );
  const [adjusting, setAdjusting] = useState(false);
  const [editing, setEditing] = useState(false);
  const [redeeming, setRedeeming] = useState(false);
  const notice = useNotice(t);
  // Bumped after this screen's own changes, so the statement reloads even without live events.
  const [ownChanges, setOwnChanges] = useState(0);
  const customer = live.data;
  usePageTitle(customer ? customerName(customer) : t('customers.title'));

  const back = <BackLink to="/customers">{t('customer.back')}</BackLink>;
  if (!customer) return <PendingPage className="page" back={back} resource={live} />;

  return (
    <section className="page">
      {back}
      <header className="card customer-hero">
        <div className="customer-hero__who">
          <span className="avatar avatar--lg" aria-hidden="true">
            {initials(customerName(customer))}
          </span>
          <div className="customer-hero__text">
            <div className="customer-hero__title">
              <h1 className="page__title">{customerName(customer)}</h1>
              <span className={statusBadge[customer.status]}>{t(statusKey(customer.status))}</span>
            </div>
            <ul role="list" className="customer-hero__facts">
              <li>
                <Icon name="user" />
                <span className="table__mono">{customer.externalId ?? t('customer.noNumber')}</span>
              </li>
              <li>
                <Icon name="mapPin" />
                {customer.zone.name}
              </li>
              <li>
                <Icon name="star" />
                {customer.customerType?.name ?? t('customer.noType')}
              </li>
            </ul>
          </div>
        </div>
        <div className="customer-hero__balance">
          <Balance
            label={t('customer.balance')}
            value={live.balance}
            version={live.version}
            live={live.live}
            change={live.lastChange}
          />
          <div className="customer-hero__actions">
            {can('redemptions.manage') && (
              <Button onClick={() => setRedeeming(true)}>
                <Icon name="gift" />
                {t('redeemFor.open')}
              </Button>
            )}
            {can('ledger.adjust') && (
              <Button variant="primary" onClick={() => setAdjusting(true)}>
                <Icon name="pencil" />
                {t('adjust.open')}
              </Button>
            )}
          </div>
        </div>
      </header>

      {notice.text && <Alert tone="success">{notice.text}</Alert>}

      <div className="customer-grid">
        <section className="card" aria-labelledby="movements-title">
          <div className="card__header">
            <h2 className="card__title" id="movements-title">
              {t('customer.movements')}
            </h2>
          </div>
          <Statement
            path={`/api/customers/${customer.id}/statement`}
            version={live.version + ownChanges}
          />
        </section>
        <div className="customer-side">
          <ProfileCard
            customer={customer}
            onEdit={can('customers.write') ? () => setEditing(true) : undefined}
          />
          <CustomerCards customer={customer} />
          {can('redemptions.manage') && (
            <CustomerRedemptions customerId={customer.id} version={ownChanges} />
          )}
        </div>
      </div>

      <AdjustPointsDialog
        open={adjusting}
        onClose={() => setAdjusting(false)}
        customer={customer}
        balance={live.balance ?? customer.balance}
        onAdjusted={(line) => {
          setAdjusting(false);
          notice.show(line.points > 0 ? 'adjust.doneAdd' : 'adjust.doneTake', {
            points: format.points(Math.abs(line.points)),
            balance: format.points(line.balance),
          });
          setOwnChanges((n) => n + 1);
          live.reload();
        }}
      />
      <RedeemForCustomerDialog
        open={redeeming}
        onClose={() => setRedeeming(false)}
        customer={customer}
        balance={live.balance ?? customer.balance}
        onRedeemed={(redemption) => {
          setRedeeming(false);
          notice.show('redeemFor.done', {
            folio: redemption.folio,
            points: format.points(redemption.points),
          });
          setOwnChanges((n) => n + 1);
          live.reload();
        }}
      />
      <EditCustomerDialog
        open={editing}
        onClose={() => setEditing(false)}
        customer={customer}
        onSaved={() => {
          setEditing(false);
          notice.show('customer.saved');
          live.reload();
        }}
      />
    </section>
  );
}

function ProfileCard({ customer, onEdit }: { customer: Customer; onEdit?: () => void }) {
  const t = useT();
  const format = useFormat();
  const { can } = useAccess();
  const place = [customer.address, customer.city, customer.state, customer.postalCode]
    .filter(Boolean)
    .join(', ');
  const missing = <span className="meta-list__missing">{t('customer.notProvided')}</span>;
  return (
    <section className="card" aria-labelledby="profile-title">
      <div className="card__header">
        <h2 className="card__title" id="profile-title">
          {t('customer.profile')}
        </h2>
        {onEdit && (
          <Button size="sm" onClick={onEdit}>
            <Icon name="pencil" />
            {t('customer.edit')}
          </Button>
        )}
      </div>
      <div className="card__body">
        <dl className="meta-list meta-list--stacked">
          <div className="meta-list__wide">
            <dt>{t('field.email')}</dt>
            <dd>{customer.email ?? missing}</dd>
          </div>
          <div>
            <dt>{t('customer.phone')}</dt>
            <dd>{customer.phone ?? missing}</dd>
          </div>
          <div>
            <dt>{t('customer.birthDate')}</dt>
            <dd>{customer.birthDate ? format.day(customer.birthDate) : missing}</dd>
          </div>
          <div className="meta-list__wide">
            <dt>{t('customer.address')}</dt>
            <dd>{place || missing}</dd>
          </div>
          <div>
            <dt>{t('customer.portal')}</dt>
            <dd>{customer.hasPortalAccount ? t('customer.portalYes') : t('customer.portalNo')}</dd>
          </div>
          <div>
            <dt>{t('customer.channel')}</dt>
            <dd>{t(channelKey(customer.signupChannel))}</dd>
          </div>
          {customer.consumptionLevel && (
            <div>
              <dt>{t('customer.consumption')}</dt>
              <dd>{customer.consumptionLevel}</dd>
            </div>
          )}
          <div>
            <dt>{t('customer.since')}</dt>
            <dd>{format.date(customer.createdAt)}</dd>
          </div>
          <div>
            <dt>{t('customer.updated')}</dt>
            <dd>{format.dateTime(customer.updatedAt)}</dd>
          </div>
        </dl>
        {can('audit.read') && (
          <Link
            className="link customer-audit-link"
            to={`/audit?targetType=customer&targetId=${customer.id}`}
          >
            {t('customer.auditLink')}
            <Icon name="chevronRight" />
          </Link>
        )}
      </div>
    </section>
  );
}
