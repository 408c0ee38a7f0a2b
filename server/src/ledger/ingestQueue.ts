import type { Sequelize } from 'sequelize';
import type { RulesRuntime } from '../rules/runtime';
import { prefetchBuyers } from './prefetch';
import {
  postPurchases,
  type PostedLine,
  type PurchaseInput,
  type PurchaseResult,
} from './purchases';

interface Waiting {
  purchase: PurchaseInput;
  apiKeyId: number | null;
  /** Settles once the pages this purchase writes have been read into the database's memory. */
  prefetched: Promise<void>;
  markPrefetched: () => void;
  resolve: (result: PurchaseResult) => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit for single purchases: purchases that arrive while batches are
 * being written wait and go together in the next one, so concurrent requests share one
 * transaction and one set of statements. An idle queue writes at once, so a lone request waits
 * for nobody. Up to `maxInFlight` batches are written at once, so the database's round trips
 * overlap (SQLite writes one transaction at a time anyway, so it gets one); a second batch
 * waits a moment to gather purchases rather than go out with one.
 *
 * The first `prefetchWindow` waiting purchases have their pages read in ahead (see
 * `prefetchBuyers`), so a batch holds its locks only for the writes; the window keeps what is
 * read ahead well inside the database's buffer pool.
 */
export class IngestQueue {
  private waiting: Waiting[] = [];
  private inFlight = 0;
  private readonly maxInFlight: number;
  private gathering: NodeJS.Timeout | null = null;
  /** How many of the first waiting purchases have been handed to a prefetch. */
  private prefetchStarted = 0;
  private prefetchScheduled = false;

  constructor(
    private readonly sequelize: Sequelize,
    private readonly rules: RulesRuntime,
    private readonly onPosted: (lines: PostedLine[]) => void = () => {},
    private readonly maxBatch = 100,
    private readonly prefetchWindow = 200,
    private readonly gatherMs = 3,
  ) {
    this.maxInFlight = sequelize.getDialect() === 'sqlite' ? 1 : 2;
  }

  submit(purchase: PurchaseInput, apiKeyId: number | null): Promise<PurchaseResult> {
    return new Promise((resolve, reject) => {
      let markPrefetched = () => {};
      const prefetched = new Promise<void>((done) => (markPrefetched = done));
      this.waiting.push({ purchase, apiKeyId, prefetched, markPrefetched, resolve, reject });
      this.schedulePrefetch();
      this.pump();
    });
  }

  /** Prefetches what arrived in this turn of the event loop together, within the window. */
  private schedulePrefetch(): void {
    if (this.prefetchScheduled) return;
    this.prefetchScheduled = true;
    setImmediate(() => {
      this.prefetchScheduled = false;
      const upTo = Math.min(this.waiting.length, this.prefetchWindow);
      if (upTo <= this.prefetchStarted) return;
      const group = this.waiting.slice(this.prefetchStarted, upTo);
      this.prefetchStarted = upTo;
      const settle = () => group.forEach((w) => w.markPrefetched());
      // A failed read-ahead only means the write reads the pages itself.
      prefetchBuyers(
        this.sequelize,
        group.map((w) => w.purchase),
      ).then(settle, settle);
    });
  }

  private pump(): void {
    while (this.waiting.length > 0 && this.inFlight < this.maxInFlight) {
      if (this.inFlight > 0 && this.waiting.length < this.maxBatch) {
        this.gathering ??= setTimeout(() => this.start(), this.gatherMs);
        return;
      }
      this.start();
    }
  }

  private start(): void {
    if (this.gathering) clearTimeout(this.gathering);
    this.gathering = null;
    if (this.waiting.length === 0 || this.inFlight >= this.maxInFlight) return;
    const batch = this.waiting.splice(0, this.maxBatch);
    const readAhead = Math.min(this.prefetchStarted, batch.length);
    this.prefetchStarted -= readAhead;
    // Taken before their read-ahead began (an idle queue writes at once): the write reads them.
    batch.slice(readAhead).forEach((w) => w.markPrefetched());
    this.schedulePrefetch();
    this.inFlight += 1;
    void this.write(batch).finally(() => {
      this.inFlight -= 1;
      this.pump();
    });
  }

  private async write(batch: Waiting[]): Promise<void> {
    try {
      await Promise.all(batch.map((w) => w.prefetched));
      const { results, lines } = await postPurchases(
        this.sequelize,
        this.rules,
        batch.map((w) => w.purchase),
        batch.map((w) => w.apiKeyId),
      );
      batch.forEach((w, i) => w.resolve(results[i] as PurchaseResult));
      this.onPosted(lines);
    } catch (err) {
      batch.forEach((w) => w.reject(err));
    }
  }
}
