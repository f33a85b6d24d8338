import { authorize } from '../../../lib/auth/authorize.ts';
import type { Context } from '../context.ts';
import { evaluationLevelCounts, type EvaluationScope } from '../evaluations/figures.ts';
import type { EfficiencyFigures, QueryEfficiencyFiguresArgs } from '../generated/resolvers-types.ts';
import type { GuideScope } from '../datasources/catalog.ts';
import { alertFigures } from './alertFigures.ts';
import { caseFigures } from './caseFigures.ts';
import { evaluationFigures, guideIndexFigures } from './formulas.ts';
import { catalogRegion, checkPeriod, checkScope, type Scope } from './scope.ts';

/**
 * 效能统计 (seed 001 §7(5)) and the 2019 index's figures (seed 004) of one agency, region, guide or basic item
 * over a period: the cases and alerts from supervision's own store, the guides from the catalog,
 * the evaluations from 好差评. Auditors ask for any scope; staff for their own agency only.
 */
export async function efficiencyFigures(context: Context, args: QueryEfficiencyFiguresArgs): Promise<EfficiencyFigures> {
  const { principal } = context.identity;
  authorize(principal, 'supervision.read');
  const period = checkPeriod(args.period);
  const scope = await checkScope(args.scope, context.sources.catalog);
  authorize(principal, 'supervision.read', { agency: scope.kind === 'agency' ? scope.agency : null });
  const [cases, alerts, guides, evaluations] = await Promise.all([
    caseFigures(context.store, scope, period, context.sources.calendar),
    alertFigures(context.store, scope, period),
    scope.kind === 'guides' ? scope.guides : context.sources.catalog.guidesInScope(catalogScope(scope)),
    evaluationLevelCounts(context.store, evaluationScope(scope), period.from, period.to),
  ]);
  return { period: { from: period.from, to: period.to }, ...cases, ...alerts, ...guideIndexFigures(guides), ...evaluationFigures(evaluations) };
}

function evaluationScope(scope: Scope): EvaluationScope {
  switch (scope.kind) {
    case 'agency':
      return { agency: scope.agency };
    case 'region':
      return { regionPrefix: scope.prefix };
    case 'guides':
      return { implementationCodes: scope.implementationCodes };
  }
}

/** The catalog's filter for an agency or region; a guides scope carries its guides already. */
function catalogScope(scope: Scope & { kind: 'agency' | 'region' }): GuideScope {
  return scope.kind === 'agency' ? { agency: scope.agency } : { region: catalogRegion(scope.prefix) };
}
