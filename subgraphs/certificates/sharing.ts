import { appendAccess } from '../../lib/audit/accessLog.ts';
import { authorize } from '../../lib/auth/authorize.ts';
import { checkCertificateIdentifier } from '../../lib/codes/certificateId.ts';
import { badUserInput, forbidden } from '../../lib/errors.ts';
import { decodeCursor, encodeCursor, fetchPage, pageSize } from '../../lib/graphql/pagination.ts';
import { TERMINAL_STATES, type CaseState } from '../cases/domain/states.ts';
import { checkCaseNumber } from '../cases/domain/caseNumber.ts';
import { CERTIFICATE_FIELDS, holderCodesOf } from './access.ts';
import type { Context } from './context.ts';
import type { CaseFacts } from '../cases/client/caseFacts.ts';
import { ID_TYPE_OF } from './issuance.ts';
import type { CertificateModel, CertificateReadModel, CertificateReadPageModel } from './models.ts';
import { CertificatesRepository, type ReadPosition } from './repository.ts';

/**
 * Purpose-bound sharing (减材料): instead of asking a citizen or a company for a copy, staff of an
 * agency read the certificate the applicant of one of their open cases holds, stating why. Each
 * read is written to the access audit log and to certificate_read in one transaction, and the
 * holder lists them (myCertificateReads).
 *
 * The case is read from the cases subgraph (caseFacts). Only the case's applicant counts as
 * the holder, not its agent: an agent applies on the applicant's behalf, and the certificates the
 * case needs are the applicant's.
 */

export const MIN_PURPOSE = 2;
export const MAX_PURPOSE = 200;

/** One answer for an unknown certificate and for one the applicant does not hold: identifiers cannot be probed. */
const NOT_THE_APPLICANTS = 'the certificate is not one the case’s applicant holds';
/** One answer for an unknown case and for another agency's case. */
const NOT_YOUR_CASE = 'caseNumber is not a case of your agency';

/** The purpose, trimmed, 2–200 characters. */
export function validatePurpose(purpose: string): string {
  const trimmed = purpose.trim();
  const length = [...trimmed].length;
  if (length < MIN_PURPOSE || length > MAX_PURPOSE) {
    throw badUserInput('purpose', `should be ${MIN_PURPOSE}–${MAX_PURPOSE} characters saying why the certificate is needed`);
  }
  return trimmed;
}

/** Why a read for this case is refused, or null when the case allows it. Pure. */
export function sharingProblem(agency: string, facts: CaseFacts | null, certificate: CertificateModel | null): string | null {
  if (facts === null || (facts.owningAgency !== agency && !facts.participatingAgencies.includes(agency))) return NOT_YOUR_CASE;
  if (TERMINAL_STATES.has(facts.state as CaseState)) return `the case is closed (state ${facts.state}): only an open case may read certificates`;
  if (certificate === null) return NOT_THE_APPLICANTS;
  const { applicant } = facts;
  const holder = certificate.holder;
  if (applicant.idType !== ID_TYPE_OF[holder.codeType] || applicant.idNumber.toUpperCase() !== holder.code) return NOT_THE_APPLICANTS;
  return null;
}

/** sharedCertificate(identifier, caseNumber, purpose): staff, for an open case of their agency. */
export async function sharedCertificate(context: Context, identifier: string, caseNumber: string, purpose: string): Promise<CertificateModel> {
  const { principal } = context.identity;
  authorize(principal, 'certificate.readShared');
  const agency = principal.agency!;
  const stated = validatePurpose(purpose);
  const idCheck = checkCertificateIdentifier(identifier);
  if (!idCheck.ok) throw badUserInput('identifier', idCheck.reason, '1.2.156.3005.2.{type}.{issuer}.{serial}.{version}.{check}');
  const caseCheck = checkCaseNumber(caseNumber);
  if (!caseCheck.ok) throw badUserInput('caseNumber', caseCheck.reason, '32 characters: implementation code (24) + year (2) + sequence (6)');

  const facts = await context.cases.caseFacts(caseNumber);
  const certificate = await context.loaders.certificate.load(identifier);
  const problem = sharingProblem(agency, facts, certificate);
  if (problem !== null) throw forbidden(problem);

  const at = context.now();
  // The purpose of this read is the one stated with it (the X-Access-Purpose header, if any, is not).
  const identity = { ...context.identity, meta: { ...context.identity.meta, purpose: stated } };
  await context.store.transaction(async (tx) => {
    const entry = await appendAccess(
      tx,
      identity,
      { action: 'READ', resourceType: 'certificate', resourceId: identifier, fields: [...CERTIFICATE_FIELDS, `case:${caseNumber}`] },
      () => at,
    );
    await new CertificatesRepository(tx).insertRead({
      at: at.toISOString(),
      identifier,
      typeCode: certificate!.typeCode,
      holder: { codeType: certificate!.holder.codeType, code: certificate!.holder.code },
      readerSubject: principal.subject,
      readerName: principal.name,
      readerAgency: agency,
      caseNumber,
      purpose: stated,
      accessLogSequence: entry.sequence,
    });
  });
  return certificate!;
}

/** A reads cursor is `<at>|<id>`. */
const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|(\d{1,18})$/;
const cursorOf = (read: CertificateReadModel) => encodeCursor(`${read.at}|${read.id}`);

function position(key: string | null): ReadPosition | null {
  if (key === null) return null;
  const [, at, id] = CURSOR.exec(key)!;
  return { at: at!, id: id! };
}

/** myCertificateReads: the holder (and an agent for whom it acts) lists the purpose-bound reads, newest first. */
export async function myCertificateReads(context: Context, first: number | null | undefined, after: string | null | undefined): Promise<CertificateReadPageModel> {
  const { principal } = context.identity;
  authorize(principal, 'certificate.readOwn');
  const size = pageSize(first);
  const from = position(decodeCursor(after, (key) => CURSOR.test(key) && !Number.isNaN(Date.parse(key.slice(0, 24)))));
  const holders = holderCodesOf(principal);
  const page = await fetchPage(size, (limit) => (holders.length === 0 ? Promise.resolve([]) : context.repository.readsOfHolders(holders, limit, from)));
  return { nodes: page.nodes, hasNextPage: page.hasNextPage, cursorOf };
}
