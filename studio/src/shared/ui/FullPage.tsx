import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../errors';
import type { Resource } from '../hooks';
import { useLocale } from '../i18n';
import { useSharedT } from '../messages';
import { Alert } from './Alert';
import { Button, Spinner } from './Button';
import { Icon } from './Icon';

export function FullPageLoader() {
  const t = useSharedT();
  return (
    <div className="full-page" role="status">
      <Spinner large />
      <span className="visually-hidden">{t('loading')}</span>
    </div>
  );
}

export function FullPageError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const t = useSharedT();
  const { locale } = useLocale();
  return (
    <div className="full-page">
      <div className="full-page__box">
        <Alert tone="error" title={t('loadFailed')}>
          {errorMessage(error, locale)}
        </Alert>
        <Button variant="primary" onClick={onRetry}>
          {t('retry')}
        </Button>
      </div>
    </div>
  );
}

/** Inside a section: the request failed, with a way to try again. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const t = useSharedT();
  const { locale } = useLocale();
  return (
    <div className="load-error">
      <Alert tone="error" title={t('loadFailed')}>
        {errorMessage(error, locale)}
      </Alert>
      <Button size="sm" onClick={onRetry}>
        {t('retry')}
      </Button>
    </div>
  );
}

export function NotFound() {
  const t = useSharedT();
  return (
    <div className="empty-state">
      <h1 className="empty-state__title">{t('notFoundTitle')}</h1>
      <p>{t('notFoundBody')}</p>
      <Link className="btn btn--primary" to="/">
        {t('goHome')}
      </Link>
    </div>
  );
}

/** In place of a section (or under a table's header) while its first data loads. */
export function LoadingBlock() {
  const t = useSharedT();
  return (
    <div className="loading-block" role="status">
      <Spinner />
      {t('loading')}
    </div>
  );
}

/** The way back from a detail page to the list it was opened from. */
export function BackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Link to={to} className="breadcrumb">
      <Icon name="arrowLeft" />
      {children}
    </Link>
  );
}

/** A detail page until its data arrives: the way back, then loading or why it failed. */
export function PendingPage({
  className,
  back,
  resource,
}: {
  className: string;
  back: ReactNode;
  resource: Pick<Resource<unknown>, 'error' | 'reload'>;
}) {
  return (
    <div className={className}>
      {back}
      {resource.error ? (
        <LoadError error={resource.error} onRetry={resource.reload} />
      ) : (
        <LoadingBlock />
      )}
    </div>
  );
}
