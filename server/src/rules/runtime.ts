import type { Redis } from 'ioredis';
import { QueryTypes, type Sequelize } from 'sequelize';
import { parseJson } from '../db/rows';
import type { CatalogCodes } from './facts';
import { liveRule, RuleSet, type LiveRule } from './ruleSet';
import { RuleStats } from './stats';

/** The channel a publish is announced on, so every server process loads the new release. */
const RELEASE_CHANNEL = 'lealtad:rules:release';
/** Without Redis, other processes notice a new release within this time. */
const pollMs = 5_000;
const codesMs = 10_000;

interface ReleaseRow {
  id: number;
  live: unknown;
}

export interface LiveEntry {
  ruleId: number;
  version: number;
}

/** The newest release: the set of live rule versions. */
export async function latestRelease(
  sequelize: Sequelize,
): Promise<{ id: number; live: LiveEntry[] }> {
  const [row] = await sequelize.query<ReleaseRow>(
    'SELECT id, live FROM rule_releases ORDER BY id DESC LIMIT 1',
    { type: QueryTypes.SELECT },
  );
  return row ? { id: Number(row.id), live: parseJson<LiveEntry[]>(row.live) } : { id: 0, live: [] };
}

/**
 * The live rules of this process. Each evaluation takes the current RuleSet once and finishes
 * with it, so a publish never splits a transaction between two releases. A publish here
 * reloads before it answers; other processes hear of it on Redis (when configured) and, as a
 * backstop, look for a newer release every few seconds.
 */
export class RulesRuntime {
  private ruleSet: Promise<RuleSet> | null = null;
  private loadedId = -1;
  /** Parsed rules by "ruleId:version": versions never change, so a reload reuses them. */
  private readonly parsed = new Map<string, LiveRule>();
  private codesCache: { at: number; value: Promise<CatalogCodes> } | null = null;
  private subscriber: Redis | null = null;
  private poll: NodeJS.Timeout | null = null;
  readonly stats: RuleStats;

  constructor(
    private readonly sequelize: Sequelize,
    private readonly redis: Redis | null,
  ) {
    this.stats = new RuleStats(sequelize);
  }

  /** The live rules now (loaded on first use). */
  current(): Promise<RuleSet> {
    if (!this.ruleSet) {
      const loading = this.load();
      this.ruleSet = loading;
      // A failed first load is tried again by the next caller.
      loading.catch(() => {
        if (this.ruleSet === loading) this.ruleSet = null;
      });
    }
    return this.ruleSet;
  }

  /** Loads the newest release if it is not the one in use; resolves to the rules in use. */
  async reload(): Promise<RuleSet> {
    const { id } = await latestRelease(this.sequelize);
    if (id === this.loadedId && this.ruleSet) return this.ruleSet;
    const next = this.load();
    // Evaluations started before this point keep the set they took.
    await next;
    this.ruleSet = next;
    return next;
  }

  private async load(): Promise<RuleSet> {
    const release = await latestRelease(this.sequelize);
    const missing = release.live.filter((e) => !this.parsed.has(`${e.ruleId}:${e.version}`));
    for (let start = 0; start < missing.length; start += 500) {
      const chunk = missing.slice(start, start + 500);
      const rows = await this.sequelize.query<{
        rule_id: number;
        version: number;
        definition: unknown;
      }>(
        `SELECT rule_id, version, definition FROM rule_versions
          WHERE ${chunk.map(() => '(rule_id = ? AND version = ?)').join(' OR ')}`,
        {
          replacements: chunk.flatMap((e) => [e.ruleId, e.version]),
          type: QueryTypes.SELECT,
        },
      );
      for (const row of rows) {
        const rule = liveRule(Number(row.rule_id), Number(row.version), parseJson(row.definition));
        this.parsed.set(`${rule.ruleId}:${rule.version}`, rule);
      }
    }
    const rules = release.live.flatMap((e) => this.parsed.get(`${e.ruleId}:${e.version}`) ?? []);
    this.loadedId = Math.max(this.loadedId, release.id);
    return new RuleSet(release.id, rules);
  }

  /** After a publish committed: load it here, then tell the other processes. */
  async published(): Promise<RuleSet> {
    const ruleSet = await this.reload();
    // The release is committed: if Redis is down, the others still find it within seconds.
    await this.redis?.publish(RELEASE_CHANNEL, String(ruleSet.releaseId)).catch((err: unknown) => {
      console.error('No se pudo avisar de la publicación por Redis:', err);
    });
    return ruleSet;
  }

  /** Listens for publishes made by other processes. */
  async start(log: (line: string) => void = () => {}): Promise<void> {
    const refresh = () => {
      this.reload().catch((err: unknown) =>
        log(`No se pudieron cargar las reglas: ${String(err)}`),
      );
    };
    if (this.redis) {
      this.subscriber = this.redis.duplicate();
      this.subscriber.on('message', refresh);
      await this.subscriber.subscribe(RELEASE_CHANNEL);
    }
    this.poll = setInterval(refresh, pollMs);
    this.poll.unref();
    await this.current();
  }

  async close(): Promise<void> {
    if (this.poll) clearInterval(this.poll);
    this.poll = null;
    await this.subscriber?.quit();
    this.subscriber = null;
    await this.stats.flush();
  }

  /** Zone and customer-type codes by id, refreshed every few seconds. */
  codes(): Promise<CatalogCodes> {
    if (!this.codesCache || Date.now() - this.codesCache.at > codesMs) {
      const value = this.readCodes();
      this.codesCache = { at: Date.now(), value };
      value.catch(() => (this.codesCache = null));
    }
    return this.codesCache.value;
  }

  private async readCodes(): Promise<CatalogCodes> {
    const read = (table: string) =>
      this.sequelize.query<{ id: number; code: string }>(`SELECT id, code FROM ${table}`, {
        type: QueryTypes.SELECT,
      });
    const [zones, types] = await Promise.all([read('zones'), read('customer_types')]);
    return {
      zones: new Map(zones.map((z) => [Number(z.id), z.code])),
      customerTypes: new Map(types.map((t) => [Number(t.id), t.code])),
    };
  }
}
