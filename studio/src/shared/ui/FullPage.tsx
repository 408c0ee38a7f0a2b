import { Link } from 'react-router';
import { errorMessage } from '../errors';
import { useLocale } from '../i18n';
import { useSharedT } from '../messages';
import { Alert } from './Alert';
import { Button, Spinner } from './Button';

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
