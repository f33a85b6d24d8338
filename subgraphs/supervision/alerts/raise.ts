import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../../lib/db/store.ts';
import { COLOUR_NAMES, RULE_CHECKS, type RuleCheck } from '../rules/model.ts';
import { RuleBook } from '../rules/resolve.ts';
import { AlertsRepository } from './repository.ts';
import type { AlertInput, RaisedAlert } from './types.ts';

/** The dedupe subject: the supervised order or task when there is one, else the case. */
function aboutOf(input: Pick<AlertInput, 'caseNumber' | 'subject'>): string {
  if (input.subject) return `${input.subject.kind}:${input.subject.id}`;
  if (input.caseNumber) return `CASE:${input.caseNumber}`;
  throw new Error('an alert is about a case or a supervised subject');
}

/**
 * Raises one alert under the rule that applies to its target (rules/resolve.ts), inside the caller's
 * transaction: nothing when the check is off for the target; the first alert again when the
 * occasion has raised one before (rule code, case or subject, occasion is unique). `rules` is the
 * caller's book when it evaluates many alerts at once; otherwise the rules are read here.
 */
export async function raiseAlert(tx: Queryable, input: AlertInput, now: Date, rules?: RuleBook): Promise<RaisedAlert> {
  if (!(RULE_CHECKS as string[]).includes(input.check)) throw new Error(`raiseAlert: unknown check ${input.check}`);
  const book = rules ?? (await RuleBook.load(tx));
  const rule = book.applicable(input.check as RuleCheck, input.target, input.slot ?? '');
  if (rule === null) return { id: null, raised: false };
  const suffix = `：${COLOUR_NAMES[rule.colour]}`;
  const { id, inserted } = await new AlertsRepository(tx).insertOnce({
    id: randomUUID(),
    about: aboutOf(input),
    caseNumber: input.caseNumber,
    subject: input.subject,
    occasion: input.occasion,
    ruleCode: rule.code,
    ruleVersion: rule.version,
    type: rule.type,
    check: rule.check,
    colour: rule.colour,
    message: input.message.endsWith(suffix) ? input.message : `${input.message}${suffix}`,
    agency: input.target.agency,
    region: input.target.region,
    implementationCode: input.target.implementationCode,
    itemType: input.target.itemType,
    evidence: input.evidence,
    observedAt: new Date(input.observedAt).toISOString(),
    raisedAt: now.toISOString(),
  });
  return { id, raised: inserted };
}

/** Raises several alerts with one book; answers how many were new. */
export async function raiseAll(tx: Queryable, inputs: readonly AlertInput[], now: Date, rules: RuleBook): Promise<number> {
  let raised = 0;
  for (const input of inputs) if ((await raiseAlert(tx, input, now, rules)).raised) raised += 1;
  return raised;
}
