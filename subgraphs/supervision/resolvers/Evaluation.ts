import { isBadReview, LEVEL_NAMES } from '../evaluations/rules.ts';
import type { EvaluationResolvers } from '../generated/resolvers-types.ts';

/**
 * An Evaluation is reached only through fields that checked the caller may read it (Case.evaluations,
 * myEvaluations, the mutations), so its task and appeal need no check of their own.
 */
export const Evaluation: EvaluationResolvers = {
  case: (evaluation) => ({ caseNumber: evaluation.caseNumber }),
  agency: (evaluation) => ({ uscc: evaluation.agency }),
  levelName: (evaluation) => LEVEL_NAMES[evaluation.level],
  good: (evaluation) => !isBadReview(evaluation.level),
  indicators: (evaluation) => evaluation.indicators,
  rectification: (evaluation, _args, { loaders }) => loaders.rectificationByEvaluation.load(evaluation.id),
  appeal: (evaluation, _args, { loaders }) => loaders.appealByEvaluation.load(evaluation.id),
};
