import type { LedgerKind, Locale, StatementLine } from '../api';
import type { Formatters } from '../i18n';
import type { SharedKey } from '../messages';
import type { IconName } from '../ui/Icon';

/** Each kind of movement by name (plural, as the filter offers them) and by icon. */
export const kindLabel: Readonly<Record<LedgerKind, SharedKey>> = {
  earn: 'kindEarn',
  redeem: 'kindRedeem',
  refund: 'kindRefund',
  adjust: 'kindAdjust',
  expire: 'kindExpire',
  reverse: 'kindReverse',
  transfer: 'kindTransfer',
};

export const kindIcon: Readonly<Record<LedgerKind, IconName>> = {
  earn: 'bag',
  redeem: 'gift',
  refund: 'refund',
  adjust: 'pencil',
  expire: 'clock',
  reverse: 'undo',
  transfer: 'transfer',
};

const englishRules: Readonly<Record<string, string>> = { 'tasa-base': 'base rate' };

/**
 * Why a line exists. The API words it in Spanish (`description`); in English the same sentence
 * is composed from the line's structured fields. Notes are kept as the staff wrote them.
 */
export function lineText(line: StatementLine, locale: Locale, format: Formatters): string {
  if (locale === 'es') return line.description;
  const note = line.note ? `: ${line.note}` : '';
  const purchase = line.transaction;
  switch (line.kind) {
    case 'earn': {
      const rule = line.rule
        ? ` (${englishRules[line.rule.key] ?? `rule ${line.rule.key} v${line.rule.version}`})`
        : '';
      if (!purchase) return `Points earned${rule}`;
      const store = purchase.storeId ? ` at store ${purchase.storeId}` : '';
      return `Purchase ${purchase.id}${store} for ${format.money(purchase.amountCents)}${rule}`;
    }
    case 'reverse':
      return `Cancellation of purchase ${purchase?.id ?? ''}${note}`.replace(' :', ':');
    case 'adjust':
      return `Manual adjustment${line.actorName ? ` by ${line.actorName}` : ''}${note}`;
    case 'expire':
      return 'Points expired';
    case 'redeem':
      return `Redemption${note}`;
    case 'refund':
      return `Points refund${note}`;
    case 'transfer':
      return `Transfer${note}`;
  }
}
