import type { Sequelize } from 'sequelize';
import {
  postPurchases,
  type PostedLine,
  type PurchaseInput,
  type PurchaseResult,
} from './purchases';

interface Waiting {
  purchase: PurchaseInput;
  apiKeyId: number | null;
  resolve: (result: PurchaseResult) => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit for single purchases: requests that arrive while batches are being written wait
 * and go together in the next one, so concurrent requests share one transaction and one set of
 * statements. An idle queue writes a request at once, so a lone request waits for nobody.
 * Up to `maxInFlight` batches are written at once, so the database's round trips overlap
 * (SQLite writes one transaction at a time anyway, so it gets one).
 */
export class IngestQueue {
  private waiting: Waiting[] = [];
  private inFlight = 0;
  private readonly maxInFlight: number;

  constructor(
    private readonly sequelize: Sequelize,
    private readonly onPosted: (lines: PostedLine[]) => void = () => {},
    private readonly maxBatch = 500,
  ) {
    this.maxInFlight = sequelize.getDialect() === 'sqlite' ? 1 : 2;
  }

  submit(purchase: PurchaseInput, apiKeyId: number | null): Promise<PurchaseResult> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ purchase, apiKeyId, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.waiting.length > 0 && this.inFlight < this.maxInFlight) {
      const batch = this.waiting.splice(0, this.maxBatch);
      this.inFlight += 1;
      void this.write(batch).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  private async write(batch: Waiting[]): Promise<void> {
    try {
      const { results, lines } = await postPurchases(
        this.sequelize,
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
