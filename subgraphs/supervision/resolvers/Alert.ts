import type { AlertResolvers } from '../generated/resolvers-types.ts';
import { ruleVersionKey } from '../rules/loaders.ts';

export const Alert: AlertResolvers = {
  case: (alert) => (alert.caseNumber === null ? null : { caseNumber: alert.caseNumber }),
  agency: (alert) => ({ uscc: alert.agency }),
  // The version that raised it: rule versions are immutable, so it always exists.
  rule: async (alert, _args, { loaders }) => (await loaders.ruleVersion.load(ruleVersionKey(alert.ruleCode, alert.ruleVersion)))!,
};
