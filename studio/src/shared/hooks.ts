import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, api, withQuery } from './api';
import { formErrors, noErrors } from './errors';
import type { FormErrors } from './errors';
import { useLocale } from './i18n';
import type { Translate, Vars } from './i18n';
import { productName, useSession } from './session';

type Query = Parameters<typeof withQuery>[1];

/**
 * `run` calls `callback` once calls to it have paused for `delayMs` (search boxes: the box
 * updates at every key, the list once typing pauses).
 */
export function useDebouncedCallback<A extends unknown[]>(
  callback: (...args: A) => void,
  delayMs = 300,
): { run: (...args: A) => void; cancel: () => void } {
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const latest = useRef(callback);
  useEffect(() => {
    latest.current = callback;
  });
  useEffect(() => () => clearTimeout(timer.current), []);
  const run = useCallback(
    (...args: A) => {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => latest.current(...args), delayMs);
    },
    [delayMs],
  );
  const cancel = useCallback(() => clearTimeout(timer.current), []);
  return useMemo(() => ({ run, cancel }), [run, cancel]);
}

export interface Resource<T> {
  data: T | undefined;
  error: ApiError | null;
  /** True while the current request is out; `data` then still holds the previous answer. */
  loading: boolean;
  reload: () => void;
}

interface Loaded<T> {
  key: string | null;
  data?: T;
  error: ApiError | null;
}

/**
 * GETs `path` (null: nothing yet) and again whenever the path, the query or `refreshKey` change
 * (a screen bumps `refreshKey` when it learns the data changed, e.g. from a live event).
 */
export function useResource<T>(
  path: string | null,
  query?: Query,
  refreshKey: string | number = 0,
): Resource<T> {
  const url = path === null ? null : withQuery(path, query);
  const [version, setVersion] = useState(0);
  const [loaded, setLoaded] = useState<Loaded<T>>({ key: null, error: null });
  const key = url === null ? null : `${url}#${version}#${refreshKey}`;

  useEffect(() => {
    if (url === null) return;
    const controller = new AbortController();
    const requestKey = `${url}#${version}#${refreshKey}`;
    api.get<T>(url, undefined, controller.signal).then(
      (data) => setLoaded({ key: requestKey, data, error: null }),
      (err: unknown) => {
        if (controller.signal.aborted) return;
        const error =
          err instanceof ApiError ? err : new ApiError(0, 'internal_error', String(err));
        setLoaded((previous) => ({ key: requestKey, data: previous.data, error }));
      },
    );
    return () => controller.abort();
  }, [url, version, refreshKey]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return {
    data: loaded.data,
    error: loaded.key === key ? loaded.error : null,
    loading: key !== null && loaded.key !== key,
    reload,
  };
}

/** Names the browser tab after the page. */
export function usePageTitle(title: string): void {
  const { app } = useSession();
  const product = productName[app];
  useEffect(() => {
    document.title = `${title} · ${product}`;
  }, [title, product]);
}

/** A form's errors; `clear(field)` drops a field's message as soon as the person edits it. */
export function useFormErrors() {
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const clear = useCallback(
    (field: string) =>
      setErrors((current) => {
        if (!(field in current.fields)) return current;
        const fields = Object.fromEntries(
          Object.entries(current.fields).filter(([name]) => name !== field),
        );
        return { ...current, fields };
      }),
    [],
  );
  return { errors, setErrors, clear };
}

export interface FormSubmitOptions {
  /** The fields the form shows: server messages about others go to the general message. */
  fields: readonly string[];
  /** Error ids that concern one field but carry no details (`email_taken` → `email`). */
  fieldOf?: Readonly<Record<string, string>>;
  /** What to show for a failed request, given what `formErrors` made of it. */
  onFailure?: (error: unknown, found: FormErrors) => FormErrors;
  /** The form stays after a success, so `pending` ends then too (otherwise it closes or moves on). */
  stays?: boolean;
}

/**
 * A form's submit: `invalid(fields)` shows the local checks' messages and says whether there
 * were any (the submit stops there); `send(request)` clears the messages, marks the form
 * pending and runs the request, and a failure becomes messages by the fields (`formErrors`).
 * `send` resolves to whether the request succeeded.
 */
export function useFormSubmit({ fields, fieldOf, onFailure, stays = false }: FormSubmitOptions) {
  const { locale } = useLocale();
  const { errors, setErrors, clear } = useFormErrors();
  const [pending, setPending] = useState(false);

  const invalid = (found: Record<string, string>): boolean => {
    if (Object.keys(found).length === 0) return false;
    setErrors({ fields: found, general: null });
    return true;
  };

  const send = async (request: () => Promise<unknown>): Promise<boolean> => {
    setErrors(noErrors);
    setPending(true);
    try {
      await request();
      if (stays) setPending(false);
      return true;
    } catch (err) {
      const found = formErrors(err, locale, fields, fieldOf);
      setErrors(onFailure ? onFailure(err, found) : found);
      setPending(false);
      return false;
    }
  };

  return { errors, setErrors, clear, pending, invalid, send };
}

/**
 * A notice kept as its key and values rather than its words, so it follows a change of
 * language while it is shown.
 */
export function useNotice<K extends string>(t: Translate<K>) {
  const [notice, setNotice] = useState<{ key: K; vars?: Vars } | null>(null);
  const show = useCallback((key: K, vars?: Vars) => setNotice({ key, vars }), []);
  const clear = useCallback(() => setNotice(null), []);
  return { text: notice ? t(notice.key, notice.vars) : null, show, clear };
}
