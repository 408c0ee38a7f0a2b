import { createContext, useContext } from 'react';
import type { Operator, ValueNames } from '@lealtad/rules-schema';
import type { Choice, RuleChoices } from '../rulesApi';

/** The choices of the rule being edited; null while they load. */
export const RuleChoicesContext = createContext<RuleChoices | null>(null);

/** The platform's values the editor offers; read once when the editor opens (see RuleEditorPage). */
export const useRuleChoices = (): RuleChoices | null => useContext(RuleChoicesContext);

/** The facts whose values name platform data, and the list of choices each takes. */
const factLists: Readonly<Record<string, keyof RuleChoices>> = {
  'customer.zone': 'zones',
  'customer.type': 'customerTypes',
  'customer.state': 'states',
  'customer.city': 'cities',
  'purchase.category': 'categories',
  'purchase.storeId': 'stores',
  'customer.tags': 'tags',
};

/** Choices to offer, or null while there are none (loading, or no data yet): then text is typed. */
export const offered = (choices: readonly Choice[] | undefined): readonly Choice[] | null =>
  choices && choices.length > 0 ? choices : null;

/** The values a fact's conditions may pick from, or null if the fact takes free text. */
export function factChoices(choices: RuleChoices | null, factId: string): readonly Choice[] | null {
  const list = factLists[factId];
  return offered(list ? choices?.[list] : undefined);
}

/** "Starts with" takes a typed beginning, even where the fact has choices. */
export const offersChoices = (operator: Operator): boolean => operator !== 'startsWith';

/**
 * The choices plus the values already chosen that are not among them (the data changed): a
 * value on a rule is shown and kept, never silently dropped.
 */
export function withChosen(choices: readonly Choice[], chosen: readonly string[]): Choice[] {
  const known = new Set(choices.map((choice) => choice.value));
  const missing = [...new Set(chosen)].filter((value) => value && !known.has(value));
  return [...choices, ...missing.map((value) => ({ value, label: value }))];
}

/** The names of the codes a rule stores, from the choices (none while they load). */
export function valueNamesOf(choices: RuleChoices | null): ValueNames | undefined {
  if (!choices) return undefined;
  return (of, code) =>
    (of === 'reward' ? choices.rewards : factChoices(choices, of))?.find(
      (choice) => choice.value === code,
    )?.label;
}
