import type { AccessRecord } from '../../../lib/audit/accessLog.ts';
import { decide, identityCodes } from '../../../lib/auth/policy.ts';
import type { Principal } from '../../../lib/auth/principal.ts';
import type { Context } from '../context.ts';
import type { ComplaintModel } from './model.ts';

/** Whether the reader may read this complaint: auditors all, the agency complained about, the complainant. */
export function mayRead(principal: Principal, complaint: Pick<ComplaintModel, 'agency' | 'complainantCodes'>): boolean {
  return decide(principal, 'complaint.read', { agency: complaint.agency, owners: complaint.complainantCodes }).allowed;
}

/**
 * Whether the reader sees who complained: auditors and the complainant do; the agency complained
 * about reads the complaint with the name and phone masked (it answers the matter, not the person).
 */
export function seesComplainant(principal: Principal, complaint: Pick<ComplaintModel, 'complainantCodes'>): boolean {
  if (principal.kind === 'AUDITOR') return true;
  const codes = identityCodes(principal);
  return (principal.kind === 'NATURAL_PERSON' || principal.kind === 'LEGAL_PERSON') && complaint.complainantCodes.some((code) => codes.includes(code));
}

/** The access-log entry for reading a complaint's complainant: name, and phone when there is one. */
export function complainantRead(complaint: ComplaintModel): AccessRecord {
  return {
    action: 'READ',
    resourceType: 'complaint',
    resourceId: complaint.id,
    fields: complaint.complainantPhone === null ? ['complainantName'] : ['complainantName', 'complainantPhone'],
  };
}

/**
 * Logs the complaints whose complainant a reader sees other than the complainant themself (an
 * auditor): their name and phone are personal data, and every disclosure of it lands in the access
 * audit log, one entry per complaint, one transaction per request tick (the complainantReads loader).
 */
export async function logComplainantReads(context: Pick<Context, 'identity' | 'loaders'>, complaints: readonly ComplaintModel[]): Promise<void> {
  if (context.identity.principal.kind !== 'AUDITOR') return;
  await Promise.all(complaints.map((complaint) => context.loaders.complainantReads.load(complaint)));
}
