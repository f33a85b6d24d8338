import { appendAccess } from '../../../lib/audit/accessLog.ts';
import type { InternalIdentity } from '../../../lib/auth/internalToken.ts';
import { authorize } from '../../../lib/auth/authorize.ts';
import type { Queryable } from '../../../lib/db/store.ts';
import { badUserInput, versionConflict } from '../../../lib/errors.ts';
import { chinaDate } from '../../../lib/time.ts';
import { CaseProjection } from '../cases/projection.ts';
import type { MutationResolvers, QueryResolvers } from '../generated/resolvers-types.ts';
import { checkRuleCode, ruleContent } from './input.ts';
import { ruleVersionKey } from './loaders.ts';
import type { RuleModel } from './model.ts';
import { RulesRepository, type RuleContent } from './repository.ts';

/** Refuses a second rule for the same check, slot and target: which one applied would be undecided. */
async function assertNotCovered(repository: RulesRepository, content: RuleContent, code: string | null): Promise<void> {
  const covering = await repository.coveringRule(content, code);
  if (covering !== null) {
    throw badUserInput('input.target', `rule ${covering} already covers ${content.check} for this target; make a new version of it instead`);
  }
}

/** The checks whose conditions fall on days the clock has scheduled (cases' next_check_on). */
const SCHEDULED_CHECKS: ReadonlySet<string> = new Set(['DEADLINE_APPROACHING', 'DEADLINE_OVERRUN', 'STEP_OVERRUN']);

/** After a time rule changed, the cases it covered or covers are looked at again on the next clock run. */
async function rescheduleFor(tx: Queryable, rules: ReadonlyArray<Pick<RuleModel, 'check' | 'target'>>, now: () => Date): Promise<void> {
  const projection = new CaseProjection(tx);
  const today = chinaDate(now());
  for (const rule of rules) if (SCHEDULED_CHECKS.has(rule.check)) await projection.reschedule(rule.target, today);
}

async function logRuleWrite(tx: Queryable, identity: InternalIdentity, code: string, now: () => Date): Promise<void> {
  await appendAccess(tx, identity, { action: 'WRITE', resourceType: 'supervision_rule', resourceId: code, fields: [] }, now);
}

export const ruleQueries: Pick<QueryResolvers, 'supervisionRules' | 'supervisionRule'> = {
  async supervisionRules(_parent, { filter }, { identity, store }) {
    authorize(identity.principal, 'supervision.rules');
    const rules = await new RulesRepository(store).latest(filter?.check ? [filter.check] : undefined);
    return rules.filter(
      (rule: RuleModel) => (filter?.type == null || rule.type === filter.type) && (filter?.enabled == null || rule.enabled === filter.enabled),
    );
  },
  async supervisionRule(_parent, { code, version }, { identity, loaders, store }) {
    authorize(identity.principal, 'supervision.rules');
    if (version != null && (!Number.isInteger(version) || version < 1)) throw badUserInput('version', 'must be 1 or more');
    const rule = await new RulesRepository(store).version(code, version ?? null);
    if (rule) loaders.ruleVersion.prime(ruleVersionKey(rule.code, rule.version), rule);
    return rule;
  },
};

export const ruleMutations: Pick<MutationResolvers, 'createSupervisionRule' | 'updateSupervisionRule'> = {
  async createSupervisionRule(_parent, { code, input, reason }, { identity, store, sources, now }) {
    authorize(identity.principal, 'supervision.rules.write');
    checkRuleCode(code);
    const content = await ruleContent(input, reason, identity.principal.subject, sources.catalog);
    return store.transaction(async (tx) => {
      const repository = new RulesRepository(tx);
      await assertNotCovered(repository, content, null);
      if (!(await repository.create(code, content, now()))) throw badUserInput('code', `a rule ${code} exists; make a new version of it instead`);
      await rescheduleFor(tx, [content], now);
      await logRuleWrite(tx, identity, code, now);
      return (await repository.version(code, 1))!;
    });
  },
  async updateSupervisionRule(_parent, { code, input, expectedVersion, reason }, { identity, store, sources, now }) {
    authorize(identity.principal, 'supervision.rules.write');
    const content = await ruleContent(input, reason, identity.principal.subject, sources.catalog);
    return store.transaction(async (tx) => {
      const repository = new RulesRepository(tx);
      const latest = await repository.lockLatest(code);
      if (latest === null) throw badUserInput('code', `there is no rule ${code}`);
      if (expectedVersion !== latest) throw versionConflict('expectedVersion', latest, expectedVersion);
      const current = (await repository.version(code, latest))!;
      // Alerts name the rule that raised them; a rule that started watching something else would make its history lie.
      if (current.check !== content.check) throw badUserInput('input.check', `rule ${code} checks ${current.check}; create a new rule for ${content.check}`);
      await assertNotCovered(repository, content, code);
      await repository.addVersion(code, latest + 1, content, now());
      await rescheduleFor(tx, [current, content], now);
      await logRuleWrite(tx, identity, code, now);
      return (await repository.version(code, latest + 1))!;
    });
  },
};
