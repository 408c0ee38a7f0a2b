import { Fragment, useState } from 'react';
import type { AuditEvent, Page } from '../../shared/api';
import { dayBoundary } from '../../shared/dates';
import { useDebouncedCallback, usePageTitle, useResource } from '../../shared/hooks';
import { useFormat } from '../../shared/i18n';
import { Alert } from '../../shared/ui/Alert';
import { Button } from '../../shared/ui/Button';
import { SelectField, TextField } from '../../shared/ui/Field';
import { LoadError, LoadingBlock } from '../../shared/ui/FullPage';
import { roleKey, useAccess } from '../../access';
import { Icon } from '../../shared/ui/Icon';
import { ListPagination, PageHeader, ZoneFilter } from '../../ListParts';
import { useT } from '../../messages';
import { oneOf, useQueryParams } from '../../shared/queryParams';
import { useZones } from '../../zones';
import {
  actionText,
  diffSnapshots,
  fieldText,
  ipText,
  knownActions,
  targetRef,
  targetText,
  valueText,
} from './auditText';
import './audit.css';

const pageSize = 25;
const columns = 7;

export function AuditPage() {
  const { user: me, zoneScoped } = useAccess();
  const t = useT();
  const format = useFormat();
  const { zones, zoneName } = useZones();
  const { params, update, page } = useQueryParams();
  const action = oneOf(knownActions, params.get('action'));
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const actorId = params.get('actorId') ?? '';
  const zoneId = params.get('zoneId') ?? '';
  const targetType = params.get('targetType') ?? '';
  const targetId = params.get('targetId') ?? '';
  const [actorInput, setActorInput] = useState(actorId);
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set());
  usePageTitle(t('audit.title'));

  const rangeInvalid = Boolean(from && to && from > to);
  const actorInvalid = actorInput.trim() !== '' && !/^[1-9]\d*$/.test(actorInput.trim());
  const applyActor = useDebouncedCallback((value: string) => {
    if (value === '' || /^[1-9]\d*$/.test(value)) update({ actorId: value, page: null });
  });

  const events = useResource<Page<AuditEvent>>(rangeInvalid ? null : '/api/audit', {
    action,
    from: dayBoundary(from, false),
    to: dayBoundary(to, true),
    actorId,
    zoneId: zoneScoped ? undefined : zoneId,
    targetType,
    targetId,
    page,
    pageSize,
  });

  const filterByActor = (id: number) => {
    applyActor.cancel();
    setActorInput(String(id));
    update({ actorId: String(id), page: null });
  };

  const toggle = (id: number) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const filtered = Boolean(action || from || to || actorId || zoneId || targetType || targetId);
  const clearFilters = () => {
    applyActor.cancel();
    setActorInput('');
    update({
      action: null,
      from: null,
      to: null,
      actorId: null,
      zoneId: null,
      targetType: null,
      targetId: null,
      page: null,
    });
  };

  const result = events.data;
  const targetLabel = targetRef(targetType, targetId, t);

  return (
    <section className="page">
      <PageHeader
        title={t('audit.title')}
        subtitle={
          zoneScoped
            ? t('audit.subtitleZone', { zone: me.zone?.name ?? '' })
            : t('audit.subtitleAll')
        }
      />

      <div className="card">
        <div className="toolbar" role="search">
          <SelectField
            className="toolbar__action"
            label={t('audit.action')}
            value={action ?? ''}
            onChange={(event) => update({ action: event.target.value, page: null })}
          >
            <option value="">{t('audit.anyAction')}</option>
            {knownActions.map((known) => (
              <option key={known} value={known}>
                {actionText(known, t)}
              </option>
            ))}
          </SelectField>
          <TextField
            className="toolbar__date"
            label={t('audit.from')}
            type="date"
            value={from}
            max={to || undefined}
            onChange={(event) => update({ from: event.target.value, page: null })}
          />
          <TextField
            className="toolbar__date"
            label={t('audit.to')}
            type="date"
            value={to}
            min={from || undefined}
            onChange={(event) => update({ to: event.target.value, page: null })}
            error={rangeInvalid ? t('audit.rangeInvalid') : undefined}
          />
          <TextField
            className="toolbar__actor"
            label={t('audit.actorId')}
            inputMode="numeric"
            placeholder={t('audit.actorIdPlaceholder')}
            value={actorInput}
            onChange={(event) => {
              setActorInput(event.target.value);
              applyActor.run(event.target.value.trim());
            }}
            error={actorInvalid ? t('audit.actorIdInvalid') : undefined}
          />
          {!zoneScoped && (
            <ZoneFilter
              label={t('audit.zone')}
              anyLabel={t('zone.all')}
              zones={zones}
              value={zoneId}
              onChange={(next) => update({ zoneId: next, page: null })}
            />
          )}
        </div>

        {filtered && (
          <div className="filter-chip-row">
            {(targetType || targetId) && (
              <span className="filter-chip">
                {t('audit.onlyTarget', { target: targetLabel })}
                <button
                  type="button"
                  className="filter-chip__remove"
                  aria-label={t('audit.removeTarget')}
                  onClick={() => update({ targetType: null, targetId: null, page: null })}
                >
                  <Icon name="x" />
                </button>
              </span>
            )}
            <Button
              size="sm"
              variant="ghost"
              className="filter-chip-row__clear"
              onClick={clearFilters}
            >
              <Icon name="x" />
              {t('users.clearFilters')}
            </Button>
          </div>
        )}

        {events.error && <LoadError error={events.error} onRetry={events.reload} />}
        {rangeInvalid && (
          <div className="load-error">
            <Alert tone="warning">{t('audit.rangeInvalid')}</Alert>
          </div>
        )}
        {!rangeInvalid && (!events.error || result) && (
          <>
            <div className="table-wrap">
              <table
                className="table audit-table"
                aria-label={t('audit.table')}
                aria-busy={events.loading}
              >
                <thead>
                  <tr>
                    <th scope="col">{t('audit.when')}</th>
                    <th scope="col">{t('audit.actor')}</th>
                    <th scope="col">{t('audit.action')}</th>
                    <th scope="col">{t('audit.target')}</th>
                    <th scope="col">{t('audit.zone')}</th>
                    <th scope="col">{t('audit.ip')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('audit.details')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {result?.items.map((event) => {
                    const open = expanded.has(event.id);
                    const hasChanges = event.before !== null || event.after !== null;
                    const target = targetText(event, t, zoneName);
                    const detailId = `audit-detail-${event.id}`;
                    return (
                      <Fragment key={event.id}>
                        <tr className={open ? 'audit-row audit-row--open' : 'audit-row'}>
                          <td className="table__nowrap">
                            <time className="stack" dateTime={event.createdAt}>
                              <span>{format.date(event.createdAt)}</span>
                              <span className="person__sub">{format.time(event.createdAt)}</span>
                            </time>
                          </td>
                          <td className="table__nowrap">
                            {event.actor ? (
                              <div className="stack">
                                <button
                                  type="button"
                                  className="text-button"
                                  title={event.actor.email}
                                  onClick={() => event.actor && filterByActor(event.actor.id)}
                                >
                                  {event.actor.name}
                                </button>
                                <span className="person__sub">
                                  #{event.actor.id}
                                  {event.actorRole ? ` · ${t(roleKey(event.actorRole))}` : ''}
                                </span>
                              </div>
                            ) : (
                              <span className="table__muted">{t('audit.system')}</span>
                            )}
                          </td>
                          <td>
                            <span
                              className={`action-tag action-tag--${event.action.split('.')[0]}`}
                            >
                              {actionText(event.action, t)}
                            </span>
                          </td>
                          <td className="table__nowrap">
                            <div className="stack">
                              <span>{target.label}</span>
                              {target.sub && <span className="person__sub">{target.sub}</span>}
                            </div>
                          </td>
                          <td className={event.zoneId === null ? 'table__muted' : undefined}>
                            {zoneName(event.zoneId) ?? '—'}
                          </td>
                          <td className="table__nowrap audit-ip">{ipText(event.ip)}</td>
                          <td className="audit-toggle-cell">
                            {hasChanges && (
                              <button
                                type="button"
                                className="icon-button audit-toggle"
                                aria-label={open ? t('audit.hide') : t('audit.show')}
                                title={open ? t('audit.hide') : t('audit.show')}
                                aria-expanded={open}
                                aria-controls={open ? detailId : undefined}
                                onClick={() => toggle(event.id)}
                              >
                                <Icon name={open ? 'chevronDown' : 'chevronRight'} />
                              </button>
                            )}
                          </td>
                        </tr>
                        {open && (
                          <tr className="audit-detail" id={detailId}>
                            <td colSpan={columns}>
                              <DiffTable event={event} zoneName={zoneName} />
                            </td>
                          </tr>
                        )}
                      </Fragment>
                    );
                  })}
                </tbody>
              </table>
              {result && result.items.length === 0 && (
                <p className="empty-state">{t('audit.empty')}</p>
              )}
              {!result && <LoadingBlock />}
            </div>
            {result && <ListPagination result={result} onPage={(next) => update({ page: next })} />}
          </>
        )}
      </div>
    </section>
  );
}

function DiffTable({
  event,
  zoneName,
}: {
  event: AuditEvent;
  zoneName: (id: number | null) => string | null;
}) {
  const t = useT();
  const rows = diffSnapshots(event.before, event.after);
  if (rows.length === 0) return <p className="diff__empty">{t('audit.noDiff')}</p>;
  return (
    <table className="diff">
      <thead>
        <tr>
          <th scope="col">{t('audit.field')}</th>
          <th scope="col">{t('audit.before')}</th>
          <th scope="col">{t('audit.after')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.field}>
            <th scope="row">{fieldText(row.field, t)}</th>
            <td className="diff__before">
              {event.before === null ? '—' : valueText(row.field, row.before, t, zoneName)}
            </td>
            <td className="diff__after">
              {event.after === null ? '—' : valueText(row.field, row.after, t, zoneName)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
