import type { Sequelize } from 'sequelize';
import type { RulesRuntime } from '../rules/runtime';
import { prefetchBuyers } from './prefetch';
import {
  postPurchases,
  type PostedLine,
  type PurchaseInput,
  type PurchaseResult,
} from './purchases';

/** Purchases per transaction: what the read-ahead brings in stays well inside the buffer pool. */
const chunkSize = 100;

/**
 * A partner's batch, in order, one transaction per chunk: the next chunk's pages are read
 * ahead while a chunk is written. Items keep their order across chunks, so a repeated id
 * later in the batch answers as the repeat of the earlier one.
 */
export async function postPurchaseBatch(
  sequelize: Sequelize,
  rules: RulesRuntime,
  purchases: readonly PurchaseInput[],
  apiKeyId: number,
): Promise<{ results: PurchaseResult[]; lines: PostedLine[] }> {
  const chunks: PurchaseInput[][] = [];
  for (let start = 0; start < purchases.length; start += chunkSize) {
    chunks.push(purchases.slice(start, start + chunkSize));
  }
  // A failed read-ahead only means the write reads the pages itself.
  const readAhead = (chunk: PurchaseInput[] | undefined) =>
    chunk ? prefetchBuyers(sequelize, chunk).catch(() => undefined) : Promise.resolve();
  const results: PurchaseResult[] = [];
  const lines: PostedLine[] = [];
  let next = readAhead(chunks[0]);
  for (const [index, chunk] of chunks.entries()) {
    await next;
    next = readAhead(chunks[index + 1]);
    const posted = await postPurchases(
      sequelize,
      rules,
      chunk,
      chunk.map(() => apiKeyId),
    );
    results.push(...posted.results);
    lines.push(...posted.lines);
  }
  return { results, lines };
}
