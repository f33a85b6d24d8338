import { checkCitizenId } from '../codes/citizenId.ts';
import { checkUscc } from '../codes/uscc.ts';

/**
 * Who is asking. Built by the gateway from a verified OIDC access token and carried to every
 * subgraph inside the gateway's own short-lived internal token. Subgraphs authorise against it;
 * they never see the client's token.
 */
export const PRINCIPAL_KINDS = [
  'ANONYMOUS',
  'NATURAL_PERSON',
  'LEGAL_PERSON',
  'STAFF',
  'DEPARTMENT_SYSTEM',
  'AUDITOR',
  'CATALOG_ADMIN',
  /**
   * A Tongban subgraph calling another (cases delivering a result, reading a guide). Never from an
   * access token: only a subgraph's own service key can vouch for it (internalToken.ts).
   */
  'SERVICE',
] as const;
export type PrincipalKind = (typeof PRINCIPAL_KINDS)[number];

/** The roles staff hold on a case's steps: 受理, 审核, 审批. */
export const STEP_ROLES = ['ACCEPT', 'REVIEW', 'APPROVE'] as const;
export type StepRole = (typeof STEP_ROLES)[number];

/** Whom an agent (代理人) acts for. */
export interface Represented {
  kind: 'NATURAL_PERSON' | 'LEGAL_PERSON';
  /** Citizen ID for a natural person, USCC for a legal person. */
  code: string;
  name: string;
}

export interface Principal {
  subject: string;
  kind: PrincipalKind;
  name: string | null;
  /** 18-digit citizen ID (GB 11643) of a natural person, an agent or a staff member. */
  idNumber: string | null;
  /** USCC of a legal person. */
  uscc: string | null;
  /** USCC of the agency a staff member or a departmental system belongs to. */
  agency: string | null;
  roles: string[];
  /** 实名等级 1–4: 1 self-declared, 2 checked against the ID register, 3 plus face or bank card, 4 in person. */
  realNameLevel: number | null;
  actingFor: Represented | null;
  /** The OAuth client the token was issued to. */
  clientId: string | null;
}

export const ANONYMOUS: Principal = Object.freeze({
  subject: 'anonymous',
  kind: 'ANONYMOUS',
  name: null,
  idNumber: null,
  uscc: null,
  agency: null,
  roles: [],
  realNameLevel: null,
  actingFor: null,
  clientId: null,
}) as Principal;

export class PrincipalError extends Error {}

const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/**
 * Maps the claims of a verified access token to a Principal, refusing tokens whose identity data
 * is inconsistent (a citizen without a valid ID number, staff without an agency, …). The claim
 * names are Tongban's contract with the identity provider; docs/identity.md lists them.
 */
export function principalFromClaims(claims: Record<string, unknown>): Principal {
  const subject = str(claims['sub']);
  if (!subject) throw new PrincipalError('token has no subject');
  const kind = claims['tongban_kind'];
  if (typeof kind !== 'string' || !(PRINCIPAL_KINDS as readonly string[]).includes(kind) || kind === 'ANONYMOUS' || kind === 'SERVICE') {
    throw new PrincipalError('token has no valid tongban_kind claim');
  }
  const principal: Principal = {
    subject,
    kind: kind as PrincipalKind,
    name: str(claims['name']),
    idNumber: str(claims['id_number']),
    uscc: str(claims['uscc']),
    agency: str(claims['agency']),
    roles: Array.isArray(claims['roles']) ? claims['roles'].filter((role): role is string => typeof role === 'string') : [],
    realNameLevel: typeof claims['real_name_level'] === 'number' ? claims['real_name_level'] : null,
    actingFor: representedOf(claims['acting_for']),
    clientId: str(claims['client_id']) ?? str(claims['azp']),
  };
  assertConsistent(principal);
  return principal;
}

function representedOf(value: unknown): Represented | null {
  if (value === null || value === undefined) return null;
  const record = value as Record<string, unknown>;
  const kind = record['kind'];
  const code = str(record['code']);
  const name = str(record['name']);
  if ((kind !== 'NATURAL_PERSON' && kind !== 'LEGAL_PERSON') || !code || !name) {
    throw new PrincipalError('acting_for must name a natural or legal person with code and name');
  }
  const check = kind === 'NATURAL_PERSON' ? checkCitizenId(code) : checkUscc(code);
  if (!check.ok) throw new PrincipalError(`acting_for.code: ${check.reason}`);
  return { kind, code, name };
}

function assertConsistent(principal: Principal): void {
  if (principal.idNumber) {
    const check = checkCitizenId(principal.idNumber);
    if (!check.ok) throw new PrincipalError(`id_number: ${check.reason}`);
  }
  for (const [field, value] of [['uscc', principal.uscc], ['agency', principal.agency]] as const) {
    if (!value) continue;
    const check = checkUscc(value);
    if (!check.ok) throw new PrincipalError(`${field}: ${check.reason}`);
  }
  if (principal.realNameLevel !== null && ![1, 2, 3, 4].includes(principal.realNameLevel)) {
    throw new PrincipalError('real_name_level must be 1–4');
  }
  switch (principal.kind) {
    case 'NATURAL_PERSON':
      if (!principal.idNumber) throw new PrincipalError('a natural person needs id_number');
      break;
    case 'LEGAL_PERSON':
      if (!principal.uscc) throw new PrincipalError('a legal person needs uscc');
      break;
    case 'STAFF':
    case 'DEPARTMENT_SYSTEM':
      if (!principal.agency) throw new PrincipalError(`${principal.kind.toLowerCase()} needs agency`);
      break;
    default:
      break;
  }
}
