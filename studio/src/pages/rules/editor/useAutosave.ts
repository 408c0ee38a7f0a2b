import { useCallback, useEffect, useRef } from 'react';
import { ApiError, api } from '../../../shared/api';
import { errorMessage } from '../../../shared/errors';
import { useLocale } from '../../../shared/i18n';
import type { RuleDetail } from '../rulesApi';
import { useRuleEditor } from './store';

const SAVE_DELAY_MS = 800;

/**
 * Saves the draft a moment after each change, with the revision it was loaded or last saved
 * at. Someone else's save in between answers 409: the editor stops saving and says so rather
 * than overwrite their work. `onSaved` gets each save's answer, the rule as it now is (its
 * draft may now differ from the live version).
 */
export function useAutosave(onSaved: (detail: RuleDetail) => void): {
  saveNow: () => Promise<void>;
} {
  const { locale } = useLocale();
  const rule = useRuleEditor((state) => state.rule);
  const status = useRuleEditor((state) => state.save.status);
  const inFlight = useRef<Promise<void> | null>(null);

  const saveNow = useCallback(async (): Promise<void> => {
    // One request at a time: the next one needs the revision the current one answers.
    if (inFlight.current) await inFlight.current;
    const { ruleId, rule: document, revision, save, setSave, saved } = useRuleEditor.getState();
    if (ruleId === null || !document || save.status !== 'unsaved') return;
    setSave('saving');
    const request = api
      .put<RuleDetail>(`/api/rules/${ruleId}/draft`, { document, revision })
      .then(
        (detail) => {
          saved(detail.draftRevision, document);
          onSaved(detail);
        },
        (err: unknown) => {
          if (err instanceof ApiError && err.id === 'draft_conflict') {
            setSave('conflict');
            return;
          }
          const stillSame = useRuleEditor.getState().rule === document;
          if (stillSame) setSave('failed', errorMessage(err, locale));
        },
      )
      .finally(() => {
        inFlight.current = null;
      });
    inFlight.current = request;
    await request;
  }, [locale, onSaved]);

  useEffect(() => {
    if (status !== 'unsaved') return;
    const timer = setTimeout(() => void saveNow(), SAVE_DELAY_MS);
    return () => clearTimeout(timer);
    // `rule` is here so that each change of the document restarts the wait.
  }, [rule, status, saveNow]);

  // Leaving the editor saves what is still waiting; closing the tab first asks.
  useEffect(() => () => void saveNow(), [saveNow]);
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      const { status } = useRuleEditor.getState().save;
      if (status === 'unsaved' || status === 'saving') event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);

  return { saveNow };
}
