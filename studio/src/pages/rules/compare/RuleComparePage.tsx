import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ReactFlowProvider } from '@xyflow/react';
import {
  diffRules,
  validateRule,
  type RuleChange,
  type RuleDocument,
  type RuleDocumentInput,
} from '@lealtad/rules-schema';
import { usePageTitle, useResource } from '../../../shared/hooks';
import { useFormat, useLocale } from '../../../shared/i18n';
import { Alert } from '../../../shared/ui/Alert';
import { Button } from '../../../shared/ui/Button';
import { SelectField } from '../../../shared/ui/Field';
import { LoadError, LoadingBlock } from '../../../shared/ui/FullPage';
import { Icon } from '../../../shared/ui/Icon';
import type { RuleDetail, RuleVersion, RuleVersionDocument, RuleVersions } from '../rulesApi';
import { useRulesT } from '../rulesText';
import { ChangeList, storedWords, type ChangeWords } from '../editor/ChangeList';
import { changedNodes, ruleGraph, type RuleNode, type SideChanges } from '../editor/graph';
import { nodeWords } from '../editor/nodeWords';
import { RuleFlow, type NodeMarks } from '../editor/RuleFlow';
import '../rules.css';

/** A published version by its number, or the draft. */
type Side = number | 'draft';

const sideOf = (value: string | null): Side | undefined => {
  if (value === 'draft') return 'draft';
  const version = Number(value);
  return Number.isInteger(version) && version > 0 ? version : undefined;
};

/** The live version against a draft that differs from it, else the two newest versions. */
function defaultSides(detail: RuleDetail, versions: RuleVersions): { from: Side; to: Side } {
  const [newest, previous] = versions.items;
  if (versions.liveVersion !== null && detail.hasUnpublishedChanges) {
    return { from: versions.liveVersion, to: 'draft' };
  }
  if (newest && previous) return { from: previous.version, to: newest.version };
  return { from: newest?.version ?? 'draft', to: 'draft' };
}

/** Two versions of a rule side by side, full width: what was taken out, added and changed. */
export function RuleComparePage() {
  const t = useRulesT();
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const detail = useResource<RuleDetail>(`/api/rules/${id}`);
  const versions = useResource<RuleVersions>(`/api/rules/${id}/versions`);
  usePageTitle(`${t('compare.title')} · ${detail.data?.name ?? t('rules.title')}`);
  const editor = `/rules/${id}`;

  // Escape closes the comparison, as it would a dialog.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') void navigate(editor);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate, editor]);

  const heading = (
    <div className="rule-compare__title">
      <Link to={editor} className="rule-editor__back">
        <Icon name="arrowLeft" />
        {t('compare.back')}
      </Link>
      <h1 className="page__title">{t('compare.title')}</h1>
      {detail.data && <p className="rule-compare__rule">{detail.data.name}</p>}
    </div>
  );
  const failed = detail.error ?? versions.error;
  let body;
  if (failed) {
    body = (
      <>
        {heading}
        <LoadError
          error={failed}
          onRetry={() => {
            detail.reload();
            versions.reload();
          }}
        />
      </>
    );
  } else if (!detail.data || !versions.data) {
    body = (
      <>
        {heading}
        <LoadingBlock />
      </>
    );
  } else if (versions.data.items.length === 0) {
    body = (
      <>
        {heading}
        <p className="rule-compare__note">{t('compare.noVersions')}</p>
      </>
    );
  } else {
    const fallback = defaultSides(detail.data, versions.data);
    const from = sideOf(params.get('from')) ?? fallback.from;
    const to = sideOf(params.get('to')) ?? fallback.to;
    body = (
      <Comparison
        heading={heading}
        detail={detail.data}
        versions={versions.data.items}
        from={from}
        to={to}
        onChoose={(sides) =>
          setParams({ from: String(sides.from), to: String(sides.to) }, { replace: true })
        }
      />
    );
  }

  return <div className="rule-compare">{body}</div>;
}

/** A side's document, parsed; a version is read from the server, the draft comes with the rule. */
function useSideRule(ruleId: number, side: Side, draft: RuleDocumentInput) {
  const version = useResource<RuleVersionDocument>(
    side === 'draft' ? null : `/api/rules/${ruleId}/versions/${side}`,
  );
  // The previous choice's document stays in `data` until the new one arrives.
  const input =
    side === 'draft' ? draft : version.data?.version === side ? version.data.definition : undefined;
  const checked = useMemo(() => (input === undefined ? undefined : validateRule(input)), [input]);
  return { checked, error: version.error, reload: version.reload };
}

function Comparison({
  heading,
  detail,
  versions,
  from,
  to,
  onChoose,
}: {
  /** The page's title, on one line with the choice of versions. */
  heading: ReactNode;
  detail: RuleDetail;
  versions: RuleVersion[];
  from: Side;
  to: Side;
  onChoose: (sides: { from: Side; to: Side }) => void;
}) {
  const t = useRulesT();
  const { locale } = useLocale();
  const left = useSideRule(detail.id, from, detail.draft);
  const right = useSideRule(detail.id, to, detail.draft);
  const before = left.checked?.rule;
  const after = right.checked?.rule;
  const changes = useMemo(
    () => (before && after ? diffRules(before, after) : undefined),
    [before, after],
  );
  const beforeGraph = useMemo(() => before && ruleGraph(before), [before]);
  const afterGraph = useMemo(() => after && ruleGraph(after), [after]);
  const beforeMarks = useMemo(
    () =>
      changes && beforeGraph
        ? marksOf(changedNodes(changes, beforeGraph.nodes, 'before'), 'removed')
        : {},
    [changes, beforeGraph],
  );
  const afterMarks = useMemo(
    () =>
      changes && afterGraph
        ? marksOf(changedNodes(changes, afterGraph.nodes, 'after'), 'added')
        : {},
    [changes, afterGraph],
  );
  // A change picked in the list is brought into view on both sides; other versions forget it.
  const [picked, setPicked] = useState<RuleChange | null>(null);
  const pickedChange = picked && changes?.includes(picked) ? picked : null;
  const beforeFramed = useMemo(
    () => pickedChange && beforeGraph && nodesOf([pickedChange], beforeGraph, 'before'),
    [pickedChange, beforeGraph],
  );
  const afterFramed = useMemo(
    () => pickedChange && afterGraph && nodesOf([pickedChange], afterGraph, 'after'),
    [pickedChange, afterGraph],
  );

  // A part added or taken out is described by its node's words rather than its stored shape.
  const wordsOf = (change: RuleChange): ChangeWords => {
    const stored = storedWords(change);
    const wholeNode = (rule?: RuleDocument, graph?: { nodes: RuleNode[] }) => {
      const node = graph?.nodes.find((candidate) => candidate.id === change.path.join('.'));
      return rule && node ? nodeWords(rule, node, t, locale).text : undefined;
    };
    if (change.before === undefined) {
      return { kind: 'added', after: wholeNode(after, afterGraph) ?? stored.after };
    }
    if (change.after === undefined) {
      return { kind: 'removed', before: wholeNode(before, beforeGraph) ?? stored.before };
    }
    return { kind: 'changed', ...stored };
  };

  const options = (
    <>
      {versions.map((version) => (
        <option key={version.version} value={version.version}>
          {t('versions.version', { version: version.version })}
          {version.live ? ` · ${t('versions.live')}` : ''}
        </option>
      ))}
      <option value="draft">{t('diff.draft')}</option>
    </>
  );
  const choose = (value: string, which: 'from' | 'to') => {
    const side = sideOf(value);
    if (side !== undefined) onChoose({ from, to, [which]: side });
  };

  return (
    <>
      <div className="rule-compare__top">
        {heading}
        <div className="rule-compare__pickers">
          <SelectField
            label={t('diff.from')}
            value={String(from)}
            onChange={(event) => choose(event.target.value, 'from')}
          >
            {options}
          </SelectField>
          <Button
            size="sm"
            variant="ghost"
            aria-label={t('compare.swap')}
            title={t('compare.swap')}
            onClick={() => onChoose({ from: to, to: from })}
          >
            <Icon name="transfer" />
          </Button>
          <SelectField
            label={t('diff.to')}
            value={String(to)}
            onChange={(event) => choose(event.target.value, 'to')}
          >
            {options}
          </SelectField>
        </div>
      </div>
      {from === to && <Alert tone="info">{t('compare.pickTwo')}</Alert>}
      <div className="rule-compare__sides">
        <CompareSide
          side={from}
          detail={detail}
          versions={versions}
          loaded={left}
          marks={beforeMarks}
          framed={beforeFramed ?? undefined}
        />
        <CompareSide
          side={to}
          detail={detail}
          versions={versions}
          loaded={right}
          marks={afterMarks}
          framed={afterFramed ?? undefined}
        />
      </div>
      {changes && (
        <section className="rule-compare__changes" aria-labelledby="rule-compare-changes">
          <h2 className="rule-compare__changes-title" id="rule-compare-changes">
            {changes.length === 1
              ? t('compare.changesOne')
              : t('compare.changesMany', { count: changes.length })}
          </h2>
          {changes.length === 0 ? (
            <p className="rule-compare__note">{t('compare.same')}</p>
          ) : (
            <ChangeList
              changes={changes}
              label={t('compare.changes')}
              wordsOf={wordsOf}
              picked={pickedChange}
              onPick={(change) => setPicked(change === pickedChange ? null : change)}
            />
          )}
        </section>
      )}
    </>
  );
}

/** The nodes a change is at on one side, a part only there first. */
const nodesOf = (
  changes: RuleChange[],
  graph: { nodes: RuleNode[] },
  side: 'before' | 'after',
): string[] => {
  const { changed, only } = changedNodes(changes, graph.nodes, side);
  return [...only, ...changed];
};

const marksOf = (side: SideChanges, only: 'added' | 'removed'): Record<string, NodeMarks> => ({
  ...Object.fromEntries(side.changed.map((id) => [id, { diff: 'changed' }])),
  ...Object.fromEntries(side.only.map((id) => [id, { diff: only }])),
});

function CompareSide({
  side,
  detail,
  versions,
  loaded,
  marks,
  framed,
}: {
  side: Side;
  detail: RuleDetail;
  versions: RuleVersion[];
  loaded: ReturnType<typeof useSideRule>;
  marks: Record<string, NodeMarks>;
  framed?: string[];
}) {
  const t = useRulesT();
  const format = useFormat();
  const { locale } = useLocale();
  const version = side === 'draft' ? undefined : versions.find((v) => v.version === side);
  const title =
    side === 'draft' ? t('compare.draftTitle') : t('versions.version', { version: side });
  const rule = loaded.checked?.rule;
  const graph = useMemo(() => rule && ruleGraph(rule), [rule]);
  const problem = loaded.checked && !rule ? loaded.checked.issues[0]?.message[locale] : undefined;

  let canvas;
  if (loaded.error) canvas = <LoadError error={loaded.error} onRetry={loaded.reload} />;
  else if (problem !== undefined) {
    canvas = <Alert tone="error">{t('compare.unreadable', { reason: problem })}</Alert>;
  } else if (!rule || !graph) canvas = <LoadingBlock />;
  else {
    canvas = (
      <ReactFlowProvider>
        <RuleFlow
          rule={rule}
          graph={graph}
          marks={marks}
          selected={framed?.[0]}
          framed={framed}
          aria-label={t('compare.canvas', { side: title })}
        />
      </ReactFlowProvider>
    );
  }

  return (
    <section className="rule-compare__side" aria-label={title}>
      <header className="rule-compare__heading">
        <p className="rule-compare__name">
          {title}
          {version?.live && <span className="badge badge--success">{t('versions.live')}</span>}
        </p>
        <p className="rule-compare__meta">
          {version
            ? `${format.dateTime(version.createdAt)} · ${version.author?.name ?? t('rules.platform')}`
            : t('compare.draftMeta', {
                date: format.dateTime(detail.updatedAt),
                author: detail.updatedBy?.name ?? t('rules.platform'),
              })}
        </p>
        {version?.comment && <p className="rule-compare__comment">«{version.comment}»</p>}
      </header>
      <div className="rule-canvas rule-canvas--readonly">{canvas}</div>
    </section>
  );
}
