import { useState } from 'react';
import type { MouseEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { TRIGGER_TYPES } from '@lealtad/rules-schema';
import type { Page } from '../../shared/api';
import { usePageTitle, useResource } from '../../shared/hooks';
import { useFormat } from '../../shared/i18n';
import { oneOf, useQueryParams } from '../../shared/queryParams';
import { Button } from '../../shared/ui/Button';
import { SelectField } from '../../shared/ui/Field';
import { LoadError, LoadingBlock } from '../../shared/ui/FullPage';
import { Icon } from '../../shared/ui/Icon';
import { FilterChips } from '../../FilterChips';
import type { FilterChip } from '../../FilterChips';
import { ListPagination, PageHeader, SearchBox, useListSearch } from '../../ListParts';
import { NewRuleDialog } from './NewRuleDialog';
import { ruleStates } from './rulesApi';
import type { RuleSummary } from './rulesApi';
import { useRulesT, validityWords } from './rulesText';
import { StateBadge } from './StateBadge';
import './rules.css';

const pageSize = 25;

/** Every rule the person may edit: what it does, whether it is live and what it gave lately. */
export function RulesListPage() {
  const t = useRulesT();
  const format = useFormat();
  const navigate = useNavigate();
  const { params, update, page } = useQueryParams();
  const q = params.get('q') ?? '';
  const trigger = oneOf(TRIGGER_TYPES, params.get('trigger'));
  const state = oneOf(ruleStates, params.get('state'));
  const search = useListSearch(q, update);
  const [creating, setCreating] = useState(false);
  usePageTitle(t('rules.title'));

  const rules = useResource<Page<RuleSummary>>('/api/rules', {
    q,
    trigger,
    state,
    page,
    pageSize,
  });

  const chips: FilterChip[] = [];
  if (q) {
    chips.push({
      key: 'q',
      label: t('rules.chipQuery', { q }),
      onRemove: () => {
        search.reset();
        update({ q: null, page: null });
      },
    });
  }
  if (trigger) {
    chips.push({
      key: 'trigger',
      label: `${t('rules.trigger')}: ${t(`trigger.${trigger}`)}`,
      onRemove: () => update({ trigger: null, page: null }),
    });
  }
  if (state) {
    chips.push({
      key: 'state',
      label: `${t('rules.state')}: ${t(`state.${state}`)}`,
      onRemove: () => update({ state: null, page: null }),
    });
  }

  const openRow = (event: MouseEvent, id: number) => {
    if ((event.target as HTMLElement).closest('a, button')) return;
    void navigate(`/rules/${id}`);
  };

  const result = rules.data;
  return (
    <section className="page">
      <PageHeader title={t('rules.title')} subtitle={t('rules.subtitle')}>
        <div className="rules-actions">
          <Link className="btn btn--secondary" to="/rules/map">
            <Icon name="mapPin" />
            {t('map.open')}
          </Link>
          <Button variant="primary" onClick={() => setCreating(true)}>
            <Icon name="plus" />
            {t('rules.new')}
          </Button>
        </div>
      </PageHeader>

      <div className="card">
        <div className="toolbar" role="search">
          <SearchBox
            search={search}
            label={t('rules.search')}
            placeholder={t('rules.searchPlaceholder')}
          />
          <SelectField
            label={t('rules.trigger')}
            value={trigger ?? ''}
            onChange={(event) => update({ trigger: event.target.value, page: null })}
          >
            <option value="">{t('rules.anyTrigger')}</option>
            {TRIGGER_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`trigger.${type}`)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('rules.state')}
            value={state ?? ''}
            onChange={(event) => update({ state: event.target.value, page: null })}
          >
            <option value="">{t('rules.anyState')}</option>
            {ruleStates.map((option) => (
              <option key={option} value={option}>
                {t(`state.${option}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <FilterChips
          chips={chips}
          onClear={() => {
            search.reset();
            update({ q: null, trigger: null, state: null, page: null });
          }}
        />

        {rules.error && <LoadError error={rules.error} onRetry={rules.reload} />}
        {!rules.error || result ? (
          <>
            <div className="table-wrap">
              <table
                className="table rules-table"
                aria-label={t('rules.table')}
                aria-busy={rules.loading}
              >
                <thead>
                  <tr>
                    <th scope="col">{t('rules.name')}</th>
                    <th scope="col">{t('rules.trigger')}</th>
                    <th scope="col">{t('rules.state')}</th>
                    <th scope="col">{t('rules.validity')}</th>
                    <th scope="col">{t('rules.lastChange')}</th>
                    <th scope="col" className="table__num">
                      {t('rules.points30')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {result?.items.map((rule) => (
                    <tr
                      key={rule.id}
                      className="table__row-link"
                      onClick={(event) => openRow(event, rule.id)}
                    >
                      <td>
                        <Link className="rules-table__name" to={`/rules/${rule.id}`}>
                          {rule.name}
                        </Link>
                        <span className="rules-table__summary">{rule.summary}</span>
                      </td>
                      <td>{t(`trigger.${rule.trigger}`)}</td>
                      <td>
                        <StateBadge rule={rule} />
                      </td>
                      <td className="table__muted">
                        {rule.validity ? validityWords(rule.validity, t) : '—'}
                      </td>
                      <td className="rules-table__change">
                        <span className="rules-table__when">{format.dateTime(rule.updatedAt)}</span>
                        <span className="rules-table__who">
                          {rule.updatedBy?.name ?? t('rules.platform')}
                        </span>
                      </td>
                      <td className="table__num">
                        <strong>{format.points(rule.pointsLast30Days)}</strong>
                        <span className="rules-table__who">
                          {t('rules.awards', { count: format.number(rule.awardsLast30Days) })}
                        </span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {result && result.items.length === 0 && (
                <div className="empty-state">
                  <p className="empty-state__title">{t('rules.empty')}</p>
                  {chips.length > 0 && <p>{t('rules.emptyHint')}</p>}
                </div>
              )}
              {!result && <LoadingBlock />}
            </div>
            {result && <ListPagination result={result} onPage={(next) => update({ page: next })} />}
          </>
        ) : null}
      </div>

      <NewRuleDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(id) => void navigate(`/rules/${id}`)}
      />
    </section>
  );
}
