import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ReactFlowProvider } from '@xyflow/react';
import { summarizeRule, validateRule, type RuleIssue } from '@lealtad/rules-schema';
import { api } from '../../../shared/api';
import { errorMessage } from '../../../shared/errors';
import { usePageTitle, useResource } from '../../../shared/hooks';
import { useLocale } from '../../../shared/i18n';
import { Alert } from '../../../shared/ui/Alert';
import { Button } from '../../../shared/ui/Button';
import { LoadError, LoadingBlock } from '../../../shared/ui/FullPage';
import { Icon } from '../../../shared/ui/Icon';
import { cx } from '../../../shared/ui/cx';
import type { RuleChoices, RuleDetail } from '../rulesApi';
import { useRulesT } from '../rulesText';
import { StateBadge } from '../StateBadge';
import type { BlocksSubject } from './blocks/BlocksView';
import { groupOfSelection, nodeForIssue, nodeIdOf, ruleGraph } from './graph';
import { nodeWords } from './nodeWords';
import { NodePanel } from './NodePanel';
import { Palette } from './Palette';
import { PublishDialog } from './PublishDialog';
import { RuleCanvas } from './RuleCanvas';
import { RuleChoicesContext, useRuleChoices, valueNamesOf } from './ruleChoices';
import { useRuleEditor } from './store';
import { TestPanel } from './TestPanel';
import { useAutosave } from './useAutosave';
import { VersionsPanel } from './VersionsPanel';
import '../rules.css';

// Blockly loads only when someone opens the blocks.
const BlocksView = lazy(() => import('./blocks/BlocksView'));

const views = ['canvas', 'blocks'] as const;
const tabs = ['edit', 'test', 'versions'] as const;
type Tab = (typeof tabs)[number];

/** A rule's draft in the editor: the canvas, the selected node's panel, tests and versions. */
export function RuleEditorPage() {
  const t = useRulesT();
  const { locale } = useLocale();
  const id = Number(useParams().id);
  const detail = useResource<RuleDetail>(`/api/rules/${id}`);
  // Read once per opening of the editor: both views and the side panel share them.
  const choices = useResource<RuleChoices>('/api/rules/choices');
  const load = useRuleEditor((state) => state.load);
  const loadedId = useRuleEditor((state) => state.ruleId);
  const rule = useRuleEditor((state) => state.rule);
  const [draftLoads, setDraftLoads] = useState(0);
  // The failure itself, worded at render time: a change of language must not load the draft again.
  const [loadError, setLoadError] = useState<unknown>(null);
  usePageTitle(detail.data?.name ?? t('rules.title'));
  // Each save answers the rule as it now is (e.g. its draft now differs from the live version):
  // shown until the rule is read again.
  const [saved, setSaved] = useState<RuleDetail | null>(null);
  const [savedOf, setSavedOf] = useState(detail.data);
  if (savedOf !== detail.data) {
    setSavedOf(detail.data);
    setSaved(null);
  }

  // The draft enters the store once per rule, and again when the person asks to reload it.
  useEffect(() => {
    const controller = new AbortController();
    api.get<RuleDetail>(`/api/rules/${id}`, undefined, controller.signal).then(
      (loaded) => {
        const parsed = validateRule(loaded.draft).rule;
        if (parsed) load(loaded.id, parsed, loaded.draftRevision);
      },
      (err: unknown) => {
        if (!controller.signal.aborted) setLoadError(err);
      },
    );
    return () => controller.abort();
  }, [id, draftLoads, load]);

  if (detail.error && !detail.data) {
    return <LoadError error={detail.error} onRetry={detail.reload} />;
  }
  if (loadError !== null) return <Alert tone="error">{errorMessage(loadError, locale)}</Alert>;
  if (!detail.data || !rule || loadedId !== id) return <LoadingBlock />;
  return (
    <RuleChoicesContext.Provider value={choices.data ?? null}>
      <Editor
        detail={saved ?? detail.data}
        onSaved={setSaved}
        onDetailChanged={detail.reload}
        onReloadDraft={() => {
          setDraftLoads((n) => n + 1);
          detail.reload();
        }}
      />
    </RuleChoicesContext.Provider>
  );
}

function Editor({
  detail,
  onSaved,
  onDetailChanged,
  onReloadDraft,
}: {
  detail: RuleDetail;
  /** An autosave's answer: the rule with the draft just saved. */
  onSaved: (detail: RuleDetail) => void;
  /** The rule's state changed (published, rolled back): its header reads it again. */
  onDetailChanged: () => void;
  onReloadDraft: () => void;
}) {
  const t = useRulesT();
  const { locale } = useLocale();
  const rule = useRuleEditor((state) => state.rule);
  const selected = useRuleEditor((state) => state.selected);
  const select = useRuleEditor((state) => state.select);
  const save = useRuleEditor((state) => state.save);
  const setSave = useRuleEditor((state) => state.setSave);
  const canUndo = useRuleEditor((state) => state.past.length > 0);
  const canRedo = useRuleEditor((state) => state.future.length > 0);
  const undo = useRuleEditor((state) => state.undo);
  const redo = useRuleEditor((state) => state.redo);
  const { saveNow } = useAutosave(onSaved);
  const [tab, setTab] = useState<Tab>('edit');
  const [view, setView] = useState<(typeof views)[number]>('canvas');
  const [publishing, setPublishing] = useState(false);

  const checked = useMemo(() => (rule ? validateRule(rule) : null), [rule]);
  const issues: RuleIssue[] = checked?.issues ?? [];
  const errors = issues.filter((issue) => issue.severity === 'error');
  const graph = useMemo(() => (rule ? ruleGraph(rule) : null), [rule]);
  const choices = useRuleChoices();
  const names = useMemo(() => valueNamesOf(choices), [choices]);
  const summary = checked?.rule ? summarizeRule(checked.rule, locale, names) : null;

  // Ctrl/Cmd+Z undoes and Ctrl/Cmd+Shift+Z (or Ctrl+Y) redoes, outside text inputs.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select')) return;
      if (!(event.ctrlKey || event.metaKey)) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) undo();
      else if ((key === 'z' && event.shiftKey) || key === 'y') redo();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, redo]);

  if (!rule || !graph) return null;
  const node = graph.nodes.find((candidate) => candidate.id === selected);
  // The blocks edit the selected effect's list of effects, or the selection's group.
  const blocksSubject: BlocksSubject =
    node?.kind === 'effect'
      ? { kind: 'effects' }
      : { kind: 'group', path: groupOfSelection(rule, selected) };
  const blockGroup =
    blocksSubject.kind === 'group'
      ? graph.nodes.find((candidate) => candidate.id === nodeIdOf(blocksSubject.path))
      : undefined;
  const nodeIssues = node
    ? issues.filter((issue) => nodeForIssue(issue, graph.nodes) === node.id)
    : [];

  return (
    <section className="rule-editor">
      <header className="rule-editor__header">
        <div className="rule-editor__title">
          <Link to="/rules" className="rule-editor__back">
            <Icon name="arrowLeft" />
            {t('rules.title')}
          </Link>
          <h1 className="page__title">{rule.name || detail.name}</h1>
          <StateBadge rule={detail} />
        </div>
        <div className="rule-editor__tools">
          <span className={cx('rule-save', `rule-save--${save.status}`)} role="status">
            {t(`save.${save.status}`)}
          </span>
          <Button
            variant="ghost"
            size="sm"
            aria-label={t('editor.undo')}
            title={t('editor.undo')}
            disabled={!canUndo}
            onClick={undo}
          >
            <Icon name="undo" />
          </Button>
          <Button
            variant="ghost"
            size="sm"
            aria-label={t('editor.redo')}
            title={t('editor.redo')}
            disabled={!canRedo}
            onClick={redo}
          >
            <Icon name="refresh" />
          </Button>
          <Button
            variant="primary"
            disabled={errors.length > 0 || save.status === 'conflict'}
            onClick={() => setPublishing(true)}
          >
            <Icon name="upload" />
            {t('publish.open')}
          </Button>
        </div>
      </header>

      {save.status === 'conflict' && (
        <Alert tone="error" title={t('save.conflictTitle')}>
          <p>{t('save.conflictBody')}</p>
          <Button size="sm" onClick={onReloadDraft}>
            {t('save.reload')}
          </Button>
        </Alert>
      )}
      {save.status === 'failed' && (
        <Alert tone="warning" title={t('save.failedTitle')}>
          <p>{save.message}</p>
          <Button size="sm" onClick={() => setSave('unsaved')}>
            {t('save.retry')}
          </Button>
        </Alert>
      )}

      <div className="rule-summary" aria-live="polite">
        <span className="rule-summary__label">{t('editor.summary')}</span>
        <p className="rule-summary__text">{summary ?? t('editor.noSummary')}</p>
      </div>

      <div className="rule-editor__body">
        <div className="rule-editor__stage">
          <div className="rule-view-switch" role="tablist" aria-label={t('view.label')}>
            {views.map((name) => (
              <button
                key={name}
                type="button"
                role="tab"
                aria-selected={view === name}
                className="rule-view-switch__tab"
                onClick={() => setView(name)}
              >
                {t(`view.${name}`)}
              </button>
            ))}
            {view === 'blocks' && (
              <span className="rule-view-switch__note">
                {blocksSubject.kind === 'effects'
                  ? t('blocks.editingEffects')
                  : t('blocks.editing', {
                      group: blockGroup ? nodeWords(rule, blockGroup, t, locale).title : '',
                    })}
              </span>
            )}
          </div>
          {view === 'canvas' ? (
            <>
              <Palette />
              <ReactFlowProvider>
                <RuleCanvas issues={issues} />
              </ReactFlowProvider>
            </>
          ) : (
            <Suspense
              fallback={
                <div className="rule-blocks">
                  <LoadingBlock />
                </div>
              }
            >
              <BlocksView subject={blocksSubject} issues={issues} />
            </Suspense>
          )}
          <div
            className={cx('rule-checks-bar', errors.length > 0 && 'rule-checks-bar--invalid')}
            aria-live="polite"
          >
            {errors.length === 0 ? (
              <p>
                <Icon name="check" /> {t('issues.none')}
              </p>
            ) : (
              <>
                <p>{t('issues.count', { count: errors.length })}</p>
                <ul role="list" className="rule-checks-bar__list">
                  {errors.map((issue, index) => {
                    const target = nodeForIssue(issue, graph.nodes);
                    return (
                      <li key={index}>
                        <button
                          type="button"
                          className="rule-checks-bar__link"
                          onClick={() => {
                            if (target) select(target);
                            setTab('edit');
                          }}
                        >
                          {issue.message[locale]}
                        </button>
                      </li>
                    );
                  })}
                </ul>
              </>
            )}
          </div>
        </div>

        <aside className="rule-panel" aria-label={t('panel.label')}>
          <div className="rule-panel__tabs" role="tablist">
            {tabs.map((name) => (
              <button
                key={name}
                type="button"
                role="tab"
                aria-selected={tab === name}
                className="rule-panel__tab"
                onClick={() => setTab(name)}
              >
                {t(`tab.${name}`)}
              </button>
            ))}
          </div>
          <div role="tabpanel" className="rule-panel__content">
            {tab === 'edit' &&
              (node ? (
                <>
                  <h2 className="rule-panel__title">{t(`nodeKind.${node.kind}`)}</h2>
                  <NodePanel key={node.id} node={node} issues={nodeIssues} />
                </>
              ) : (
                <div className="rule-panel__empty">
                  <p className="rule-panel__title">{t('panel.emptyTitle')}</p>
                  <p>{t('panel.emptyBody')}</p>
                </div>
              ))}
            {tab === 'test' && <TestPanel />}
            {tab === 'versions' && (
              <VersionsPanel
                ruleId={detail.id}
                published={`${detail.liveVersion}:${detail.latestVersion}`}
                onRolledBack={onDetailChanged}
                beforeCompare={saveNow}
              />
            )}
          </div>
        </aside>
      </div>

      <PublishDialog
        open={publishing}
        ruleId={detail.id}
        onClose={() => setPublishing(false)}
        beforePublish={saveNow}
        onPublished={() => {
          setPublishing(false);
          onDetailChanged();
        }}
      />
    </section>
  );
}
