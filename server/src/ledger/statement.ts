import { QueryTypes, type Sequelize } from 'sequelize';

export const ledgerKinds = [
  'earn',
  'redeem',
  'refund',
  'adjust',
  'expire',
  'reverse',
  'transfer',
] as const;
export type LedgerKind = (typeof ledgerKinds)[number];

export interface StatementFilter {
  from?: Date;
  to?: Date;
  kind?: LedgerKind;
  page: number;
  pageSize: number;
}

interface StatementRow {
  id: number | string;
  kind: LedgerKind;
  points: number;
  balance_after: number | string;
  rule_key: string | null;
  /** The rule's name now (a line keeps its key and version; names may be edited). */
  rule_name: string | null;
  rule_version: number | null;
  note: string | null;
  created_at: Date | string;
  external_id: string | null;
  store_id: string | null;
  amount_cents: number | string | null;
  occurred_at: Date | string | null;
  actor_name: string | null;
}

const money = new Intl.NumberFormat('es-MX', { style: 'currency', currency: 'MXN' });

const ruleNames: Record<string, string> = { 'tasa-base': 'tasa base' };

/** Why a line exists, in words (Spanish); the structured fields let other languages say it too. */
function describe(row: StatementRow): string {
  switch (row.kind) {
    case 'earn': {
      // A rule's award for an event other than a purchase: its words are on the line.
      if (row.external_id === null) {
        return `${row.note ?? row.rule_name ?? 'Puntos de regla'}`;
      }
      const rule = row.rule_key
        ? (ruleNames[row.rule_key] ?? row.rule_name ?? `regla ${row.rule_key} v${row.rule_version}`)
        : '';
      const amount =
        row.amount_cents === null ? '' : ` por ${money.format(Number(row.amount_cents) / 100)}`;
      return `Compra ${row.external_id ?? ''} en la tienda ${row.store_id ?? ''}${amount}${rule ? ` (${rule})` : ''}`;
    }
    case 'reverse':
      return `Cancelación de la compra ${row.external_id ?? ''}${row.note ? `: ${row.note}` : ''}`;
    case 'adjust':
      return `Ajuste manual${row.actor_name ? ` de ${row.actor_name}` : ''}: ${row.note ?? ''}`;
    case 'expire':
      return 'Vencimiento de puntos';
    case 'redeem':
      return `Canje${row.note ? `: ${row.note}` : ''}`;
    case 'refund':
      return `Devolución de puntos${row.note ? `: ${row.note}` : ''}`;
    case 'transfer':
      return `Traspaso${row.note ? `: ${row.note}` : ''}`;
  }
}

const iso = (value: Date | string | null) =>
  value === null ? null : new Date(value).toISOString();

/** A ledger line as statements and real-time notices show it. */
const presentLine = (row: StatementRow) => ({
  id: Number(row.id),
  kind: row.kind,
  points: Number(row.points),
  balance: Number(row.balance_after),
  description: describe(row),
  transaction: row.external_id
    ? {
        id: row.external_id,
        storeId: row.store_id,
        amountCents: Number(row.amount_cents),
        occurredAt: iso(row.occurred_at),
      }
    : null,
  rule: row.rule_key ? { key: row.rule_key, version: Number(row.rule_version) } : null,
  note: row.note,
  actorName: row.actor_name,
  createdAt: iso(row.created_at),
});

export type LedgerLine = ReturnType<typeof presentLine>;

/** One customer's lines matching `conditions`, newest first. */
const selectLines = (
  sequelize: Sequelize,
  customerId: number,
  conditions: [string, unknown][],
  limit: number,
  offset = 0,
) =>
  sequelize.query<StatementRow>(
    `SELECT l.id, l.kind, l.points, l.balance_after, l.rule_key, l.rule_version, l.note, l.created_at,
            t.external_id, t.store_id, t.amount_cents, t.occurred_at, u.name AS actor_name,
            r.name AS rule_name
       FROM ledger_entries l
       LEFT JOIN partner_transactions t ON t.id = l.transaction_id
       LEFT JOIN users u ON u.id = l.actor_user_id
       LEFT JOIN rules r ON r.\`key\` = l.rule_key
      WHERE ${['l.customer_id = ?', ...conditions.map(([sql]) => sql)].join(' AND ')}
      ORDER BY l.id DESC LIMIT ? OFFSET ?`,
    {
      replacements: [customerId, ...conditions.map(([, value]) => value), limit, offset],
      type: QueryTypes.SELECT,
    },
  );

/** A customer's ledger, newest first, with the reason of every line. */
export async function statement(sequelize: Sequelize, customerId: number, filter: StatementFilter) {
  const rows = await selectLines(
    sequelize,
    customerId,
    [
      ...(filter.from ? [['l.created_at >= ?', filter.from] as [string, unknown]] : []),
      ...(filter.to ? [['l.created_at <= ?', filter.to] as [string, unknown]] : []),
      ...(filter.kind ? [['l.kind = ?', filter.kind] as [string, unknown]] : []),
    ],
    filter.pageSize + 1,
    (filter.page - 1) * filter.pageSize,
  );
  return {
    items: rows.slice(0, filter.pageSize).map(presentLine),
    page: filter.page,
    pageSize: filter.pageSize,
    hasMore: rows.length > filter.pageSize,
  };
}

/** Which new lines: one by id, those a purchase (or its reversal) wrote, or a redemption's. */
export type LineKey =
  | { id: number }
  | { transactionId: string; kind: 'earn' | 'reverse' }
  | { redemptionId: number; kind: 'redeem' | 'refund' };

/** The lines `key` names, oldest first, as the statement shows them. */
export async function ledgerLines(
  sequelize: Sequelize,
  customerId: number,
  key: LineKey,
): Promise<LedgerLine[]> {
  const conditions: [string, unknown][] =
    'id' in key
      ? [['l.id = ?', key.id]]
      : 'redemptionId' in key
        ? [
            ['l.kind = ?', key.kind],
            ['l.redemption_id = ?', key.redemptionId],
          ]
        : [
            ['l.kind = ?', key.kind],
            ['t.external_id = ?', key.transactionId],
          ];
  const rows = await selectLines(sequelize, customerId, conditions, 100);
  return rows.reverse().map(presentLine);
}
