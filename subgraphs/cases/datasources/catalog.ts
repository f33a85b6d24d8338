import type { ServiceClient } from '../../../lib/http/serviceClient.ts';
import type { TimeLimit } from '../domain/processRecord.ts';
import type { CaseKind } from '../domain/states.ts';

/**
 * What a case needs of the guide it is filed under, read from the catalog subgraph over HTTP (the
 * catalog's tables are the catalog's). Captured at submission and stored with the case, so the
 * case is handled under the guide version that was in force then, whatever the guide says later.
 */
export interface GuideMaterial {
  id: string;
  name: string;
  /** REQUIRED or CONDITIONAL (情形 decides). */
  requirement: string;
  /** 容缺受理: the case may be accepted while this material is missing. */
  deferrable: boolean;
}

export interface GuideTerms {
  implementationCode: string;
  name: string;
  version: number;
  status: 'ACTIVE' | 'CANCELLED';
  agency: string;
  agencyName: string;
  itemType: string;
  caseKind: Extract<CaseKind, 'IMMEDIATE' | 'PROMISED'>;
  jointAgencies: string[];
  legalLimit: TimeLimit | null;
  promisedLimit: TimeLimit | null;
  /** Per-step limits from the guide's process, by the catalog's step kind (REVIEW, DECIDE …). */
  stepLimits: Record<string, TimeLimit>;
  materials: GuideMaterial[];
  resultName: string;
  /** 依法应公示结果: the results of this guide's cases are published (结果公示). */
  publishResults: boolean;
  /**
   * 是否收费, and the highest standard amount of its fee items in yuan (null: no item states a
   * number). What supervision's fee-compliance rule checks a charged fee against. Optional: guide
   * terms stored with cases before fees were captured have none (see guideFee in supervision/observation.ts).
   */
  fee?: GuideFee;
}

export interface GuideFee {
  charged: boolean;
  maxAmountYuan: number | null;
}

const GUIDE_QUERY = /* GraphQL */ `
  query GuideTerms($code: ID!) {
    serviceGuide(implementationCode: $code) {
      implementationCode
      name
      status
      version { number }
      agency { uscc name }
      caseKind
      legalTimeLimit { value unit }
      promisedTimeLimit { value unit }
      jointAgencies { uscc }
      process { kind timeLimit { value unit } }
      result { name public }
      fees { charged items { amountYuan } }
      item { type materials { id name requirement deferrable } }
    }
  }
`;

interface GuideResponse {
  serviceGuide: {
    implementationCode: string;
    name: string;
    status: 'ACTIVE' | 'CANCELLED';
    version: { number: number };
    agency: { uscc: string; name: string };
    caseKind: 'IMMEDIATE' | 'PROMISED';
    legalTimeLimit: TimeLimit | null;
    promisedTimeLimit: TimeLimit | null;
    jointAgencies: Array<{ uscc: string }>;
    process: Array<{ kind: string; timeLimit: TimeLimit | null }>;
    result: { name: string; public: boolean };
    fees: { charged: boolean; items: Array<{ amountYuan: number | null }> };
    item: { type: string; materials: GuideMaterial[] };
  } | null;
}

export interface CatalogSource {
  /** The guide in force today, or null when there is none. */
  guideTerms(implementationCode: string): Promise<GuideTerms | null>;
}

export function catalogSource(client: ServiceClient): CatalogSource {
  return {
    async guideTerms(implementationCode) {
      const { serviceGuide: guide } = await client.request<GuideResponse>(GUIDE_QUERY, { code: implementationCode });
      if (guide === null) return null;
      const stepLimits: Record<string, TimeLimit> = {};
      for (const step of guide.process) if (step.timeLimit && stepLimits[step.kind] === undefined) stepLimits[step.kind] = step.timeLimit;
      return {
        implementationCode: guide.implementationCode,
        name: guide.name,
        version: guide.version.number,
        status: guide.status,
        agency: guide.agency.uscc,
        agencyName: guide.agency.name,
        itemType: guide.item.type,
        caseKind: guide.caseKind,
        jointAgencies: guide.jointAgencies.map((agency) => agency.uscc).filter((uscc) => uscc !== guide.agency.uscc),
        legalLimit: guide.legalTimeLimit,
        promisedLimit: guide.promisedTimeLimit,
        stepLimits,
        materials: guide.item.materials,
        resultName: guide.result.name,
        publishResults: guide.result.public,
        fee: { charged: guide.fees.charged, maxAmountYuan: maxAmount(guide.fees.items) },
      };
    },
  };
}

/** The highest stated amount of the fee items; null when none states one (收费标准 in words only). */
function maxAmount(items: ReadonlyArray<{ amountYuan: number | null }>): number | null {
  const amounts = items.map((item) => item.amountYuan).filter((amount): amount is number => amount !== null);
  return amounts.length === 0 ? null : Math.max(...amounts);
}
