import type { Sequelize } from 'sequelize';
import type { IsoDate } from '@lealtad/rules-schema';
import { insertOrAdd } from '../db/rows';

const flushMs = 2_000;

/**
 * Points and awards per rule and local day, for the studio's rule list. Counted in memory
 * after each commit and added to the table every few seconds, so the ingest path never waits
 * on one hot row per rule; a process that dies loses at most those seconds of statistics,
 * never a ledger line.
 */
export class RuleStats {
  private pending = new Map<string, [string, IsoDate, number, number]>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly sequelize: Sequelize) {}

  record(rule: string, day: IsoDate, points: number): void {
    const key = `${rule}\u0000${day}`;
    const entry = this.pending.get(key);
    if (entry) {
      entry[2] += 1;
      entry[3] += points;
    } else {
      this.pending.set(key, [rule, day, 1, points]);
    }
    if (!this.timer) {
      this.timer = setTimeout(() => {
        this.flush().catch((err: unknown) =>
          console.error('No se pudieron guardar las estadísticas de reglas:', err),
        );
      }, flushMs);
      this.timer.unref();
    }
  }

  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const rows = [...this.pending.values()];
    this.pending = new Map();
    await insertOrAdd(
      this.sequelize,
      'rule_daily_stats',
      ['rule_key', 'day'],
      ['awards', 'points'],
      rows,
    );
  }
}
