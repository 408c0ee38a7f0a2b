import { useEffect, useState } from 'react';
import type { ChangeEvent } from 'react';
import { api, withQuery } from '../../shared/api';
import type {
  ImportRow,
  ImportRowResult,
  Page,
  RedemptionImport,
  RedemptionImportDetail,
} from '../../shared/api';
import { errorMessage } from '../../shared/errors';
import { usePageTitle, useResource } from '../../shared/hooks';
import { useFormat, useLocale } from '../../shared/i18n';
import { useSharedT } from '../../shared/messages';
import { useQueryParams } from '../../shared/queryParams';
import { redemptionStatusKey } from '../../shared/redemptions/RedemptionParts';
import { Alert } from '../../shared/ui/Alert';
import { Button } from '../../shared/ui/Button';
import { cx } from '../../shared/ui/cx';
import { FileDrop } from '../../shared/ui/FileDrop';
import { LoadError, LoadingBlock } from '../../shared/ui/FullPage';
import { Pagination } from '../../shared/ui/Pagination';
import { Icon } from '../../shared/ui/Icon';
import { ListPagination, PageHeader } from '../../ListParts';
import { useT } from '../../messages';
import { useDownload } from './useDownload';
import './redemptions.css';

const maxBytes = 20 * 1024 * 1024;
const extensions = ['.xlsx', '.xls', '.csv'];
const resultOrder: readonly ImportRowResult[] = ['ok', 'unchanged', 'error'];
const rowsPageSize = 100;

/**
 * Status updates from a spreadsheet: upload, read the preview row by row, apply, and download
 * the result. Past uploads stay listed with their counts and results.
 */
export function RedemptionImportsPage() {
  const t = useT();
  const format = useFormat();
  const { locale } = useLocale();
  const { params, update, page } = useQueryParams();
  const shownId = params.get('import');
  const rowsPage = Math.max(1, Number.parseInt(params.get('rows') ?? '1', 10) || 1);
  const [uploading, setUploading] = useState(false);
  const [applying, setApplying] = useState(false);
  const [fileError, setFileError] = useState<string | null>(null);
  const [applyError, setApplyError] = useState<string | null>(null);
  const [historyVersion, setHistoryVersion] = useState(0);
  const download = useDownload();
  usePageTitle(t('imports.title'));

  const shown = useResource<RedemptionImportDetail>(
    shownId ? `/api/redemption-imports/${shownId}` : null,
    { page: rowsPage, pageSize: rowsPageSize },
    historyVersion,
  );
  const history = useResource<Page<RedemptionImport>>(
    '/api/redemption-imports',
    { page },
    historyVersion,
  );
  const current = shownId ? shown.data : undefined;
  // A large file applies in the background: follow it until it is applied.
  const following = current?.status === 'applying';
  useEffect(() => {
    if (!following) return;
    const timer = setInterval(() => setHistoryVersion((v) => v + 1), 1_000);
    return () => clearInterval(timer);
  }, [following]);

  const show = (id: number | null) => {
    setApplyError(null);
    update({ import: id === null ? null : String(id), rows: null });
  };

  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // The same file can be chosen again (to see that it changes nothing the second time).
    event.target.value = '';
    setFileError(null);
    if (!file) return;
    const name = file.name.toLowerCase();
    if (!extensions.some((extension) => name.endsWith(extension))) {
      setFileError(t('imports.fileType'));
      return;
    }
    if (file.size === 0) {
      setFileError(t('imports.fileEmpty'));
      return;
    }
    if (file.size > maxBytes) {
      setFileError(t('imports.fileTooBig'));
      return;
    }
    setUploading(true);
    try {
      const created = await api.upload<RedemptionImport>(
        'POST',
        withQuery('/api/redemption-imports', { fileName: file.name }),
        file,
      );
      setHistoryVersion((v) => v + 1);
      show(created.id);
    } catch (err) {
      setFileError(errorMessage(err, locale));
    } finally {
      setUploading(false);
    }
  };

  const apply = async (id: number) => {
    setApplying(true);
    setApplyError(null);
    try {
      await api.post<RedemptionImport>(`/api/redemption-imports/${id}/apply`);
      setHistoryVersion((v) => v + 1);
    } catch (err) {
      setApplyError(errorMessage(err, locale));
    } finally {
      setApplying(false);
    }
  };

  return (
    <section className="page">
      <PageHeader title={t('imports.title')} subtitle={t('imports.subtitle')}>
        <Button
          loading={download.pending === 'template'}
          onClick={() =>
            void download.run(
              'template',
              '/api/redemption-imports/template.xlsx',
              {},
              'plantilla-estados-canjes.xlsx',
            )
          }
        >
          <Icon name="file" />
          {t('imports.template')}
        </Button>
      </PageHeader>
      {download.error && <Alert tone="error">{download.error}</Alert>}

      <section className="card" aria-labelledby="upload-title">
        <div className="card__header">
          <h2 className="card__title" id="upload-title">
            {t('imports.uploadTitle')}
          </h2>
        </div>
        <div className="card__body import-upload">
          <FileDrop
            accept=".xlsx,.xls,.csv"
            disabled={uploading}
            onChange={(event) => void upload(event)}
            title={uploading ? t('imports.uploading') : t('imports.choose')}
            hint={t('imports.hint')}
            error={fileError ?? undefined}
          />
          <ul role="list" className="import-columns" aria-label={t('imports.columns')}>
            <li>
              <strong>folio</strong> {t('imports.columnFolio')}
            </li>
            <li>
              <strong>estado</strong> {t('imports.columnStatus')}
            </li>
            <li>
              <strong>paqueteria</strong>, <strong>guia</strong> {t('imports.columnShipment')}
            </li>
            <li>
              <strong>nota</strong> {t('imports.columnNote')}
            </li>
          </ul>
        </div>
      </section>

      {shownId && !current && (
        <section className="card">
          {shown.error ? (
            <LoadError error={shown.error} onRetry={shown.reload} />
          ) : (
            <LoadingBlock />
          )}
        </section>
      )}
      {current && (
        <ImportResult
          result={current}
          applying={applying}
          applyError={applyError}
          onApply={() => void apply(current.id)}
          onRowsPage={(next) => update({ rows: next > 1 ? String(next) : null })}
          onClose={() => show(null)}
          onDownload={() =>
            void download.run(
              'result',
              `/api/redemption-imports/${current.id}/result.xlsx`,
              {},
              `resultado-${current.fileName.replace(/\.\w+$/, '')}.xlsx`,
            )
          }
          downloading={download.pending === 'result'}
        />
      )}

      <section className="card" aria-labelledby="history-title">
        <div className="card__header">
          <h2 className="card__title" id="history-title">
            {t('imports.history')}
          </h2>
        </div>
        {history.error && <LoadError error={history.error} onRetry={history.reload} />}
        {history.data ? (
          <>
            <div className="table-wrap">
              <table className="table import-history" aria-label={t('imports.history')}>
                <thead>
                  <tr>
                    <th scope="col">{t('imports.file')}</th>
                    <th scope="col">{t('imports.uploadedAt')}</th>
                    {resultOrder.map((result) => (
                      <th scope="col" className="table__num" key={result}>
                        {t(`imports.historyCount.${result}`)}
                      </th>
                    ))}
                    <th scope="col">{t('field.status')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('rewards.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {history.data.items.map((item) => (
                    <tr key={item.id} aria-current={String(item.id) === shownId || undefined}>
                      <td>
                        <div className="stack">
                          <span className="table__mono">{item.fileName}</span>
                          {item.createdBy && (
                            <span className="person__sub">
                              {t('imports.uploadedBy', { name: item.createdBy.name })}
                            </span>
                          )}
                        </div>
                      </td>
                      <td className="table__nowrap">{format.dateTime(item.createdAt)}</td>
                      {resultOrder.map((result) => (
                        <td className="table__num" key={result}>
                          {format.number(item.counts[result])}
                        </td>
                      ))}
                      <td>
                        <span
                          className={cx(
                            'badge badge--dot',
                            item.status === 'applied'
                              ? 'badge--success'
                              : item.status === 'applying'
                                ? 'badge--brand'
                                : 'badge--warning',
                          )}
                        >
                          {t(`imports.status.${item.status}`)}
                        </span>
                      </td>
                      <td>
                        <Button size="sm" variant="ghost" onClick={() => show(item.id)}>
                          {t('imports.view')}
                          <Icon name="chevronRight" />
                        </Button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {history.data.items.length === 0 && (
                <div className="empty-state">
                  <p className="empty-state__title">{t('imports.historyEmpty')}</p>
                </div>
              )}
            </div>
            <ListPagination result={history.data} onPage={(next) => update({ page: next })} />
          </>
        ) : (
          !history.error && <LoadingBlock />
        )}
      </section>
    </section>
  );
}

const resultBadge: Readonly<Record<ImportRowResult, string>> = {
  ok: 'badge badge--success',
  unchanged: 'badge badge--muted',
  error: 'badge badge--danger',
};

/** One upload: its counts, its rows with their reasons, and applying it or its result. */
function ImportResult({
  result,
  applying,
  applyError,
  onApply,
  onRowsPage,
  onClose,
  onDownload,
  downloading,
}: {
  result: RedemptionImportDetail;
  applying: boolean;
  applyError: string | null;
  onApply: () => void;
  onRowsPage: (page: number) => void;
  onClose: () => void;
  onDownload: () => void;
  downloading: boolean;
}) {
  const t = useT();
  const st = useSharedT();
  const format = useFormat();
  // A status the server understood reads in the UI's words; one it did not, as it was written.
  const statusText = (row: ImportRow) =>
    row.status ? st(redemptionStatusKey[row.status]) : (row.statusText ?? '—');
  const applied = result.status === 'applied';
  const progress = result.status === 'applying' ? result.progress : null;
  return (
    <section className="card import-result" aria-labelledby="result-title">
      <div className="card__header">
        <div>
          <h2 className="card__title" id="result-title">
            {applied
              ? t('imports.appliedTitle')
              : progress
                ? t('imports.applyingTitle')
                : t('imports.previewTitle')}
          </h2>
          <p className="import-result__file">
            <Icon name="file" />
            {result.fileName} ·{' '}
            {result.rowCount === 1
              ? t('imports.rowsOne')
              : t('imports.rows', { count: format.number(result.rowCount) })}
          </p>
        </div>
        <Button size="sm" variant="ghost" onClick={onClose}>
          <Icon name="x" />
          {t('imports.close')}
        </Button>
      </div>
      <div className="card__body import-result__body">
        {applied ? (
          <Alert tone="success">
            {t('imports.applied', { count: format.number(result.counts.ok) })}
          </Alert>
        ) : progress ? (
          <div className="import-progress" role="status">
            <p>
              {t('imports.applying', {
                done: format.number(progress.done),
                total: format.number(progress.total),
              })}
            </p>
            <progress value={progress.done} max={Math.max(progress.total, 1)} />
          </div>
        ) : (
          <Alert tone="info">{t('imports.previewNote')}</Alert>
        )}
        {applyError && <Alert tone="error">{applyError}</Alert>}
        <ul role="list" className="import-counts">
          {resultOrder.map((kind) => (
            <li key={kind} className={cx('import-count', `import-count--${kind}`)}>
              <span className="import-count__label">
                {applied ? t(`imports.countApplied.${kind}`) : t(`imports.count.${kind}`)}
              </span>
              <span className="import-count__value">{format.number(result.counts[kind])}</span>
            </li>
          ))}
        </ul>
        <div className="table-wrap import-rows">
          <table className="table" aria-label={t('imports.rowsTable')}>
            <thead>
              <tr>
                <th scope="col" className="table__num">
                  {t('imports.row')}
                </th>
                <th scope="col">{t('redemptions.folio')}</th>
                <th scope="col">{t('imports.newStatus')}</th>
                <th scope="col">{t('imports.result')}</th>
                <th scope="col">{t('imports.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((row) => (
                <tr key={row.row}>
                  <td className="table__num table__muted">{row.row}</td>
                  <td className="table__mono table__nowrap">{row.folio ?? '—'}</td>
                  <td>
                    <div className="stack">
                      <span>{statusText(row)}</span>
                      {(row.carrier ?? row.trackingNumber) && (
                        <span className="person__sub">
                          {[row.carrier, row.trackingNumber].filter(Boolean).join(' · ')}
                        </span>
                      )}
                    </div>
                  </td>
                  <td>
                    <span className={resultBadge[row.result]}>
                      {t(`imports.result.${row.result}`)}
                    </span>
                  </td>
                  <td className={row.reason ? undefined : 'table__muted'}>{row.reason ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {result.total > result.pageSize && (
          <Pagination
            page={result.page}
            pageSize={result.pageSize}
            total={result.total}
            onPage={onRowsPage}
          />
        )}
      </div>
      <footer className="card__footer import-result__actions">
        <Button loading={downloading} onClick={onDownload}>
          <Icon name="file" />
          {t('imports.downloadResult')}
        </Button>
        {result.status === 'previewed' && (
          <Button
            variant="primary"
            loading={applying}
            disabled={result.counts.ok === 0}
            onClick={onApply}
          >
            <Icon name="check" />
            {t('imports.apply', { count: format.number(result.counts.ok) })}
          </Button>
        )}
      </footer>
    </section>
  );
}
