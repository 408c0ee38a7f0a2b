import {
  describeCondition,
  formatMoney,
  type CustomerCap,
  type Effect,
  type RuleDocument,
  type ValueNames,
} from '@lealtad/rules-schema';
import { intlLocale, type Locale } from '../../../shared/i18n';
import { audienceWords, triggerWords, validityWords, type RulesT } from '../rulesText';
import { conditionAt, groupKind } from './conditions';
import type { RuleNode } from './graph';

function effectWords(effect: Effect, t: RulesT, locale: Locale, names?: ValueNames): string {
  const points = (count: number) => count.toLocaleString(intlLocale[locale]);
  switch (effect.type) {
    case 'fixedPoints':
      return effect.points === 1
        ? t('effectText.fixedPoint')
        : t('effectText.fixedPoints', { points: points(effect.points) });
    case 'pointsPerAmount':
      return t(effect.points === 1 ? 'effectText.pointPerAmount' : 'effectText.pointsPerAmount', {
        points: points(effect.points),
        amount: formatMoney(effect.perAmountCents),
      });
    case 'multiplier':
      return t('effectText.multiplier', { factor: effect.factor });
    case 'reward':
      return t('effectText.reward', {
        reward: (names?.('reward', effect.rewardId) ?? effect.rewardId) || '…',
      });
    case 'message':
      return t('effectText.message', { subject: effect.subject || '…' });
    case 'tag':
      return t('effectText.tag', {
        tag: (names?.('customer.tags', effect.tag) ?? effect.tag) || '…',
      });
  }
}

function capWords(cap: CustomerCap, t: RulesT, locale: Locale): string {
  const period = t(`period.${cap.period}`);
  const parts: string[] = [];
  if (cap.maxTimes === 1) parts.push(t('capText.once', { period }));
  else if (cap.maxTimes !== undefined) {
    parts.push(t('capText.times', { count: cap.maxTimes, period }));
  }
  if (cap.maxPoints !== undefined) {
    parts.push(
      t('capText.points', { points: cap.maxPoints.toLocaleString(intlLocale[locale]), period }),
    );
  }
  return parts.join(' · ') || t('capText.none');
}

/** A node's coloured heading and its plain words; with `names`, codes read as names. */
export function nodeWords(
  rule: RuleDocument,
  node: RuleNode,
  t: RulesT,
  locale: Locale,
  names?: ValueNames,
): { title: string; text: string } {
  switch (node.kind) {
    case 'trigger': {
      const window = validityWords(rule.validity, t);
      return { title: t('node.trigger'), text: `${triggerWords(rule.trigger, t)} · ${window}` };
    }
    case 'audience':
      return { title: t('node.audience'), text: audienceWords(rule.audience, t, names) };
    case 'group': {
      const group = conditionAt(rule, node.path);
      if (!group || 'fact' in group) return { title: '', text: '' };
      const kind = groupKind(group);
      const count = 'not' in group ? 1 : 'all' in group ? group.all.length : group.any.length;
      return {
        title: t(`group.${kind}`),
        text:
          count === 0
            ? t(kind === 'any' ? 'group.emptyAny' : 'group.empty')
            : count === 1
              ? t('group.one')
              : t('group.count', { count }),
      };
    }
    case 'condition': {
      const leaf = conditionAt(rule, node.path);
      return {
        title: t('node.condition'),
        text: leaf ? describeCondition(leaf, locale, names) : '',
      };
    }
    case 'effect': {
      const effect = rule.effects[Number(node.path[1])];
      return {
        title: t('node.effect'),
        text: effect ? effectWords(effect, t, locale, names) : '',
      };
    }
    case 'cap': {
      const cap = rule.caps.perCustomer[Number(node.path[2])];
      return { title: t('node.cap'), text: cap ? capWords(cap, t, locale) : '' };
    }
    case 'budget': {
      const budget = rule.caps.budget;
      return {
        title: t('node.budget'),
        text: budget
          ? t('capText.budget', {
              points: budget.maxPoints.toLocaleString(intlLocale[locale]),
              period: t(`period.${budget.period}`),
            })
          : '',
      };
    }
  }
}
