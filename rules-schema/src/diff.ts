import { canonicalJson } from './json';

/** One difference between two versions of a rule, at a path into the document. */
export interface RuleChange {
  path: (string | number)[];
  /** Absent: added. */
  before?: unknown;
  /** Absent: removed. */
  after?: unknown;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The changes from `before` to `after`, as leaf paths: objects compared key by key, arrays
 * index by index (a condition moved in a list shows as changes at both places). The studio's
 * layout is left out: moving a node changes nothing the rule does.
 */
export function diffRules(before: unknown, after: unknown): RuleChange[] {
  const changes: RuleChange[] = [];
  const walk = (a: unknown, b: unknown, path: (string | number)[]): void => {
    if (path.length === 2 && path[0] === 'meta' && path[1] === 'layout') return;
    if (isObject(a) && isObject(b)) {
      const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
      for (const key of keys) walk(a[key], b[key], [...path, key]);
      return;
    }
    if (Array.isArray(a) && Array.isArray(b)) {
      for (let i = 0; i < Math.max(a.length, b.length); i += 1) walk(a[i], b[i], [...path, i]);
      return;
    }
    if (a === undefined && b === undefined) return;
    if (a !== undefined && b !== undefined && canonicalJson(a) === canonicalJson(b)) return;
    changes.push({
      path,
      ...(a === undefined ? {} : { before: a }),
      ...(b === undefined ? {} : { after: b }),
    });
  };
  walk(before, after, []);
  return changes;
}
