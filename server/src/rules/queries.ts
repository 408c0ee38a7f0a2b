import { QueryTypes, type Sequelize } from 'sequelize';
import {
  addDays,
  compileRule,
  diffRules,
  localTime,
  summarizeRule,
  validateRule,
  type RuleDocument,
} from '@lealtad/rules-schema';
import { escapeLike } from '../db/dialect';
import { parseJson } from '../db/rows';
import { notFound } from '../errors';
import type { Actor } from '../policies/actor';
import { isZoneScoped } from '../policies/permissions';
import { findRule, type RuleRow, type VersionRow } from '../commands/rules';
import { getSettings } from '../settings';
import { latestRelease } from './runtime';
import type { RuleSet } from './ruleSet';

export type RuleState = 'draft' | 'published' | 'retired';

export interface RuleSummary {
  id: number;
  key: string;
  name: string;
  trigger: string;
  state: RuleState;
  zoneId: number | null;
  liveVersion: number | null;
  latestVersion: number | null;
  draftRevision: number;
  /** The draft differs from the live version (or nothing is live). */
  hasUnpublishedChanges: boolean;
  /** The draft in plain words. */
  summary: string | null;
  validity: RuleDocument['validity'] | null;
  pointsLast30Days: number;
  awardsLast30Days: number;
  updatedAt: string;
  updatedBy: { id: number; name: string } | null;
}

interface Context {
  live: Map<number, number>;
  latest: Map<number, number>;
  /** Content hash by "ruleId:version". */
  hashes: Map<string, string>;
  stats: Map<string, { points: number; awards: number }>;
  editors: Map<number, string>;
}

const iso = (value: Date | string) => new Date(value).toISOString();

function present(row: RuleRow, context: Context): RuleSummary {
  const { rule: draft } = validateRule(row.draft);
  const liveVersion = context.live.get(row.id) ?? null;
  const latest = context.latest.get(row.id) ?? null;
  const liveHash = liveVersion === null ? null : context.hashes.get(`${row.id}:${liveVersion}`);
  const draftHash = draft ? compileRule(draft).hash : null;
  const stats = context.stats.get(row.key);
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    trigger: row.trigger_type,
    state: liveVersion !== null ? 'published' : latest !== null ? 'retired' : 'draft',
    zoneId: row.zone_id,
    liveVersion,
    latestVersion: latest,
    draftRevision: Number(row.draft_revision),
    hasUnpublishedChanges: !liveHash || draftHash !== liveHash,
    summary: draft ? summarizeRule(draft) : null,
    validity: draft?.validity ?? null,
    pointsLast30Days: stats?.points ?? 0,
    awardsLast30Days: stats?.awards ?? 0,
    updatedAt: iso(row.updated_at),
    updatedBy:
      row.updated_by === null
        ? null
        : { id: row.updated_by, name: context.editors.get(row.updated_by) ?? '' },
  };
}

async function contextFor(sequelize: Sequelize, rows: readonly RuleRow[]): Promise<Context> {
  const ids = rows.map((row) => row.id);
  const release = await latestRelease(sequelize);
  const { timeZone } = await getSettings(sequelize);
  const since = addDays(localTime(new Date(), timeZone).date, -29);
  const [versions, stats, editors] = await Promise.all([
    ids.length === 0
      ? []
      : sequelize.query<{ rule_id: number; version: number; hash: string }>(
          'SELECT rule_id, version, hash FROM rule_versions WHERE rule_id IN (?)',
          { replacements: [ids], type: QueryTypes.SELECT },
        ),
    sequelize.query<{ rule_key: string; points: number | string; awards: number | string }>(
      `SELECT rule_key, SUM(points) AS points, SUM(awards) AS awards FROM rule_daily_stats
        WHERE day >= ? GROUP BY rule_key`,
      { replacements: [since], type: QueryTypes.SELECT },
    ),
    authorsOf(
      sequelize,
      rows.map((row) => row.updated_by),
    ),
  ]);
  return {
    live: new Map(release.live.map((e) => [e.ruleId, e.version])),
    latest: versions.reduce(
      (latest, v) =>
        latest.set(
          Number(v.rule_id),
          Math.max(latest.get(Number(v.rule_id)) ?? 0, Number(v.version)),
        ),
      new Map<number, number>(),
    ),
    hashes: new Map(versions.map((v) => [`${v.rule_id}:${v.version}`, v.hash])),
    stats: new Map(
      stats.map((s) => [s.rule_key, { points: Number(s.points), awards: Number(s.awards) }]),
    ),
    editors,
  };
}

export interface RuleListQuery {
  trigger?: string;
  state?: RuleState;
  q?: string;
  page: number;
  pageSize: number;
}

/** The rules the actor may see, newest change first, filtered by trigger, state and words. */
export async function listRules(sequelize: Sequelize, actor: Actor, query: RuleListQuery) {
  const where: string[] = [];
  const replacements: unknown[] = [];
  if (isZoneScoped(actor.role)) {
    where.push('zone_id = ?');
    replacements.push(actor.zoneId ?? -1);
  }
  if (query.trigger) {
    where.push('trigger_type = ?');
    replacements.push(query.trigger);
  }
  if (query.q) {
    where.push("(name LIKE ? ESCAPE '!' OR `key` LIKE ? ESCAPE '!')");
    const pattern = `%${escapeLike(query.q)}%`;
    replacements.push(pattern, pattern);
  }
  const rows = (
    await sequelize.query<RuleRow>(
      `SELECT * FROM rules ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY updated_at DESC, id DESC`,
      { replacements, type: QueryTypes.SELECT },
    )
  ).map((row) => ({ ...row, id: Number(row.id), draft: parseJson(row.draft) }));
  const context = await contextFor(sequelize, rows);
  const all = rows
    .map((row) => present(row, context))
    .filter((rule) => !query.state || rule.state === query.state);
  const start = (query.page - 1) * query.pageSize;
  return {
    items: all.slice(start, start + query.pageSize),
    total: all.length,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** One rule with its draft and the draft's checks. */
export async function ruleDetail(sequelize: Sequelize, actor: Actor, id: number) {
  const row = await findRule(sequelize, actor, id);
  const context = await contextFor(sequelize, [row]);
  const { issues } = validateRule(row.draft);
  return { ...present(row, context), draft: row.draft, issues };
}

const presentVersion = (row: VersionRow, authors: Map<number, string>) => ({
  version: Number(row.version),
  hash: row.hash,
  comment: row.comment,
  author:
    row.author_id === null ? null : { id: row.author_id, name: authors.get(row.author_id) ?? '' },
  createdAt: iso(row.created_at),
});

/** Names of the staff accounts by id (a null id is the platform itself). */
async function authorsOf(sequelize: Sequelize, ids: readonly (number | null)[]) {
  // `IN ()` is not SQL: an empty list must not reach the query.
  if (ids.length === 0) return new Map<number, string>();
  const rows = await sequelize.query<{ id: number; name: string }>(
    'SELECT id, name FROM users WHERE id IN (?)',
    { replacements: [[...new Set(ids.map((id) => id ?? 0))]], type: QueryTypes.SELECT },
  );
  return new Map(rows.map((u) => [Number(u.id), u.name]));
}

/** The rule's versions, newest first, and which is live. */
export async function ruleVersions(sequelize: Sequelize, actor: Actor, id: number) {
  await findRule(sequelize, actor, id);
  const rows = await sequelize.query<VersionRow>(
    'SELECT * FROM rule_versions WHERE rule_id = ? ORDER BY version DESC',
    { replacements: [id], type: QueryTypes.SELECT },
  );
  const authors = await authorsOf(
    sequelize,
    rows.map((row) => row.author_id),
  );
  const release = await latestRelease(sequelize);
  const live = release.live.find((e) => e.ruleId === id)?.version ?? null;
  return {
    liveVersion: live,
    items: rows.map((row) => ({
      ...presentVersion(row, authors),
      live: Number(row.version) === live,
    })),
  };
}

async function versionRow(sequelize: Sequelize, id: number, version: number) {
  const [row] = await sequelize.query<VersionRow>(
    'SELECT * FROM rule_versions WHERE rule_id = ? AND version = ?',
    { replacements: [id, version], type: QueryTypes.SELECT },
  );
  if (!row) throw notFound(`La versión ${version} de la regla no existe.`);
  return row;
}

export async function ruleVersion(sequelize: Sequelize, actor: Actor, id: number, version: number) {
  await findRule(sequelize, actor, id);
  const row = await versionRow(sequelize, id, version);
  const authors = await authorsOf(sequelize, [row.author_id]);
  const definition = parseJson<RuleDocument>(row.definition);
  return {
    ...presentVersion(row, authors),
    definition,
    compiled: parseJson(row.compiled),
    summary: summarizeRule(definition),
  };
}

/** The changes from one version to another, or to the draft. */
export async function ruleDiff(
  sequelize: Sequelize,
  actor: Actor,
  id: number,
  from: number,
  to: number | 'draft',
) {
  const rule = await findRule(sequelize, actor, id);
  const before = parseJson((await versionRow(sequelize, id, from)).definition);
  const after =
    to === 'draft' ? rule.draft : parseJson((await versionRow(sequelize, id, to)).definition);
  return { from, to, changes: diffRules(before, after) };
}

/** Every release, newest first: what went live, by whom, with what comment. */
export async function ruleReleases(sequelize: Sequelize, page: number, pageSize: number) {
  const rows = await sequelize.query<{
    id: number;
    live: unknown;
    action: string;
    rule_id: number | null;
    version: number | null;
    comment: string | null;
    author_id: number | null;
    created_at: Date | string;
  }>('SELECT * FROM rule_releases ORDER BY id DESC LIMIT ? OFFSET ?', {
    replacements: [pageSize, (page - 1) * pageSize],
    type: QueryTypes.SELECT,
  });
  const authors = await authorsOf(
    sequelize,
    rows.map((row) => row.author_id),
  );
  return {
    items: rows.map((row) => ({
      id: Number(row.id),
      action: row.action,
      ruleId: row.rule_id,
      version: row.version,
      comment: row.comment,
      liveCount: parseJson<unknown[]>(row.live).length,
      author:
        row.author_id === null
          ? null
          : { id: row.author_id, name: authors.get(row.author_id) ?? '' },
      createdAt: iso(row.created_at),
    })),
    page,
    pageSize,
  };
}

/**
 * The live rules as the rules map draws them: trigger, exclusive group and priority, from the
 * rule set in memory (no version read per rule). A zone admin sees its zone's rules.
 */
export async function liveRuleMap(sequelize: Sequelize, actor: Actor, ruleSet: RuleSet) {
  const visible = isZoneScoped(actor.role)
    ? new Set(
        (
          await sequelize.query<{ id: number | string }>('SELECT id FROM rules WHERE zone_id = ?', {
            replacements: [actor.zoneId ?? -1],
            type: QueryTypes.SELECT,
          })
        ).map((row) => Number(row.id)),
      )
    : null;
  return {
    releaseId: ruleSet.releaseId,
    items: ruleSet.rules
      .filter((rule) => !visible || visible.has(rule.ruleId))
      .map((rule) => ({
        id: rule.ruleId,
        key: rule.key,
        name: rule.document.name,
        version: rule.version,
        trigger: rule.document.trigger.type,
        stacking: rule.document.stacking,
      })),
  };
}
