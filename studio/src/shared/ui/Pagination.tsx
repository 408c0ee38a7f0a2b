import { useFormat } from '../i18n';
import { useSharedT } from '../messages';
import { Button } from './Button';

interface PaginationProps {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
}

/** "Showing 26–50 of 120" with previous/next. */
export function Pagination({ page, pageSize, total, onPage }: PaginationProps) {
  const t = useSharedT();
  const format = useFormat();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <nav className="pagination" aria-label={t('pagination')}>
      <p className="pagination__summary" aria-live="polite">
        {total === 0
          ? t('pageSummaryEmpty')
          : t('pageSummary', {
              from: format.number(from),
              to: format.number(to),
              total: format.number(total),
            })}
      </p>
      <div className="pagination__controls">
        <span className="pagination__page">
          {t('pageOf', { page: format.number(page), pages: format.number(pages) })}
        </span>
        <Button size="sm" disabled={page <= 1} onClick={() => onPage(page - 1)}>
          {t('previous')}
        </Button>
        <Button size="sm" disabled={page >= pages} onClick={() => onPage(page + 1)}>
          {t('next')}
        </Button>
      </div>
    </nav>
  );
}

interface OpenPaginationProps {
  page: number;
  pageSize: number;
  /** Items on this page. */
  count: number;
  hasMore: boolean;
  onPage: (page: number) => void;
}

/** "Showing 26–50 · Page 2" with previous/next, for lists that say whether more follow. */
export function OpenPagination({ page, pageSize, count, hasMore, onPage }: OpenPaginationProps) {
  const t = useSharedT();
  const format = useFormat();
  const from = (page - 1) * pageSize + 1;
  if (page === 1 && !hasMore && count === 0) return null;
  return (
    <nav className="pagination" aria-label={t('pagination')}>
      <p className="pagination__summary" aria-live="polite">
        {count === 0
          ? t('pageSummaryEmpty')
          : t('pageRange', {
              from: format.number(from),
              to: format.number(from + count - 1),
            })}
      </p>
      <div className="pagination__controls">
        <span className="pagination__page">{t('pageNumber', { page: format.number(page) })}</span>
        <Button size="sm" disabled={page <= 1} onClick={() => onPage(page - 1)}>
          {t('previous')}
        </Button>
        <Button size="sm" disabled={!hasMore} onClick={() => onPage(page + 1)}>
          {t('next')}
        </Button>
      </div>
    </nav>
  );
}
