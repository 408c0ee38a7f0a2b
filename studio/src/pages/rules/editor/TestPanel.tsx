import { useEffect, useMemo, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import {
  findFact,
  isLeaf,
  runRuleTests,
  validateRule,
  type Condition,
  type FactType,
  type FactValue,
  type RuleDocument,
  type RuleTestResult,
  type ValueKind,
} from '@lealtad/rules-schema';
import { api } from '../../../shared/api';
import type { Customer, OpenPage } from '../../../shared/api';
import { today } from '../../../shared/dates';
import { errorMessage } from '../../../shared/errors';
import { useFormat, useLocale } from '../../../shared/i18n';
import { Alert } from '../../../shared/ui/Alert';
import { Button } from '../../../shared/ui/Button';
import { SelectField, TextField } from '../../../shared/ui/Field';
import { Icon } from '../../../shared/ui/Icon';
import { cx } from '../../../shared/ui/cx';
import { useAccess } from '../../../access';
import type { Backtest, Simulation } from '../rulesApi';
import { useRulesT } from '../rulesText';
import { childrenOf } from './conditions';
import { NumberInput, SuggestingField } from './inputs';
import { offered, useRuleChoices } from './ruleChoices';
import { useRuleEditor } from './store';
import { tracePaint } from './trace';
import { ValueInput } from './ValueInput';

/** The value input each fact type takes in a test case. */
const factKinds: Record<FactType, ValueKind> = {
  number: 'number',
  money: 'money',
  text: 'text',
  enum: 'option',
  weekday: 'option',
  list: 'textList',
  date: 'date',
  boolean: 'boolean',
};

/** The facts a test case may need: those of the conditions, and the audience's. */
function factsUsed(rule: RuleDocument): string[] {
  const ids = new Set<string>();
  const walk = (condition: Condition) => {
    if (isLeaf(condition)) ids.add(condition.fact);
    else childrenOf(condition, []).forEach(({ child }) => walk(child));
  };
  walk(rule.conditions);
  if (rule.audience.zones.length > 0) ids.add('customer.zone');
  if (rule.audience.customerTypes.length > 0) ids.add('customer.type');
  if (rule.audience.segments.length > 0) ids.add('customer.segments');
  if (rule.audience.tags.length > 0) ids.add('customer.tags');
  return [...ids].filter((id) => findFact(id) !== undefined);
}

/** Test cases in the browser, a simulation against a real customer, and a backtest. */
export function TestPanel() {
  return (
    <div className="rule-panel__body">
      <TestCases />
      <Simulate />
      <BacktestSection />
    </div>
  );
}

function TestCases() {
  const t = useRulesT();
  const rule = useRuleEditor((state) => state.rule);
  const edit = useRuleEditor((state) => state.edit);
  const paint = useRuleEditor((state) => state.paint);
  const [results, setResults] = useState<{ rule: RuleDocument; items: RuleTestResult[] } | null>(
    null,
  );
  const [adding, setAdding] = useState(false);
  if (!rule) return null;
  const current = results?.rule === rule ? results.items : null;
  const passed = current?.filter((result) => result.passed).length ?? 0;

  const run = async () => {
    const parsed = validateRule(rule).rule;
    if (!parsed) return;
    setResults({ rule, items: await runRuleTests(parsed) });
  };

  return (
    <section className="rule-section" aria-labelledby="rule-tests-title">
      <div className="rule-section__head">
        <h2 className="rule-panel__title" id="rule-tests-title">
          {t('tests.title')}
        </h2>
        <Button
          size="sm"
          variant="primary"
          disabled={rule.tests.length === 0}
          onClick={() => void run()}
        >
          <Icon name="check" />
          {t('tests.run')}
        </Button>
      </div>
      {rule.tests.length === 0 && <p className="rule-panel__note">{t('tests.none')}</p>}
      {current && (
        <p
          className={cx(
            'rule-result',
            passed === current.length ? 'rule-result--ok' : 'rule-result--bad',
          )}
          role="status"
        >
          {t('tests.passed', { passed, total: current.length })}
        </p>
      )}
      <ul role="list" className="rule-tests">
        {rule.tests.map((test, index) => {
          const result = current?.[index];
          return (
            <li
              key={index}
              className={cx(
                'rule-tests__item',
                result && (result.passed ? 'rule-tests__item--ok' : 'rule-tests__item--bad'),
              )}
            >
              <div>
                <p className="rule-tests__name">{test.name}</p>
                <p className="rule-tests__meta">
                  {t('tests.expects', { points: test.expectedPoints })}
                  {result && ` · ${t('tests.gave', { points: result.actualPoints })}`}
                </p>
              </div>
              <div className="rule-tests__actions">
                {result && (
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() => paint(tracePaint(rule, result.evaluation, [], t))}
                  >
                    {t('tests.show')}
                  </Button>
                )}
                <Button
                  size="sm"
                  variant="ghost"
                  aria-label={t('tests.removeOf', { name: test.name })}
                  onClick={() =>
                    edit((draft) => {
                      draft.tests.splice(index, 1);
                    })
                  }
                >
                  <Icon name="x" />
                </Button>
              </div>
            </li>
          );
        })}
      </ul>
      {adding ? (
        <NewTestCase rule={rule} onDone={() => setAdding(false)} />
      ) : (
        <Button size="sm" onClick={() => setAdding(true)}>
          <Icon name="plus" />
          {t('tests.add')}
        </Button>
      )}
    </section>
  );
}

function NewTestCase({ rule, onDone }: { rule: RuleDocument; onDone: () => void }) {
  const t = useRulesT();
  const { locale } = useLocale();
  const edit = useRuleEditor((state) => state.edit);
  const [name, setName] = useState('');
  const [expected, setExpected] = useState<number | undefined>(undefined);
  const [baseEarn, setBaseEarn] = useState<number | undefined>(undefined);
  const [facts, setFacts] = useState<Record<string, FactValue>>({});
  const [error, setError] = useState<string | null>(null);
  const used = useMemo(() => factsUsed(rule), [rule]);
  const multiplies = rule.effects.some((effect) => effect.type === 'multiplier');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '' || expected === undefined) {
      setError(t('tests.incomplete'));
      return;
    }
    edit((draft) => {
      draft.tests.push({
        name: name.trim(),
        facts,
        baseEarn: baseEarn ?? 0,
        expectedPoints: expected,
      });
    });
    onDone();
  };

  return (
    <form className="rule-subform" noValidate onSubmit={submit} aria-label={t('tests.add')}>
      {error && <Alert tone="error">{error}</Alert>}
      <TextField
        label={t('tests.name')}
        value={name}
        onChange={(event) => setName(event.target.value)}
      />
      {used.map((id) => {
        const fact = findFact(id);
        if (!fact) return null;
        const value = facts[id];
        return (
          <ValueInput
            key={id}
            label={fact.label[locale]}
            kind={factKinds[fact.type]}
            fact={fact}
            value={value ?? (fact.type === 'list' ? [] : '')}
            onChange={(next) => {
              if (typeof next === 'object' && !Array.isArray(next)) return;
              setFacts((current) => ({ ...current, [id]: next }));
            }}
          />
        );
      })}
      {multiplies && (
        <NumberInput
          label={t('tests.baseEarn')}
          hint={t('tests.baseEarnHint')}
          optional
          value={baseEarn}
          onCommit={setBaseEarn}
        />
      )}
      <NumberInput label={t('tests.expected')} optional value={expected} onCommit={setExpected} />
      <div className="rule-panel__actions">
        <Button size="sm" variant="ghost" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button size="sm" type="submit" variant="primary">
          {t('tests.save')}
        </Button>
      </div>
    </form>
  );
}

const purchaseTriggers = ['purchase', 'purchase_reversed'];

function Simulate() {
  const t = useRulesT();
  const format = useFormat();
  const { locale } = useLocale();
  const { can } = useAccess();
  const rule = useRuleEditor((state) => state.rule);
  const paint = useRuleEditor((state) => state.paint);
  const choices = useRuleChoices();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Customer[] | null>(null);
  const [customer, setCustomer] = useState<{ id: number; name: string } | null>(null);
  const [customerNumber, setCustomerNumber] = useState<number | undefined>(undefined);
  const [amount, setAmount] = useState<number | undefined>(60_000);
  const [category, setCategory] = useState('abarrotes');
  const [storeId, setStoreId] = useState('T1');
  const [day, setDay] = useState(today());
  const [result, setResult] = useState<{ rule: RuleDocument; simulation: Simulation } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const outcome = useRef<HTMLDivElement>(null);
  // The answer is under the form, maybe below the panel's fold: bring it into view.
  useEffect(() => {
    outcome.current?.scrollIntoView({ block: 'nearest' });
  }, [result]);
  if (!rule) return null;
  const searchable = can('customers.read');
  const isPurchase = purchaseTriggers.includes(rule.trigger.type);
  const customerId = searchable ? customer?.id : customerNumber;
  const shown = result?.rule === rule ? result.simulation : null;

  const search = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const page = await api.get<OpenPage<Customer>>('/api/customers', {
        q: query.trim(),
        pageSize: 5,
      });
      setFound(page.items);
    } catch (err) {
      setError(errorMessage(err, locale));
    }
  };

  const simulate = async () => {
    if (customerId === undefined) {
      setError(t('simulate.pickCustomer'));
      return;
    }
    if (isPurchase && amount === undefined) {
      setError(t('simulate.amountRequired'));
      return;
    }
    setError(null);
    setPending(true);
    try {
      const simulation = await api.post<Simulation>('/api/rules/simulate', {
        document: rule,
        customerId,
        ...(isPurchase
          ? {
              purchase: {
                amount,
                category,
                storeId,
                // Midday local time of the chosen day: the rule's dates and months are local.
                occurredAt: new Date(`${day}T12:00:00`).toISOString(),
              },
            }
          : {}),
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
      {searchable ? (
        customer ? (
          <div className="rule-picked">
            <Icon name="user" />
            <span>{customer.name}</span>
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
                      onClick={() =>
                        setCustomer({ id: item.id, name: `${item.firstName} ${item.lastName}` })
                      }
                    >
                      <strong>
                        {item.firstName} {item.lastName}
                      </strong>
                      <span>
                        {item.zone.name} · {format.points(item.balance)} {t('simulate.points')}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </form>
        )
      ) : (
        <NumberInput
          label={t('simulate.customerNumber')}
          hint={t('simulate.customerNumberHint')}
          optional
          value={customerNumber}
          onCommit={setCustomerNumber}
        />
      )}
      {isPurchase && (
        <>
          <div className="rule-panel__pair">
            <NumberInput
              label={t('simulate.amount')}
              format="pesos"
              optional
              value={amount}
              onCommit={setAmount}
            />
            <TextField
              label={t('simulate.day')}
              type="date"
              value={day}
              onChange={(event) => setDay(event.target.value)}
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

const backtestDays = [7, 30, 90] as const;

function BacktestSection() {
  const t = useRulesT();
  const format = useFormat();
  const { locale } = useLocale();
  const rule = useRuleEditor((state) => state.rule);
  const [days, setDays] = useState<number>(30);
  const [result, setResult] = useState<Backtest | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  if (!rule) return null;

  const run = async () => {
    setPending(true);
    setError(null);
    const to = today();
    const start = new Date(`${to}T12:00:00`);
    start.setDate(start.getDate() - (days - 1));
    const from = start.toISOString().slice(0, 10);
    try {
      setResult(await api.post<Backtest>('/api/rules/backtest', { document: rule, from, to }));
    } catch (err) {
      setError(errorMessage(err, locale));
    } finally {
      setPending(false);
    }
  };

  const row = (label: string, draft: number | undefined, published: number | undefined) => (
    <tr>
      <th scope="row">{label}</th>
      <td className="table__num">{draft === undefined ? '—' : format.number(draft)}</td>
      <td className="table__num">{published === undefined ? '—' : format.number(published)}</td>
    </tr>
  );

  return (
    <section className="rule-section" aria-labelledby="rule-backtest-title">
      <h2 className="rule-panel__title" id="rule-backtest-title">
        {t('backtest.title')}
      </h2>
      <p className="rule-panel__note">{t('backtest.note')}</p>
      {error && <Alert tone="error">{error}</Alert>}
      <div className="rule-panel__pair rule-panel__pair--end">
        <SelectField
          label={t('backtest.days')}
          value={String(days)}
          onChange={(event) => setDays(Number(event.target.value))}
        >
          {backtestDays.map((option) => (
            <option key={option} value={option}>
              {t('backtest.lastDays', { days: option })}
            </option>
          ))}
        </SelectField>
        <Button size="sm" loading={pending} onClick={() => void run()}>
          {t('backtest.run')}
        </Button>
      </div>
      {result && (
        <table className="table rule-backtest" aria-label={t('backtest.title')}>
          <thead>
            <tr>
              <th scope="col">
                {t('backtest.purchases', { count: format.number(result.purchases) })}
              </th>
              <th scope="col" className="table__num">
                {t('backtest.draft')}
              </th>
              <th scope="col" className="table__num">
                {result.published
                  ? t('backtest.published', { version: result.published.version })
                  : t('backtest.noPublished')}
              </th>
            </tr>
          </thead>
          <tbody>
            {row(t('backtest.matched'), result.draft?.matched, result.published?.matched)}
            {row(t('backtest.customers'), result.draft?.customers, result.published?.customers)}
            {row(t('backtest.points'), result.draft?.points, result.published?.points)}
            {result.draft?.budget &&
              row(t('backtest.budget'), result.draft.budget.used, result.published?.budget?.used)}
          </tbody>
        </table>
      )}
    </section>
  );
}
