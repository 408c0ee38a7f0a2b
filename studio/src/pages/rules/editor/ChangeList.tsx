import type { RuleChange } from '@lealtad/rules-schema';
import { cx } from '../../../shared/ui/cx';
import { changePathWords, changeValueWords, useRulesT } from '../rulesText';
import { diffLabel, type NodeDiff } from './RuleFlow';

/** A change as the list shows it: what it was and what it is, in words. */
export interface ChangeWords {
  kind?: NodeDiff;
  before?: string;
  after?: string;
}

/** A change's values as they are stored. */
export const storedWords = (change: RuleChange): ChangeWords => ({
  ...(change.before === undefined ? {} : { before: changeValueWords(change.before) }),
  ...(change.after === undefined ? {} : { after: changeValueWords(change.after) }),
});

/** The changes between two versions: where each is, and "before → after". */
export function ChangeList({
  changes,
  label,
  wordsOf = storedWords,
  picked = null,
  onPick,
}: {
  changes: readonly RuleChange[];
  label: string;
  /** Words for a change's values; by default the values as they are stored. */
  wordsOf?: (change: RuleChange) => ChangeWords;
  /** With `onPick`, each change is a button that shows where it is. */
  picked?: RuleChange | null;
  onPick?: (change: RuleChange) => void;
}) {
  const t = useRulesT();
  return (
    <ul role="list" className="rule-diff" aria-label={label}>
      {changes.map((change, index) => {
        const { kind, before, after } = wordsOf(change);
        const words = (
          <>
            <span className="rule-diff__path">
              {changePathWords(change.path, t)}
              {kind && (
                <span className={cx('rule-node__diff', `rule-node__diff--${kind}`)}>
                  {t(diffLabel[kind])}
                </span>
              )}
            </span>
            <span className="rule-diff__values">
              {before !== undefined && <del>{before}</del>}
              {before !== undefined && after !== undefined && ' → '}
              {after !== undefined && <ins>{after}</ins>}
            </span>
          </>
        );
        return (
          <li key={index} className={cx('rule-diff__item', kind && `rule-diff__item--${kind}`)}>
            {onPick ? (
              <button
                type="button"
                className="rule-diff__pick"
                aria-pressed={picked === change}
                onClick={() => onPick(change)}
              >
                {words}
              </button>
            ) : (
              words
            )}
          </li>
        );
      })}
    </ul>
  );
}
