import { appendAccess } from '../../lib/audit/accessLog.ts';
import { authorize } from '../../lib/auth/authorize.ts';
import type { Scope } from '../../lib/auth/policy.ts';
import type { Principal } from '../../lib/auth/principal.ts';
import type { Context } from './context.ts';
import type { CertificateModel, HolderCodeType } from './models.ts';

/** The personal fields a certificate read discloses, for the access audit log. */
export const CERTIFICATE_FIELDS = ['holder', 'surfaceData'];

/** The holders the principal may act as: itself (by its code kind) and whom it acts for. */
export function holderCodesOf(principal: Principal): Array<{ codeType: HolderCodeType; code: string }> {
  const codes: Array<{ codeType: HolderCodeType; code: string }> = [];
  if (principal.kind === 'NATURAL_PERSON' && principal.idNumber) codes.push({ codeType: '111', code: principal.idNumber });
  if (principal.kind === 'LEGAL_PERSON' && principal.uscc) codes.push({ codeType: '001', code: principal.uscc });
  if (principal.actingFor) codes.push({ codeType: principal.actingFor.kind === 'NATURAL_PERSON' ? '111' : '001', code: principal.actingFor.code });
  return codes;
}

/** True when the principal is the holder itself (not an agent, not an official). */
export function isHolder(principal: Principal, certificate: CertificateModel): boolean {
  const own = principal.kind === 'NATURAL_PERSON' ? principal.idNumber : principal.kind === 'LEGAL_PERSON' ? principal.uscc : null;
  const ownType = principal.kind === 'NATURAL_PERSON' ? '111' : '001';
  return own !== null && certificate.holder.code === own && certificate.holder.codeType === ownType;
}

function mayRead(principal: Principal, scope: Scope, certificate: CertificateModel): boolean {
  switch (scope) {
    case 'all':
      return true;
    case 'agency':
      return principal.agency !== null && principal.agency === certificate.issuer;
    case 'own':
      return holderCodesOf(principal).some((holder) => holder.codeType === certificate.holder.codeType && holder.code === certificate.holder.code);
    default:
      return false;
  }
}

/**
 * Every way to a certificate goes through here: certificate(identifier), the entity reference,
 * CaseResult.certificate, supersedes/supersededBy, myCertificates. The holder (or its agent), the
 * issuing agency and auditors read it whole; anyone else gets null, so identifiers cannot be
 * probed. A read by anyone but the holder lands in the access audit log before the data leaves.
 */
export async function readable(context: Context, certificate: CertificateModel | null): Promise<CertificateModel | null> {
  const { principal } = context.identity;
  const scope = authorize(principal, 'certificate.read');
  if (certificate === null || !mayRead(principal, scope, certificate)) return null;
  if (!isHolder(principal, certificate)) {
    await appendAccess(context.store, context.identity, {
      action: 'READ',
      resourceType: 'certificate',
      resourceId: certificate.identifier,
      fields: CERTIFICATE_FIELDS,
    });
  }
  return certificate;
}
