import type { ItemType } from '../../../lib/codes/index.ts';
import { LEGAL_LEVELS } from '../../../subgraphs/catalog/guide/content.ts';
import type { LegalBasis } from '../../../subgraphs/catalog/guide/content.ts';
import { BASIS_RULES, LAWS, PROVISIONS } from './legalBasisData.ts';
import type { BasisRule, ProvisionKey } from './legalBasisData.ts';

export interface BasisSubject {
  name: string;
  group: string;
  type: ItemType;
}

// 行政许可法 art. 42 sets the licence limit the sample guides state, so licences cite it too.
const LICENSE_LIMIT: ProvisionKey = 'licensing 第四十二条';
const FALLBACK: ProvisionKey = 'countyCatalog （示例数据：条款待核实）';

function matches(rule: BasisRule, subject: BasisSubject): boolean {
  if (rule.groups !== undefined && !rule.groups.includes(subject.group)) return false;
  return rule.keywords.length === 0 || rule.keywords.some((k) => subject.name.includes(k));
}

/** The rule that decides an item's legal basis, or undefined when only the fallback applies. */
export function basisRuleOf(subject: BasisSubject): BasisRule | undefined {
  return BASIS_RULES.find((rule) => matches(rule, subject));
}

export function provision(key: ProvisionKey): LegalBasis {
  const p = PROVISIONS[key];
  const law = LAWS[p.law];
  return { level: law.level, title: law.title, documentNumber: law.documentNumber, issuedOn: law.issuedOn, article: p.article, text: p.text };
}

/** An item's legal bases, highest level first as seed 003 lists them (a stable sort keeps rule order within a level). */
export function legalBasisOf(subject: BasisSubject): LegalBasis[] {
  const keys = [...(basisRuleOf(subject)?.cites ?? [FALLBACK])];
  if (subject.type === 'LICENSE' && !keys.includes(LICENSE_LIMIT)) keys.push(LICENSE_LIMIT);
  return keys.map(provision).sort((a, b) => LEGAL_LEVELS.indexOf(a.level) - LEGAL_LEVELS.indexOf(b.level));
}
