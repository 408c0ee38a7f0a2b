import type { Sequelize, Transaction } from 'sequelize';
import { insertRows } from '../db/rows';
import type { LedgerKind } from './statement';

/** A ledger line to append; what does not apply to its kind is left out. */
export interface NewLedgerLine {
  customerId: number;
  kind: LedgerKind;
  points: number;
  balanceAfter: number;
  transactionId?: number | null;
  /** The rule version that gave the points. */
  ruleKey?: string | null;
  ruleVersion?: number | null;
  actorUserId?: number | null;
  note?: string | null;
  /** The redemption a redeem or refund line belongs to. */
  redemptionId?: number | null;
  createdAt: Date;
}

/** Appends ledger lines with one multi-row INSERT (per chunk). */
export async function insertLedgerLines(
  sequelize: Sequelize,
  lines: readonly NewLedgerLine[],
  transaction: Transaction,
): Promise<void> {
  await insertRows(
    sequelize,
    'ledger_entries',
    [
      'customer_id',
      'kind',
      'points',
      'balance_after',
      'transaction_id',
      'rule_key',
      'rule_version',
      'actor_user_id',
      'note',
      'redemption_id',
      'created_at',
    ],
    lines.map((line) => [
      line.customerId,
      line.kind,
      line.points,
      line.balanceAfter,
      line.transactionId ?? null,
      line.ruleKey ?? null,
      line.ruleVersion ?? null,
      line.actorUserId ?? null,
      line.note ?? null,
      line.redemptionId ?? null,
      line.createdAt,
    ]),
    transaction,
  );
}
