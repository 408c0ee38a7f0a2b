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
 * Group commit for single purchases: requests that arrive while a batch is being written wait
 * and go together in the next one, so concurrent requests share one transaction and one set of
 * statements. An idle queue writes a request at once, so a lone request waits for nobody.
 */
export class IngestQueue {
  private waiting: Waiting[] = [];
  private draining = false;

  constructor(
    private readonly sequelize: Sequelize,
    private readonly onPosted: (lines: PostedLine[]) => void = () => {},
    private readonly maxBatch = 500,
  ) {}

  submit(purchase: PurchaseInput, apiKeyId: number | null): Promise<PurchaseResult> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ purchase, apiKeyId, resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, this.maxBatch);
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
    } finally {
      this.draining = false;
    }
  }
}
