import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../../shared/api';
import { errorMessage } from '../../../shared/errors';
import { useResource } from '../../../shared/hooks';
import { useFormat, useLocale } from '../../../shared/i18n';
import { Alert } from '../../../shared/ui/Alert';
import { Button } from '../../../shared/ui/Button';
import { SelectField, TextAreaField } from '../../../shared/ui/Field';
import { LoadError, LoadingBlock } from '../../../shared/ui/FullPage';
import type { RuleDiff, RuleVersion, RuleVersions } from '../rulesApi';
import { useRulesT } from '../rulesText';
import { ChangeList } from './ChangeList';
import { changedNodes, ruleGraph } from './graph';
import { useRuleEditor } from './store';

/** The rule's versions: which is live, the changes between two, and going back to one. */
export function VersionsPanel({
  ruleId,
  published,
  onRolledBack,
  beforeCompare,
}: {
  ruleId: number;
  /** Changes when a version is published or goes live again, so the list is read again. */
  published: string;
  onRolledBack: () => void;
  /** Saves the draft, so the comparison reads it as it is on screen. */
  beforeCompare: () => Promise<void>;
}) {
  const t = useRulesT();
  const navigate = useNavigate();
  const [opening, setOpening] = useState(false);
  const format = useFormat();
  const revision = useRuleEditor((state) => state.revision);
  const versions = useResource<RuleVersions>(
    `/api/rules/${ruleId}/versions`,
    undefined,
    `${revision}:${published}`,
  );
  const [rollingBack, setRollingBack] = useState<RuleVersion | null>(null);
  const items = versions.data?.items ?? [];
  return (
    <div className="rule-panel__body">
      <section className="rule-section" aria-labelledby="rule-versions-title">
        <div className="rule-section__head">
          <h2 className="rule-panel__title" id="rule-versions-title">
            {t('versions.title')}
          </h2>
          {items.length > 0 && (
            <Button
              size="sm"
              loading={opening}
              onClick={() => {
                setOpening(true);
                void beforeCompare().then(() => navigate(`/rules/${ruleId}/compare`));
              }}
            >
              {t('compare.open')}
            </Button>
          )}
        </div>
        {versions.error && <LoadError error={versions.error} onRetry={versions.reload} />}
        {!versions.data && !versions.error && <LoadingBlock />}
        {versions.data && items.length === 0 && (
          <p className="rule-panel__note">{t('versions.none')}</p>
        )}
        <ol className="rule-versions" aria-label={t('versions.title')}>
          {items.map((version) => (
            <li key={version.version} className="rule-versions__item">
              <div>
                <p className="rule-versions__name">
                  {t('versions.version', { version: version.version })}
                  {version.live && (
                    <span className="badge badge--success">{t('versions.live')}</span>
                  )}
                </p>
                <p className="rule-versions__meta">
                  {format.dateTime(version.createdAt)} ·{' '}
                  {version.author?.name ?? t('rules.platform')}
                </p>
                {version.comment && <p className="rule-versions__comment">«{version.comment}»</p>}
              </div>
              {!version.live && (
                <Button size="sm" variant="ghost" onClick={() => setRollingBack(version)}>
                  {t('versions.rollback')}
                </Button>
              )}
            </li>
          ))}
        </ol>
        {rollingBack && (
          <Rollback
            ruleId={ruleId}
            version={rollingBack}
            onCancel={() => setRollingBack(null)}
            onDone={() => {
              setRollingBack(null);
              versions.reload();
              onRolledBack();
            }}
          />
        )}
      </section>
      {items.length > 0 && <Diff ruleId={ruleId} versions={items} />}
    </div>
  );
}

function Rollback({
  ruleId,
  version,
  onCancel,
  onDone,
}: {
  ruleId: number;
  version: RuleVersion;
  onCancel: () => void;
  onDone: () => void;
}) {
  const t = useRulesT();
  const { locale } = useLocale();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const submit = async () => {
    if (comment.trim().length < 3) {
      setError(t('publish.commentShort'));
      return;
    }
    setPending(true);
    try {
      await api.post(`/api/rules/${ruleId}/rollback`, {
        version: version.version,
        comment: comment.trim(),
      });
      onDone();
    } catch (err) {
      setError(errorMessage(err, locale));
      setPending(false);
    }
  };
  return (
    <div className="rule-subform">
      <p className="rule-panel__note">{t('versions.rollbackNote', { version: version.version })}</p>
      <TextAreaField
        label={t('publish.comment')}
        rows={2}
        value={comment}
        error={error ?? undefined}
        onChange={(event) => {
          setComment(event.target.value);
          setError(null);
        }}
      />
      <div className="rule-panel__actions">
        <Button size="sm" variant="ghost" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button size="sm" variant="primary" loading={pending} onClick={() => void submit()}>
          {t('versions.rollbackConfirm', { version: version.version })}
        </Button>
      </div>
    </div>
  );
}

function Diff({ ruleId, versions }: { ruleId: number; versions: RuleVersion[] }) {
  const t = useRulesT();
  const { locale } = useLocale();
  const newest = versions[0]?.version ?? 1;
  const [from, setFrom] = useState(String(versions[1]?.version ?? newest));
  const [to, setTo] = useState(versions.length > 1 ? String(newest) : 'draft');
  const revision = useRuleEditor((state) => state.revision);
  const diff = useResource<RuleDiff>(`/api/rules/${ruleId}/diff`, { from, to }, revision);
  // The changes are outlined on the canvas while they are listed here.
  const rule = useRuleEditor((state) => state.rule);
  const showChanged = useRuleEditor((state) => state.showChanged);
  const changes = diff.data?.changes;
  useEffect(() => {
    if (!rule || !changes) return;
    const { changed, only } = changedNodes(changes, ruleGraph(rule).nodes, 'after');
    showChanged([...changed, ...only]);
    return () => showChanged([]);
  }, [rule, changes, showChanged]);
  const options = versions.map((version) => (
    <option key={version.version} value={version.version}>
      {t('versions.version', { version: version.version })}
    </option>
  ));
  return (
    <section className="rule-section" aria-labelledby="rule-diff-title">
      <h2 className="rule-panel__title" id="rule-diff-title">
        {t('diff.title')}
      </h2>
      <div className="rule-panel__pair">
        <SelectField
          label={t('diff.from')}
          value={from}
          onChange={(event) => setFrom(event.target.value)}
        >
          {options}
        </SelectField>
        <SelectField
          label={t('diff.to')}
          value={to}
          onChange={(event) => setTo(event.target.value)}
        >
          {options}
          <option value="draft">{t('diff.draft')}</option>
        </SelectField>
      </div>
      {diff.error && <Alert tone="error">{errorMessage(diff.error, locale)}</Alert>}
      {diff.data && diff.data.changes.length === 0 && (
        <p className="rule-panel__note">{t('diff.none')}</p>
      )}
      {diff.data && diff.data.changes.length > 0 && (
        <ChangeList changes={diff.data.changes} label={t('diff.title')} />
      )}
    </section>
  );
}
