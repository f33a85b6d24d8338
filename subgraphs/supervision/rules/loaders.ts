import DataLoader from 'dataloader';
import type { Store } from '../../../lib/db/store.ts';
import type { RuleModel } from './model.ts';
import { RulesRepository } from './repository.ts';

export interface RuleLoaders {
  /** One version by `code@version` (Alert.rule names the version that raised it). */
  ruleVersion: DataLoader<string, RuleModel | null>;
  /** Every version of a rule, oldest first (Rule.versions). */
  ruleVersions: DataLoader<string, RuleModel[]>;
}

export const ruleVersionKey = (code: string, version: number) => `${code}@${version}`;

export function ruleLoaders(store: Store): RuleLoaders {
  const repository = new RulesRepository(store);
  return {
    ruleVersion: new DataLoader(async (keys) => {
      const parsed = keys.map((key) => {
        const at = key.lastIndexOf('@');
        return { code: key.slice(0, at), version: Number(key.slice(at + 1)) };
      });
      const found = new Map((await repository.versionsByKey(parsed)).map((rule) => [ruleVersionKey(rule.code, rule.version), rule]));
      return keys.map((key) => found.get(key) ?? null);
    }),
    ruleVersions: new DataLoader(async (codes) => {
      const byCode = new Map<string, RuleModel[]>();
      for (const rule of await repository.allVersions(codes)) {
        const list = byCode.get(rule.code);
        if (list) list.push(rule);
        else byCode.set(rule.code, [rule]);
      }
      return codes.map((code) => byCode.get(code) ?? []);
    }),
  };
}
