import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { RuleDocument } from '@lealtad/rules-schema';
import { api } from '../../../shared/api';
import { today } from '../../../shared/dates';
import { errorMessage } from '../../../shared/errors';
import { useFormat, useLocale } from '../../../shared/i18n';
import { Alert } from '../../../shared/ui/Alert';
import { Button } from '../../../shared/ui/Button';
import { TextField } from '../../../shared/ui/Field';
import { Icon } from '../../../shared/ui/Icon';
import { Segmented } from '../../../shared/ui/Segmented';
import { cx } from '../../../shared/ui/cx';
import type { SimulationCustomer, SimulationPurchase, Simulation } from '../rulesApi';
import { useRulesT } from '../rulesText';
import { NumberInput, SuggestingField } from './inputs';
import { offered, useRuleChoices } from './ruleChoices';
import { useRuleEditor } from './store';
import { tracePaint } from './trace';

const purchaseTriggers = ['purchase', 'purchase_reversed'];

type PurchaseSource = 'madeUp' | 'stored';

/**
 * The rule run against a real customer (found by name, number or card) and a made-up purchase
 * or one of the customer's stored ones; the trace is painted on the canvas and the blocks.
 */
export function SimulateSection() {
  const t = useRulesT();
  const format = useFormat();
  const { locale } = useLocale();
  const rule = useRuleEditor((state) => state.rule);
  const paint = useRuleEditor((state) => state.paint);
  const choices = useRuleChoices();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<SimulationCustomer[] | null>(null);
  const [customer, setCustomer] = useState<SimulationCustomer | null>(null);
  const [purchases, setPurchases] = useState<SimulationPurchase[] | null>(null);
  const [source, setSource] = useState<PurchaseSource>('madeUp');
  const [stored, setStored] = useState<string | null>(null);
  const [amount, setAmount] = useState<number | undefined>(60_000);
  const [category, setCategory] = useState('abarrotes');
  const [storeId, setStoreId] = useState('T1');
  const [day, setDay] = useState(today());
  const [hour, setHour] = useState('12:00');
  const [result, setResult] = useState<{ rule: RuleDocument; simulation: Simulation } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const outcome = useRef<HTMLDivElement>(null);
  // The answer is under the form, maybe below the panel's fold: bring it into view.
  useEffect(() => {
    outcome.current?.scrollIntoView({ block: 'nearest' });
  }, [result]);
  if (!rule) return null;
  const isPurchase = purchaseTriggers.includes(rule.trigger.type);
  const shown = result?.rule === rule ? result.simulation : null;

  const search = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (query.trim() === '') {
      setError(t('simulate.queryRequired'));
      return;
    }
    try {
      const page = await api.get<{ items: SimulationCustomer[] }>(
        '/api/rules/simulation/customers',
        { q: query.trim(), limit: 6 },
      );
      setFound(page.items);
    } catch (err) {
      setError(errorMessage(err, locale));
    }
  };

  const pick = async (chosen: SimulationCustomer) => {
    setCustomer(chosen);
    setPurchases(null);
    setStored(null);
    if (!isPurchase) return;
    try {
      const page = await api.get<{ items: SimulationPurchase[] }>(
        `/api/rules/simulation/customers/${chosen.id}/purchases`,
      );
      setPurchases(page.items);
    } catch (err) {
      setError(errorMessage(err, locale));
    }
  };

  const purchaseOf = () => {
    if (source === 'stored') return stored ? { transactionId: stored } : null;
    if (amount === undefined || !day) return null;
    // On the platform's clock, as the rules read dates and hours (wherever the person is).
    return { purchase: { amount, category, storeId, localTime: `${day}T${hour || '12:00'}` } };
  };

  const simulate = async () => {
    if (!customer) {
      setError(t('simulate.pickCustomer'));
      return;
    }
    const purchase = isPurchase ? purchaseOf() : {};
    if (!purchase) {
      setError(t(source === 'stored' ? 'simulate.pickPurchase' : 'simulate.amountRequired'));
      return;
    }
    setError(null);
    setPending(true);
    try {
      const simulation = await api.post<Simulation>('/api/rules/simulate', {
        document: rule,
        customerId: customer.id,
        ...purchase,
      });
      setResult({ rule, simulation });
      paint(tracePaint(rule, simulation.conditions, simulation.audience, t, simulation.inForce));
    } catch (err) {
      setError(errorMessage(err, locale));
    } finally {
      setPending(false);
    }
  };

  return (
    <section className="rule-section" aria-labelledby="rule-simulate-title">
      <h2 className="rule-panel__title" id="rule-simulate-title">
        {t('simulate.title')}
      </h2>
      <p className="rule-panel__note">{t('simulate.note')}</p>
      {error && <Alert tone="error">{error}</Alert>}
      {customer ? (
        <div className="rule-picked">
          <Icon name="user" />
          <span>
            {customer.name}
            <small>
              {customer.zone?.name ?? '—'}
              {customer.customerType && ` · ${customer.customerType.name}`}
            </small>
          </span>
          <Button size="sm" variant="ghost" onClick={() => setCustomer(null)}>
            {t('simulate.change')}
          </Button>
        </div>
      ) : (
        <form className="rule-search" role="search" onSubmit={(event) => void search(event)}>
          <TextField
            label={t('simulate.customer')}
            type="search"
            placeholder={t('simulate.customerPlaceholder')}
            value={query}
            onChange={(event) => setQuery(event.target.value)}
          />
          <Button type="submit" size="sm">
            <Icon name="search" />
            {t('simulate.search')}
          </Button>
          {found && (
            <ul role="list" className="rule-search__results" aria-label={t('simulate.results')}>
              {found.length === 0 && (
                <li className="rule-panel__note">{t('simulate.noResults')}</li>
              )}
              {found.map((item) => (
                <li key={item.id}>
                  <button
                    type="button"
                    className="rule-search__pick"
                    onClick={() => void pick(item)}
                  >
                    <strong>{item.name}</strong>
                    <span>
                      {item.zone?.name ?? '—'}
                      {item.customerType && ` · ${item.customerType.name}`} ·{' '}
                      {format.points(item.balance)} {t('simulate.points')}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </form>
      )}
      {isPurchase && (
        <Segmented<PurchaseSource>
          legend={t('simulate.purchase')}
          name="simulation-purchase"
          value={source}
          onChange={setSource}
          options={[
            { value: 'madeUp', label: t('simulate.madeUp') },
            { value: 'stored', label: t('simulate.stored') },
          ]}
        />
      )}
      {isPurchase && source === 'madeUp' && (
        <>
          <NumberInput
            label={t('simulate.amount')}
            format="pesos"
            optional
            value={amount}
            onCommit={setAmount}
          />
          <div className="rule-panel__pair">
            <TextField
              label={t('simulate.day')}
              type="date"
              value={day}
              onChange={(event) => setDay(event.target.value)}
            />
            <TextField
              label={t('simulate.hour')}
              type="time"
              hint={t('simulate.hourHint')}
              value={hour}
              onChange={(event) => setHour(event.target.value)}
            />
          </div>
          <div className="rule-panel__pair">
            <SuggestingField
              label={t('simulate.category')}
              suggestions={offered(choices?.categories)}
              value={category}
              onChange={(event) => setCategory(event.target.value)}
            />
            <SuggestingField
              label={t('simulate.store')}
              suggestions={offered(choices?.stores)}
              value={storeId}
              onChange={(event) => setStoreId(event.target.value)}
            />
          </div>
        </>
      )}
      {isPurchase && source === 'stored' && (
        <fieldset className="rule-purchases">
          <legend className="field__label">{t('simulate.storedLegend')}</legend>
          {!customer && <p className="rule-panel__note">{t('simulate.pickCustomerFirst')}</p>}
          {customer && purchases?.length === 0 && (
            <p className="rule-panel__note">{t('simulate.noPurchases')}</p>
          )}
          {purchases?.map((purchase) => (
            <label
              key={purchase.transactionId}
              className={cx(
                'rule-purchases__item',
                stored === purchase.transactionId && 'rule-purchases__item--on',
              )}
            >
              <input
                type="radio"
                name="simulation-stored-purchase"
                checked={stored === purchase.transactionId}
                onChange={() => setStored(purchase.transactionId)}
              />
              <span>
                <strong>{format.money(purchase.amount)}</strong> · {purchase.category}
                <small>
                  {format.dateTime(purchase.occurredAt)} ·{' '}
                  {t('simulate.earned', { points: format.points(purchase.pointsAwarded) })}
                  {purchase.status === 'reversed' && ` · ${t('simulate.reversed')}`}
                </small>
              </span>
            </label>
          ))}
        </fieldset>
      )}
      <Button variant="primary" size="sm" loading={pending} onClick={() => void simulate()}>
        {t('simulate.run')}
      </Button>
      {shown && (
        <div
          ref={outcome}
          className={cx('rule-result', shown.points > 0 ? 'rule-result--ok' : 'rule-result--bad')}
          role="status"
        >
          <p className="rule-result__points">
            {t('simulate.gives', { points: format.points(shown.points) })}
          </p>
          <p>
            {!shown.inForce
              ? t('simulate.outOfWindow')
              : shown.audience.some((check) => !check.passed)
                ? t('simulate.notAudience')
                : !shown.conditions.matched
                  ? t('simulate.conditionsFailed')
                  : shown.capOutcome === 'skipped' || shown.capOutcome === 'truncated'
                    ? t('simulate.capped', { points: format.points(shown.pointsBeforeCaps) })
                    : t('simulate.matched')}
          </p>
        </div>
      )}
    </section>
  );
}
