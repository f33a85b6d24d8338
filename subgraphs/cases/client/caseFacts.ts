import { GraphQLError } from 'graphql';
import { ERROR_CODES } from '../../../lib/errors.ts';
import { ServiceCallError, type ServiceClient } from '../../../lib/http/serviceClient.ts';

/** The applicant or agent of a case, as the cases subgraph names them. */
export interface CaseParty {
  /** NATURAL_PERSON or LEGAL_PERSON. */
  kind: string;
  name: string;
  /** CITIZEN_ID, USCC, … (the cases subgraph's IdType). */
  idType: string;
  idNumber: string;
}

/**
 * What other subgraphs need to know of a case — the certificates subgraph issuing from it or
 * checking a purpose-bound read (减材料), supervision checking who may evaluate it (好差评) — read
 * from the cases subgraph over HTTP as the calling subgraph (its service key), never from the cases
 * tables. The cases subgraph answers `caseFacts` to those services only. Behind an interface: unit
 * tests give a fake, the platform the real subgraph.
 */
export interface CaseFacts {
  caseNumber: string;
  /** CaseState, e.g. COMPLETED. */
  state: string;
  /** USCC of the agency that handled the case. */
  owningAgency: string;
  /** USCCs of the other agencies of a joint case (联办件); empty otherwise. */
  participatingAgencies: string[];
  implementationCode: string;
  applicant: CaseParty;
  /** 代理人, when someone applied for the applicant. */
  agent: CaseParty | null;
  /** Null until the case has completed with a result. */
  result: {
    /** ResultKind, e.g. CERTIFICATE_ISSUED. */
    kind: string;
    completedAt: string;
    documentName: string | null;
    documentNumber: string | null;
  } | null;
}

export interface CasesSource {
  /** The case's facts, or null when the cases subgraph knows no such case. */
  caseFacts(caseNumber: string): Promise<CaseFacts | null>;
}

/** The service query the cases subgraph answers for its service callers only (@inaccessible there). */
export const CASE_FACTS_QUERY = /* GraphQL */ `
  query CaseFacts($caseNumber: ID!) {
    caseFacts(caseNumber: $caseNumber) {
      caseNumber
      state
      owningAgency
      participatingAgencies
      implementationCode
      applicant { kind name idType idNumber }
      agent { kind name idType idNumber }
      result { kind completedAt documentName documentNumber }
    }
  }
`;

export function casesSource(client: ServiceClient): CasesSource {
  return {
    async caseFacts(caseNumber) {
      try {
        const { caseFacts } = await client.request<{ caseFacts: CaseFacts | null }>(CASE_FACTS_QUERY, { caseNumber });
        return caseFacts;
      } catch (error) {
        // The case could not be read: the caller waits rather than trusting what it cannot check.
        if (error instanceof ServiceCallError) {
          throw new GraphQLError('The cases subgraph could not be asked about the case; try again later', {
            extensions: { code: ERROR_CODES.SUBGRAPH_UNAVAILABLE, serviceName: 'cases' },
          });
        }
        throw error;
      }
    },
  };
}

/** A source that knows no case: for a subgraph started without the cases subgraph (tests of other parts). */
export const NO_CASES: CasesSource = {
  async caseFacts() {
    throw new GraphQLError('This needs the cases subgraph, which this service was started without', {
      extensions: { code: ERROR_CODES.SUBGRAPH_UNAVAILABLE, serviceName: 'cases' },
    });
  },
};
