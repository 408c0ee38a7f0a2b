import { useState } from 'react';
import { api } from '../../shared/api';
import { errorMessage } from '../../shared/errors';
import { useLocale } from '../../shared/i18n';

type Query = Parameters<typeof api.download>[1];

/**
 * Files the screen offers to download (a template, a result, a report): which one is being
 * fetched now, and why the last one failed.
 */
export function useDownload() {
  const { locale } = useLocale();
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async (key: string, path: string, query: Query, fallbackName: string) => {
    setPending(key);
    setError(null);
    try {
      await api.download(path, query, fallbackName);
    } catch (err) {
      setError(errorMessage(err, locale));
    } finally {
      setPending(null);
    }
  };
  return { pending, error, run };
}
