import type { GuideFigures } from '../datasources/catalog.ts';
import { EVALUATION_LEVELS, isBadReview } from '../evaluations/rules.ts';
import type { CountByKey, EvaluationLevel, Figure } from '../generated/resolvers-types.ts';

/**
 * Each figure's formula in words. The same sentences are in the docs (docs/supervision-figures.md),
 * and every Figure the API answers carries its own, so a reader of a number never has to guess how
 * it was made.
 */
export const FORMULAS = {
  onTimeRate:
    '按时办结率 = cases completed in the period that have a promised due date and whose period ended (decision, else completion) on or before it ÷ cases completed in the period that have a promised due date',
  averageHandlingWorkingDays:
    '平均办理时间 = Σ handling working days ÷ cases completed in the period after an acceptance; handling working days = working days after the acceptance date up to and including the completion date, on the calendar version of the case’s deadline, less the days special procedures (行政许可法 art. 45) took out of its deadline',
  p90HandlingWorkingDays:
    '办理时间 P90 = the k-th smallest handling working days of the n cases completed in the period after an acceptance, k = ⌈0.9 × n⌉ (nearest rank: a time some case actually took)',
  handlingToPromisedRatio:
    '办理时间与承诺时限之比 = Σ handling working days ÷ Σ promised limits, over the cases completed in the period after an acceptance whose promised limit is in working days (= average handling time ÷ average promised limit of the same cases)',
  onlineAcceptanceRate: '网上受理率 = cases accepted in the period that were applied for ONLINE or MOBILE ÷ cases accepted in the period',
  promisedToLegalCompression:
    '减时间 (承诺时限压缩比) = 1 − Σ promised limits ÷ Σ legal limits, over the license (行政许可) guides in scope that state both limits in the same unit (a guide whose two limits are in different units is left out)',
  immediateShare: '即办程度 = guides in scope that are 即办件 (IMMEDIATE) ÷ guides in scope',
  averageVisits: '减跑动 = Σ 到办事现场次数 of the guides in scope ÷ guides in scope',
  goodReviewRate: '好评率 = counted evaluations given in the period that are 非常满意, 满意 or 基本满意 ÷ counted evaluations given in the period (an evaluation whose appeal was upheld is not counted)',
} as const;

export type FormulaName = keyof typeof FORMULAS;

/** numerator ÷ denominator; null when nothing was counted. */
export function ratio(name: FormulaName, numerator: number, denominator: number): Figure {
  return { value: denominator === 0 ? null : numerator / denominator, numerator, denominator, formula: FORMULAS[name] };
}

/** 90th percentile by nearest rank: a value that actually occurred, never an interpolation between two cases. */
export function p90(name: FormulaName, values: readonly number[]): Figure {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil(0.9 * sorted.length);
  return { value: rank === 0 ? null : sorted[rank - 1]!, numerator: rank, denominator: sorted.length, formula: FORMULAS[name] };
}

/** Counts by key, in the order of `keys` (zeros kept, so charts keep their categories), others after. */
export function countsByKey(keys: readonly string[], counts: ReadonlyMap<string, number>): CountByKey[] {
  const extra = [...counts.keys()].filter((key) => !keys.includes(key)).sort();
  return [...keys, ...extra].map((key) => ({ key, count: counts.get(key) ?? 0 }));
}

const DEPTH_LEVELS = ['I', 'II', 'III', 'IV'] as const;

/** The 2019 index's figures that come from the guides themselves (not from cases). */
export interface GuideIndexFigures {
  promisedToLegalCompression: Figure;
  immediateShare: Figure;
  averageVisits: Figure;
  onlineDepthLevels: CountByKey[];
}

export function guideIndexFigures(guides: readonly GuideFigures[]): GuideIndexFigures {
  let promised = 0;
  let legal = 0;
  for (const guide of guides) {
    if (guide.itemType !== 'LICENSE' || !guide.promisedLimit || !guide.legalLimit) continue;
    if (guide.promisedLimit.unit !== guide.legalLimit.unit) continue;
    promised += guide.promisedLimit.value;
    legal += guide.legalLimit.value;
  }
  const compression = ratio('promisedToLegalCompression', promised, legal);
  const depths = new Map<string, number>();
  for (const guide of guides) {
    const level = DEPTH_LEVELS[guide.onlineDepth - 1] ?? String(guide.onlineDepth);
    depths.set(level, (depths.get(level) ?? 0) + 1);
  }
  return {
    promisedToLegalCompression: { ...compression, value: compression.value === null ? null : 1 - compression.value },
    immediateShare: ratio('immediateShare', guides.filter((guide) => guide.caseKind === 'IMMEDIATE').length, guides.length),
    averageVisits: ratio('averageVisits', guides.reduce((sum, guide) => sum + guide.visits, 0), guides.length),
    onlineDepthLevels: countsByKey(DEPTH_LEVELS, depths),
  };
}

export interface EvaluationFigures {
  evaluationLevels: CountByKey[];
  goodReviewRate: Figure;
}

/** 好差评 by level (every level listed) and 好评率: the three good levels over all counted. */
export function evaluationFigures(counts: Readonly<Record<EvaluationLevel, number>>): EvaluationFigures {
  const total = EVALUATION_LEVELS.reduce((sum, level) => sum + counts[level], 0);
  const good = EVALUATION_LEVELS.filter((level) => !isBadReview(level)).reduce((sum, level) => sum + counts[level], 0);
  return {
    evaluationLevels: countsByKey(EVALUATION_LEVELS, new Map(Object.entries(counts))),
    goodReviewRate: ratio('goodReviewRate', good, total),
  };
}
