import type { QueryInterface, Sequelize, Transaction } from 'sequelize';

export interface MigrationContext {
  queryInterface: QueryInterface;
  sequelize: Sequelize;
}

export interface Migration {
  name: string;
  up: (context: MigrationContext) => Promise<void>;
  down: (context: MigrationContext) => Promise<void>;
}

/** What the seeders need from the server, passed in so that this package stays free of it. */
export interface SeedContext {
  sequelize: Sequelize;
  hashPassword: (password: string) => Promise<string>;
  /** Credits purchases through the platform's ledger, as the partner feed would. */
  recordPurchases: (purchases: DemoPurchase[]) => Promise<void>;
  /** Card numbers of a range, with their check digits. */
  cardNumbers: (prefix: string, from: number, count: number) => string[];
  /** Builds the search index of these customers from their names. */
  indexCustomers: (customerIds: number[], transaction: Transaction) => Promise<void>;
  log: (line: string) => void;
}

export interface DemoPurchase {
  id: string;
  customerExternalId: string;
  amount: number;
  currency: string;
  occurredAt: Date;
  storeId: string;
  category: string;
}
