import type { Queryable } from '../../../lib/db/store.ts';
import type { AlertTarget } from '../alerts/types.ts';
import { TARGET_SPECIFICITY, type RuleCheck, type RuleModel } from './model.ts';
import type { CheckParameters } from './parameters.ts';
import { slotOf } from './parameters.ts';
import { RulesRepository } from './repository.ts';

/** A rule version that applies, with its parameters typed for its check. */
export type ApplicableRule<C extends RuleCheck = RuleCheck> = RuleModel & { check: C; parameters: CheckParameters[C] & Record<string, unknown> };

function matches(rule: RuleModel, target: AlertTarget): boolean {
  switch (rule.target.kind) {
    case 'ALL':
      return true;
    case 'ITEM_TYPE':
      return rule.target.value === target.itemType;
    case 'AGENCY':
      return rule.target.value === target.agency;
    case 'GUIDE':
      return rule.target.value === target.implementationCode;
  }
}

/**
 * The rules in force at one moment: the latest version of every rule. Which applies to a case is
 * decided here only — the most specific matching rule of the check (and slot) wins, GUIDE before
 * AGENCY before ITEM_TYPE before ALL, and if that rule is disabled the check is off for the case.
 *
 * A book is read fresh for every evaluation (one small statement: rules are few), so a rule change
 * applies to the very next observation and clock batch.
 */
export class RuleBook {
  private readonly byCheck = new Map<string, RuleModel[]>();

  constructor(rules: readonly RuleModel[]) {
    for (const rule of rules) {
      const key = `${rule.check}|${slotOf(rule.check, rule.parameters)}`;
      const list = this.byCheck.get(key) ?? [];
      list.push(rule);
      this.byCheck.set(key, list);
    }
  }

  static async load(db: Queryable): Promise<RuleBook> {
    return new RuleBook(await new RulesRepository(db).latest());
  }

  /** The rule that applies to `target` for `check` (and `slot`, see slotOf), or null when the check is off for it. */
  applicable<C extends RuleCheck>(check: C, target: AlertTarget, slot = ''): ApplicableRule<C> | null {
    let best: RuleModel | null = null;
    for (const rule of this.byCheck.get(`${check}|${slot}`) ?? []) {
      if (!matches(rule, target)) continue;
      if (best === null || TARGET_SPECIFICITY[rule.target.kind] > TARGET_SPECIFICITY[best.target.kind]) best = rule;
    }
    return best !== null && best.enabled ? (best as ApplicableRule<C>) : null;
  }
}
