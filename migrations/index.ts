import { foundation } from './0001-foundation';
import { customersLedger } from './0002-customers-ledger';
import { cards } from './0003-cards';
import { customerSearch } from './0004-customer-search';
import { nameWordPairs } from './0005-name-word-pairs';
import { rules } from './0006-rules';
import { rewards } from './0007-rewards';
import { customerPlaces } from './0008-customer-places';
import { importProgress } from './0009-import-progress';
import type { Migration } from './types';

export type { Migration, MigrationContext, SeedContext } from './types';
export { seedRequired } from './seeds';
export { seedDemo, demoAccounts, demoExternalId } from './demo';
export { firstNames, lastNames } from './demo/names';

/** Every schema change, in order. A landed migration is never edited: add a new one. */
export const migrations: readonly Migration[] = [
  foundation,
  customersLedger,
  cards,
  customerSearch,
  nameWordPairs,
  rules,
  rewards,
  customerPlaces,
  importProgress,
];
