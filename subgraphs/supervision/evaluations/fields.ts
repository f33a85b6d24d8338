import { authorize } from '../../../lib/auth/authorize.ts';
import { decide, identityCodes } from '../../../lib/auth/policy.ts';
import type { Principal } from '../../../lib/auth/principal.ts';
import { forbidden } from '../../../lib/errors.ts';
import { pageSize } from '../../../lib/graphql/pagination.ts';
import type { CaseResolvers, MutationResolvers, QueryResolvers } from '../generated/resolvers-types.ts';
import * as actions from './actions.ts';
import type { EvaluationLoaders } from './loaders.ts';
import type { EvaluationModel } from './model.ts';
import { evaluationsOfApplicant, listDeadlines, listTasks } from './repository.ts';
import { ownersOf } from './rules.ts';
import { evaluateCase } from './submit.ts';

/** The applicant (or its agent), staff of the agency evaluated, auditors: evaluation.read. */
export function mayReadEvaluation(principal: Principal, evaluation: EvaluationModel): boolean {
  return decide(principal, 'evaluation.read', { owners: ownersOf(evaluation), agency: evaluation.agency }).allowed;
}

export const evaluationQueries: Pick<QueryResolvers, 'rectificationTasks' | 'rectificationDeadlines' | 'myEvaluations'> = {
  async rectificationTasks(_parent, { filter, first }, { identity, store }) {
    const { principal } = identity;
    const limit = pageSize(first);
    const scope = authorize(principal, 'supervision.read', filter?.agency ? { agency: filter.agency } : undefined);
    const agency = scope === 'agency' ? principal.agency : (filter?.agency ?? null);
    const states = filter?.states?.length ? filter.states : null;
    return listTasks(store, { agency, states, limit });
  },

  async rectificationDeadlines(_parent, _args, { identity, store }) {
    authorize(identity.principal, 'supervision.rules');
    return listDeadlines(store);
  },

  async myEvaluations(_parent, { first }, { identity, store }) {
    const { principal } = identity;
    const limit = pageSize(first);
    if (authorize(principal, 'evaluation.read') !== 'own') throw forbidden("myEvaluations lists the signed-in applicant's own evaluations");
    return evaluationsOfApplicant(store, identityCodes(principal), limit);
  },
};

export const evaluationMutations: Pick<
  MutationResolvers,
  'evaluateCase' | 'answerRectification' | 'closeRectification' | 'appealEvaluation' | 'decideEvaluationAppeal' | 'setRectificationDeadline'
> = {
  async evaluateCase(_parent, { input }, context) {
    const { evaluation, task } = await evaluateCase(context, input);
    context.loaders.rectificationByEvaluation.prime(evaluation.id, task);
    context.loaders.appealByEvaluation.prime(evaluation.id, null);
    return evaluation;
  },
  answerRectification: (_parent, { id, input }, context) => actions.answerRectification(context, id, input),
  closeRectification: (_parent, { id, expectedVersion, note }, context) => actions.closeRectification(context, id, expectedVersion, note),
  appealEvaluation: (_parent, { id, reason }, context) => actions.appealEvaluation(context, id, reason),
  decideEvaluationAppeal: (_parent, { id, uphold, decision }, context) => actions.decideEvaluationAppeal(context, id, uphold, decision),
  setRectificationDeadline: (_parent, { region, workingDays }, context) => actions.setRectificationDeadline(context, region, workingDays),
};

async function visibleEvaluations(caseNumber: string, principal: Principal, loaders: Pick<EvaluationLoaders, 'evaluationsByCase'>) {
  return (await loaders.evaluationsByCase.load(caseNumber)).filter((evaluation) => mayReadEvaluation(principal, evaluation));
}

/** Case.evaluations and Case.evaluation: what the caller may read of them, nothing (not an error) otherwise. */
export const caseEvaluationFields: Pick<CaseResolvers, 'evaluations' | 'evaluation'> = {
  evaluations: (entity, _args, { identity, loaders }) => visibleEvaluations(entity.caseNumber, identity.principal, loaders),
  evaluation: async (entity, _args, { identity, loaders }) => (await visibleEvaluations(entity.caseNumber, identity.principal, loaders))[0] ?? null,
};
