import { QueryTypes, UniqueConstraintError, type Sequelize, type Transaction } from 'sequelize';
import {
  checkRuleSet,
  compileRule,
  SEED_RULES,
  validateRule,
  type RuleDocument,
  type RuleIssue,
} from '@lealtad/rules-schema';
import { forUpdate, parseJson } from '../db/rows';
import { AppError, conflict, notFound } from '../errors';
import type { Services } from '../http/services';
import type { Actor } from '../policies/actor';
import { isZoneScoped } from '../policies/permissions';
import { latestRelease, type LiveEntry } from '../rules/runtime';
import { recordAudit } from './audit';

// Rules, their immutable versions and releases. A publish, retire or rollback writes a new
// release (the full set of live versions) under a lock on the newest one, so two publishes at
// once each see the other's; the process then loads it before answering, and tells the others.

export interface RuleRow {
  id: number;
  key: string;
  name: string;
  trigger_type: string;
  zone_id: number | null;
  draft: unknown;
  draft_revision: number;
  created_by: number | null;
  updated_by: number | null;
  created_at: Date | string;
  updated_at: Date | string;
}

export interface VersionRow {
  id: number;
  rule_id: number;
  version: number;
  definition: unknown;
  compiled: unknown;
  hash: string;
  author_id: number | null;
  comment: string | null;
  created_at: Date | string;
}

const issuesDetails = (issues: readonly RuleIssue[]) =>
  issues.map((issue) => ({
    path: ['document', ...issue.path].join('.'),
    code: issue.code,
    message: issue.message.es,
  }));

/** Parses a document as written; a wrong shape is a 400 naming every problem. */
export function parseDocument(input: unknown): RuleDocument {
  const { rule, issues } = validateRule(input);
  if (!rule) {
    throw new AppError(400, 'validation_failed', 'La regla no tiene la forma esperada.', {
      details: issuesDetails(issues),
    });
  }
  return rule;
}

/** The zone of the rules a zone admin may touch: its audience is its own zone and nothing else. */
async function ruleZoneFor(
  sequelize: Sequelize,
  actor: Actor,
  document: RuleDocument,
): Promise<number | null> {
  if (!isZoneScoped(actor.role)) return null;
  const [zone] = await sequelize.query<{ code: string }>('SELECT code FROM zones WHERE id = ?', {
    replacements: [actor.zoneId ?? -1],
    type: QueryTypes.SELECT,
  });
  const zones = document.audience.zones;
  if (!zone || zones.length !== 1 || zones[0] !== zone.code) {
    throw new AppError(
      422,
      'rule_outside_zone',
      `Tus reglas solo pueden ser para tu zona: pon la audiencia en la zona ${zone?.code ?? ''}.`,
      {
        details: [
          {
            path: 'document.audience.zones',
            code: 'rule_outside_zone',
            message: 'Solo tu zona.',
          },
        ],
      },
    );
  }
  return actor.zoneId;
}

/** A rule the actor may see (zone admins: their zone's), or 404. */
export async function findRule(
  sequelize: Sequelize,
  actor: Actor,
  id: number,
  transaction?: Transaction,
  lock = false,
): Promise<RuleRow> {
  const [row] = await sequelize.query<RuleRow>(
    `SELECT * FROM rules WHERE id = ?${lock ? forUpdate(sequelize) : ''}`,
    { replacements: [id], type: QueryTypes.SELECT, transaction },
  );
  if (!row || (isZoneScoped(actor.role) && row.zone_id !== actor.zoneId)) {
    throw notFound('La regla no existe.');
  }
  return { ...row, draft: parseJson(row.draft) };
}

const keyTaken = () => conflict('rule_key_taken', 'Ya existe una regla con esa clave.');

export async function createRule(
  services: Services,
  actor: Actor,
  ip: string | null,
  input: unknown,
): Promise<number> {
  const { sequelize } = services;
  const document = parseDocument(input);
  const zoneId = await ruleZoneFor(sequelize, actor, document);
  return sequelize
    .transaction(async (transaction) => {
      const id = await insertRule(sequelize, document, zoneId, actor.userId, transaction);
      await recordAudit(
        transaction,
        { actor, ip },
        {
          action: 'rule.created',
          targetType: 'rule',
          targetId: id,
          zoneId,
          after: { key: document.key, name: document.name },
        },
      );
      return id;
    })
    .catch((err: unknown) => {
      if (err instanceof UniqueConstraintError) throw keyTaken();
      throw err;
    });
}

async function insertRule(
  sequelize: Sequelize,
  document: RuleDocument,
  zoneId: number | null,
  userId: number | null,
  transaction: Transaction,
): Promise<number> {
  const [existing] = await sequelize.query('SELECT id FROM rules WHERE `key` = ?', {
    replacements: [document.key],
    type: QueryTypes.SELECT,
    transaction,
  });
  if (existing) throw keyTaken();
  const now = new Date();
  await sequelize.query(
    `INSERT INTO rules (\`key\`, name, trigger_type, zone_id, draft, draft_revision, created_by, updated_by, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?)`,
    {
      replacements: [
        document.key,
        document.name,
        document.trigger.type,
        zoneId,
        JSON.stringify(document),
        userId,
        userId,
        now,
        now,
      ],
      transaction,
    },
  );
  const [row] = await sequelize.query<{ id: number }>('SELECT id FROM rules WHERE `key` = ?', {
    replacements: [document.key],
    type: QueryTypes.SELECT,
    transaction,
  });
  return Number(row?.id);
}

/**
 * Saves the working draft when the caller edited the revision that is stored; otherwise a 409
 * says who saved in between, so two people editing one rule never overwrite each other.
 */
export async function saveDraft(
  services: Services,
  actor: Actor,
  ip: string | null,
  id: number,
  input: { document: unknown; revision: number },
): Promise<number> {
  const { sequelize } = services;
  const rule = await findRule(sequelize, actor, id);
  const document = parseDocument(input.document);
  if (document.key !== rule.key) {
    throw new AppError(422, 'rule_key_changed', 'La clave de una regla no cambia.');
  }
  await ruleZoneFor(sequelize, actor, document);
  return sequelize.transaction(async (transaction) => {
    // BULKUPDATE makes both dialects answer the number of rows changed.
    const affected: number = await sequelize.query(
      `UPDATE rules SET draft = ?, name = ?, trigger_type = ?, draft_revision = draft_revision + 1,
              updated_by = ?, updated_at = ?
        WHERE id = ? AND draft_revision = ?`,
      {
        replacements: [
          JSON.stringify(document),
          document.name,
          document.trigger.type,
          actor.userId,
          new Date(),
          id,
          input.revision,
        ],
        type: QueryTypes.BULKUPDATE,
        transaction,
      },
    );
    if (affected === 0) {
      const current = await findRule(sequelize, actor, id, transaction);
      const [editor] = await sequelize.query<{ name: string }>(
        'SELECT name FROM users WHERE id = ?',
        { replacements: [current.updated_by ?? 0], type: QueryTypes.SELECT, transaction },
      );
      throw new AppError(
        409,
        'draft_conflict',
        `${editor?.name ?? 'Otra persona'} guardó esta regla mientras la editabas (revisión ${current.draft_revision}). Recarga para ver sus cambios.`,
      );
    }
    await recordAudit(
      transaction,
      { actor, ip },
      {
        action: 'rule.draft_saved',
        targetType: 'rule',
        targetId: id,
        zoneId: rule.zone_id,
        after: { revision: input.revision + 1 },
      },
    );
    return input.revision + 1;
  });
}

async function lockLatestRelease(
  sequelize: Sequelize,
  transaction: Transaction,
): Promise<LiveEntry[]> {
  const [row] = await sequelize.query<{ live: unknown }>(
    `SELECT live FROM rule_releases ORDER BY id DESC LIMIT 1${forUpdate(sequelize)}`,
    { type: QueryTypes.SELECT, transaction },
  );
  return row ? parseJson<LiveEntry[]>(row.live) : [];
}

async function insertRelease(
  sequelize: Sequelize,
  release: {
    live: LiveEntry[];
    action: 'publish' | 'retire' | 'rollback' | 'seed';
    ruleId: number | null;
    version: number | null;
    comment: string | null;
    authorId: number | null;
  },
  transaction: Transaction,
): Promise<void> {
  await sequelize.query(
    `INSERT INTO rule_releases (live, action, rule_id, version, comment, author_id, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
    {
      replacements: [
        JSON.stringify(release.live),
        release.action,
        release.ruleId,
        release.version,
        release.comment,
        release.authorId,
        new Date(),
      ],
      transaction,
    },
  );
}

/** The version with this content, or a new one numbered after the newest. */
async function versionFor(
  sequelize: Sequelize,
  ruleId: number,
  document: RuleDocument,
  authorId: number | null,
  comment: string | null,
  transaction: Transaction,
): Promise<number> {
  const compiled = compileRule(document);
  const versions = await sequelize.query<{ version: number; hash: string }>(
    'SELECT version, hash FROM rule_versions WHERE rule_id = ? ORDER BY version DESC',
    { replacements: [ruleId], type: QueryTypes.SELECT, transaction },
  );
  const newest = versions[0];
  if (newest && newest.hash === compiled.hash) return Number(newest.version);
  const version = Number(newest?.version ?? 0) + 1;
  await sequelize.query(
    `INSERT INTO rule_versions (rule_id, version, definition, compiled, hash, author_id, comment, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    {
      replacements: [
        ruleId,
        version,
        JSON.stringify(document),
        JSON.stringify(compiled.engineRule),
        compiled.hash,
        authorId,
        comment,
        new Date(),
      ],
      transaction,
    },
  );
  return version;
}

/** The documents of the live versions, for the checks that look at several rules at once. */
async function liveDocuments(
  sequelize: Sequelize,
  live: readonly LiveEntry[],
  transaction: Transaction,
): Promise<RuleDocument[]> {
  if (live.length === 0) return [];
  const documents: RuleDocument[] = [];
  for (let start = 0; start < live.length; start += 500) {
    const chunk = live.slice(start, start + 500);
    const rows = await sequelize.query<{ definition: unknown }>(
      `SELECT definition FROM rule_versions WHERE ${chunk.map(() => '(rule_id = ? AND version = ?)').join(' OR ')}`,
      {
        replacements: chunk.flatMap((e) => [e.ruleId, e.version]),
        type: QueryTypes.SELECT,
        transaction,
      },
    );
    documents.push(...rows.map((row) => parseJson<RuleDocument>(row.definition)));
  }
  return documents;
}

function refuseErrors(issues: readonly RuleIssue[]): void {
  const errors = issues.filter((issue) => issue.severity === 'error');
  if (errors.length === 0) return;
  throw new AppError(
    422,
    'rule_invalid',
    `La regla tiene ${errors.length === 1 ? 'un error' : `${errors.length} errores`}: ${errors[0]?.message.es ?? ''}`,
    { details: issuesDetails(errors) },
  );
}

/** Refuses a rule that clashes with the other live rules (a tie in an exclusive group). */
async function refuseClashes(
  sequelize: Sequelize,
  others: readonly LiveEntry[],
  document: RuleDocument,
  transaction: Transaction,
): Promise<void> {
  const live = await liveDocuments(sequelize, others, transaction);
  refuseErrors(checkRuleSet([...live, document]).filter((issue) => issue.ruleKey === document.key));
}

/**
 * Publishes the draft (the revision the caller saw, when given): errors of the rule, or of the
 * rule beside the live ones (an exclusive group tie), refuse it. Same content as the newest
 * version republishes that version.
 */
export async function publishRule(
  services: Services,
  actor: Actor,
  ip: string | null,
  id: number,
  input: { comment: string; revision?: number },
): Promise<{ version: number; releaseId: number }> {
  const { sequelize } = services;
  const result = await sequelize.transaction(async (transaction) => {
    const live = await lockLatestRelease(sequelize, transaction);
    const rule = await findRule(sequelize, actor, id, transaction, true);
    if (input.revision !== undefined && input.revision !== rule.draft_revision) {
      throw new AppError(
        409,
        'draft_conflict',
        `La regla cambió desde que la abriste (revisión ${rule.draft_revision}). Recarga antes de publicar.`,
      );
    }
    const { rule: document, issues } = validateRule(rule.draft);
    refuseErrors(issues);
    if (!document) throw new AppError(422, 'rule_invalid', 'La regla no es válida.');
    await ruleZoneFor(sequelize, actor, document);
    const others = live.filter((e) => e.ruleId !== id);
    await refuseClashes(sequelize, others, document, transaction);
    const version = await versionFor(
      sequelize,
      id,
      document,
      actor.userId,
      input.comment,
      transaction,
    );
    await insertRelease(
      sequelize,
      {
        live: [...others, { ruleId: id, version }],
        action: 'publish',
        ruleId: id,
        version,
        comment: input.comment,
        authorId: actor.userId,
      },
      transaction,
    );
    await recordAudit(
      transaction,
      { actor, ip },
      {
        action: 'rule.published',
        targetType: 'rule',
        targetId: id,
        zoneId: rule.zone_id,
        after: { version, comment: input.comment },
      },
    );
    return { version };
  });
  const ruleSet = await services.rules.published();
  return { version: result.version, releaseId: ruleSet.releaseId };
}

/** Takes the rule out of the live set; its versions stay. */
export async function retireRule(
  services: Services,
  actor: Actor,
  ip: string | null,
  id: number,
  input: { comment: string },
): Promise<{ releaseId: number }> {
  const { sequelize } = services;
  await sequelize.transaction(async (transaction) => {
    const live = await lockLatestRelease(sequelize, transaction);
    const rule = await findRule(sequelize, actor, id, transaction);
    const current = live.find((e) => e.ruleId === id);
    if (!current) throw conflict('rule_not_live', 'La regla no está publicada.');
    await insertRelease(
      sequelize,
      {
        live: live.filter((e) => e.ruleId !== id),
        action: 'retire',
        ruleId: id,
        version: current.version,
        comment: input.comment,
        authorId: actor.userId,
      },
      transaction,
    );
    await recordAudit(
      transaction,
      { actor, ip },
      {
        action: 'rule.retired',
        targetType: 'rule',
        targetId: id,
        zoneId: rule.zone_id,
        before: { version: current.version },
        after: { comment: input.comment },
      },
    );
  });
  const ruleSet = await services.rules.published();
  return { releaseId: ruleSet.releaseId };
}

/** Puts an older version live again; the draft becomes that version, so editing starts from it. */
export async function rollbackRule(
  services: Services,
  actor: Actor,
  ip: string | null,
  id: number,
  input: { version: number; comment: string },
): Promise<{ version: number; releaseId: number }> {
  const { sequelize } = services;
  await sequelize.transaction(async (transaction) => {
    const live = await lockLatestRelease(sequelize, transaction);
    const rule = await findRule(sequelize, actor, id, transaction, true);
    const [target] = await sequelize.query<VersionRow>(
      'SELECT * FROM rule_versions WHERE rule_id = ? AND version = ?',
      { replacements: [id, input.version], type: QueryTypes.SELECT, transaction },
    );
    if (!target) throw notFound('Esa versión de la regla no existe.');
    const others = live.filter((e) => e.ruleId !== id);
    const document = parseJson<RuleDocument>(target.definition);
    await refuseClashes(sequelize, others, document, transaction);
    await insertRelease(
      sequelize,
      {
        live: [...others, { ruleId: id, version: input.version }],
        action: 'rollback',
        ruleId: id,
        version: input.version,
        comment: input.comment,
        authorId: actor.userId,
      },
      transaction,
    );
    await sequelize.query(
      `UPDATE rules SET draft = ?, name = ?, trigger_type = ?, draft_revision = draft_revision + 1,
              updated_by = ?, updated_at = ? WHERE id = ?`,
      {
        replacements: [
          JSON.stringify(document),
          document.name,
          document.trigger.type,
          actor.userId,
          new Date(),
          id,
        ],
        transaction,
      },
    );
    await recordAudit(
      transaction,
      { actor, ip },
      {
        action: 'rule.rolled_back',
        targetType: 'rule',
        targetId: id,
        zoneId: rule.zone_id,
        before: { version: live.find((e) => e.ruleId === id)?.version ?? null },
        after: { version: input.version, comment: input.comment },
      },
    );
  });
  const ruleSet = await services.rules.published();
  return { version: input.version, releaseId: ruleSet.releaseId };
}

/** A new installation's rules, published as version 1 in the first release. */
export async function seedRules(
  sequelize: Sequelize,
  log: (line: string) => void = () => {},
): Promise<void> {
  if ((await latestRelease(sequelize)).id > 0) return;
  await sequelize.transaction(async (transaction) => {
    const live: LiveEntry[] = [];
    for (const document of SEED_RULES) {
      const ruleId = await insertRule(sequelize, document, null, null, transaction);
      const version = await versionFor(
        sequelize,
        ruleId,
        document,
        null,
        'Regla inicial',
        transaction,
      );
      live.push({ ruleId, version });
    }
    await insertRelease(
      sequelize,
      {
        live,
        action: 'seed',
        ruleId: null,
        version: null,
        comment: 'Reglas iniciales',
        authorId: null,
      },
      transaction,
    );
  });
  log(`Reglas iniciales publicadas: ${SEED_RULES.map((rule) => rule.key).join(', ')}`);
}
