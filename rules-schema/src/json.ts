/** A JSON value as the rule documents and compiled rules use it. */
export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * A copy of `value` with every object's keys in code-point order and `undefined` members
 * dropped, so that equal content always serializes to the same bytes.
 */
export function canonicalize(value: unknown): JsonValue {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('Only finite numbers can be serialized.');
    return value;
  }
  if (Array.isArray(value)) return value.map((item: unknown) => canonicalize(item));
  if (typeof value === 'object') {
    const sorted: { [key: string]: JsonValue } = {};
    for (const key of Object.keys(value).sort()) {
      const member: unknown = (value as Record<string, unknown>)[key];
      if (member !== undefined) sorted[key] = canonicalize(member);
    }
    return sorted;
  }
  throw new TypeError(`A ${typeof value} cannot be serialized.`);
}

/** JSON text with sorted keys and no whitespace: the form that is hashed and stored. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonicalize(value));
}

/** `value` with its objects' keys sorted; the shape, and so the type, is unchanged. */
export function sortedKeysCopy<T>(value: T): T {
  return canonicalize(value) as T;
}
