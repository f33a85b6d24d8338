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
 * What issuing a certificate from a case, and a purpose-bound read for a case (减材料), need to know
 * of it, read from the cases subgraph over HTTP as this subgraph (its service key), never from the
 * cases tables. Behind an interface: unit tests give a fake, the platform the real subgraph.
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

/** The service query the cases subgraph answers for this subgraph only (@inaccessible there). */
export const CASE_FACTS_QUERY = /* GraphQL */ `
  query CaseForCertificate($caseNumber: ID!) {
    caseForCertificate(caseNumber: $caseNumber) {
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
        const { caseForCertificate } = await client.request<{ caseForCertificate: CaseFacts | null }>(CASE_FACTS_QUERY, { caseNumber });
        return caseForCertificate;
      } catch (error) {
        // The case could not be read: the issuance waits rather than trusting what it cannot check.
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
    throw new GraphQLError('Issuing from a case needs the cases subgraph, which this service was started without', {
      extensions: { code: ERROR_CODES.SUBGRAPH_UNAVAILABLE, serviceName: 'cases' },
    });
  },
};
