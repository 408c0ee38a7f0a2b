import type { RuleSummary } from './rulesApi';
import { useRulesT } from './rulesText';

const tone = {
  draft: 'badge badge--warning',
  published: 'badge badge--success badge--dot',
  retired: 'badge badge--muted',
};

/** Draft, published (and whether the draft has changes not yet live) or retired. */
export function StateBadge({
  rule,
}: {
  rule: Pick<RuleSummary, 'state' | 'liveVersion' | 'hasUnpublishedChanges'>;
}) {
  const t = useRulesT();
  return (
    <span className="rule-state">
      <span className={tone[rule.state]}>
        {t(`state.${rule.state}`)}
        {rule.liveVersion !== null && ` · v${rule.liveVersion}`}
      </span>
      {rule.state === 'published' && rule.hasUnpublishedChanges && (
        <span className="rule-state__pending">{t('rules.unpublishedChanges')}</span>
      )}
    </span>
  );
}
