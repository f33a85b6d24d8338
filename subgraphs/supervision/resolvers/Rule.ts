import type { RuleResolvers } from '../generated/resolvers-types.ts';
import { RULE_TYPE_NAMES } from '../rules/model.ts';

export const Rule: RuleResolvers = {
  typeName: (rule) => RULE_TYPE_NAMES[rule.type],
  versions: (rule, _args, { loaders }) => loaders.ruleVersions.load(rule.code),
};
