import type { Context } from '../context.ts';

/**
 * What an order or a complaint about a case is about, as the alert engine targets it: the agency
 * responsible, the region and item of the implementation, and the case's applicant and agent (who
 * may complain about it).
 */
export interface CaseTarget {
  caseNumber: string;
  agency: string;
  region: string;
  implementationCode: string;
  itemType: string | null;
  itemName: string;
  /** ID numbers (citizen ID or USCC) of the applicant and the agent. */
  parties: string[];
  /** True when itemName is what the catalog answered just now (the case was not yet projected), so asking again would tell nothing new. */
  itemNameFromCatalog: boolean;
}

const present = (code: string | null | undefined): code is string => typeof code === 'string' && code !== '';

/**
 * A case by number: from supervision's own projection (supervised_case) when it has observed the
 * case, else from the cases subgraph's facts (an observation still on its way). Null for no case.
 */
export async function caseTarget(context: Pick<Context, 'loaders' | 'sources'>, caseNumber: string): Promise<CaseTarget | null> {
  const supervised = await context.loaders.supervisedCase.load(caseNumber);
  if (supervised !== null) {
    return {
      caseNumber,
      agency: supervised.agency,
      region: supervised.region,
      implementationCode: supervised.implementationCode,
      itemType: supervised.itemType,
      itemName: supervised.guide.name,
      parties: [supervised.applicantIdNumber, supervised.agentIdNumber].filter(present),
      itemNameFromCatalog: false,
    };
  }
  const facts = await context.sources.cases.caseFacts(caseNumber);
  if (facts === null) return null;
  const guide = await context.sources.catalog.guide(facts.implementationCode);
  return {
    caseNumber,
    agency: facts.owningAgency,
    region: facts.implementationCode.slice(0, 6),
    implementationCode: facts.implementationCode,
    itemType: guide?.itemType ?? null,
    itemName: guide?.name ?? facts.implementationCode,
    parties: [facts.applicant.idNumber, facts.agent?.idNumber].filter(present),
    itemNameFromCatalog: true,
  };
}
