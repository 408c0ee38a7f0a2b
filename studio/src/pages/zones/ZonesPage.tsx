import { useState } from 'react';
import type { Zone } from '../../shared/api';
import { useNotice, usePageTitle, useResource } from '../../shared/hooks';
import { useFormat, useLocale } from '../../shared/i18n';
import { oneOf, useQueryParams } from '../../shared/queryParams';
import { Alert } from '../../shared/ui/Alert';
import { Button } from '../../shared/ui/Button';
import { LoadError, LoadingBlock } from '../../shared/ui/FullPage';
import { Icon } from '../../shared/ui/Icon';
import { useAccess } from '../../access';
import { PageHeader, SortHeader } from '../../ListParts';
import { useT } from '../../messages';
import type { StudioKey } from '../../messages';
import { ZoneDialog } from './ZoneDialog';
import type { ZoneDialogTarget } from './ZoneDialog';
import './zones.css';

const sortable = ['code', 'name', 'createdAt'] as const;
type SortKey = (typeof sortable)[number];

/** The zones, few enough to come in one answer: sorted here, created and renamed in a dialog. */
export function ZonesPage() {
  const { can } = useAccess();
  const t = useT();
  const format = useFormat();
  const { locale } = useLocale();
  const { params, update } = useQueryParams();
  const sort = oneOf(sortable, params.get('sort')) ?? 'name';
  const order = params.get('order') === 'desc' ? 'desc' : 'asc';
  const [dialog, setDialog] = useState<ZoneDialogTarget | null>(null);
  const notice = useNotice(t);
  const zones = useResource<{ items: Zone[] }>('/api/zones');
  const manage = can('zones.manage');
  usePageTitle(t('zones.title'));

  const collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
  const items = [...(zones.data?.items ?? [])].sort((a, b) => {
    const byKey = collator.compare(a[sort], b[sort]);
    return order === 'asc' ? byKey : -byKey;
  });

  const header = (key: SortKey, label: StudioKey) => (
    <SortHeader
      label={t(label)}
      active={sort === key}
      order={order}
      onSort={() => update({ sort: key, order: sort === key && order === 'asc' ? 'desc' : 'asc' })}
    />
  );

  return (
    <section className="page">
      <PageHeader title={t('zones.title')} subtitle={t('zones.subtitle')}>
        {manage && (
          <Button variant="primary" onClick={() => setDialog({ kind: 'create' })}>
            <Icon name="plus" />
            {t('zones.new')}
          </Button>
        )}
      </PageHeader>

      {notice.text && <Alert tone="success">{notice.text}</Alert>}

      <div className="card">
        {zones.error && <LoadError error={zones.error} onRetry={zones.reload} />}
        {!zones.error || zones.data ? (
          <div className="table-wrap">
            <table className="table" aria-label={t('zones.table')} aria-busy={zones.loading}>
              <thead>
                <tr>
                  {header('code', 'field.code')}
                  {header('name', 'field.name')}
                  {header('createdAt', 'field.created')}
                  {manage && (
                    <th scope="col">
                      <span className="visually-hidden">{t('zones.actions')}</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {items.map((zone) => (
                  <tr key={zone.id}>
                    <td className="table__nowrap table__mono zone-code">{zone.code}</td>
                    <td className="zone-name">{zone.name}</td>
                    <td className="table__nowrap table__muted">{format.date(zone.createdAt)}</td>
                    {manage && (
                      <td className="zone-actions">
                        <Button
                          variant="ghost"
                          size="sm"
                          aria-label={t('zones.renameOf', { name: zone.name })}
                          onClick={() => setDialog({ kind: 'rename', zone })}
                        >
                          <Icon name="pencil" />
                          {t('zones.rename')}
                        </Button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
            {zones.data && items.length === 0 && <p className="empty-state">{t('zones.empty')}</p>}
            {!zones.data && <LoadingBlock />}
          </div>
        ) : null}
      </div>

      <ZoneDialog
        target={dialog}
        onClose={() => setDialog(null)}
        onSaved={(zone, kind) => {
          setDialog(null);
          notice.show(kind === 'create' ? 'zones.created' : 'zones.renamed', {
            code: zone.code,
            name: zone.name,
          });
          zones.reload();
        }}
      />
    </section>
  );
}
