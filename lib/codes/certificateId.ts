import { ALPHANUMERIC, alphanumericValue } from './alphanumeric.ts';
import { fail, pass } from './check.ts';
import type { CodeCheck } from './check.ts';
import { checkUscc } from './uscc.ts';

/** Fixed OID arc of electronic licence identifiers (GB/T 36904 practice). */
export const CERTIFICATE_OID_PREFIX = '1.2.156.3005.2';

/** ISO/IEC 7064 MOD 37,36 (hybrid) check character over 0-9A-Z. Throws on other characters. */
export function mod37_36CheckChar(s: string): string {
  let p = 36;
  for (const c of s) {
    const v = alphanumericValue(c);
    if (v < 0) throw new RangeError(`'${c}' is not in 0-9A-Z`);
    p = (p + v) % 36;
    if (p === 0) p = 36;
    p = (p * 2) % 37;
  }
  return ALPHANUMERIC[(37 - p) % 36]!;
}

export interface CertificateIdentifierParts {
  /** Defining authority's USCC followed by a 3-digit sequence, 21 characters. */
  typeCode: string;
  issuerUscc: string;
  /** 1-40 characters from 0-9A-Z. */
  serial: string;
  /** 1-999, written as 3 digits. */
  version: number;
}

const SERIAL = /^[0-9A-Z]{1,40}$/;

/**
 * The check covers type, issuer, serial and version without dots, not the fixed
 * OID arc: that is the reading under which DESIGN's two published identifiers validate.
 */
function checkedBody(typeCode: string, issuerUscc: string, serial: string, version: string): string {
  return `${typeCode}${issuerUscc}${serial}${version}`;
}

/** Builds an identifier. Throws RangeError on invalid parts (a programming error). */
export function makeCertificateIdentifier(parts: CertificateIdentifierParts): string {
  const { typeCode, issuerUscc, serial, version } = parts;
  if (!Number.isInteger(version) || version < 1 || version > 999) throw new RangeError('version should be 1-999');
  const versionText = String(version).padStart(3, '0');
  const check = mod37_36CheckChar(checkedBody(typeCode, issuerUscc, serial, versionText));
  const id = [CERTIFICATE_OID_PREFIX, typeCode, issuerUscc, serial, versionText, check].join('.');
  const result = checkCertificateIdentifier(id);
  if (!result.ok) throw new RangeError(result.reason);
  return id;
}

/**
 * Validates `1.2.156.3005.2.{type}.{issuer USCC}.{serial}.{version}.{check}`.
 * Embedded USCCs are checked legacy-tolerantly: an issued licence stays valid
 * even when its issuer's early USCC fails its own check, so that is only a warning.
 */
export function checkCertificateIdentifier(id: string): CodeCheck {
  if (!id.startsWith(`${CERTIFICATE_OID_PREFIX}.`)) return fail(`expected prefix ${CERTIFICATE_OID_PREFIX}.`);
  const parts = id.slice(CERTIFICATE_OID_PREFIX.length + 1).split('.');
  if (parts.length !== 5) return fail('expected type, issuer, serial, version and check separated by dots');
  const [typeCode, issuerUscc, serial, version, check] = parts as [string, string, string, string, string];
  const warnings: string[] = [];

  if (!/^.{18}\d{3}$/.test(typeCode)) return fail('type should be a USCC followed by 3 digits');
  const definer = checkUscc(typeCode.slice(0, 18), { legacyTolerant: true });
  if (!definer.ok) return fail(`type USCC: ${definer.reason}`);
  if (definer.warning !== undefined) warnings.push(`type USCC: ${definer.warning}`);

  const issuer = checkUscc(issuerUscc, { legacyTolerant: true });
  if (!issuer.ok) return fail(`issuer USCC: ${issuer.reason}`);
  if (issuer.warning !== undefined) warnings.push(`issuer USCC: ${issuer.warning}`);

  if (!SERIAL.test(serial)) return fail('serial should be 1-40 characters from 0-9A-Z');
  if (!/^\d{3}$/.test(version) || version === '000') return fail('version should be 3 digits from 001');
  if (!/^[0-9A-Z]$/.test(check)) return fail('check should be one character from 0-9A-Z');

  const expected = mod37_36CheckChar(checkedBody(typeCode, issuerUscc, serial, version));
  if (check !== expected) return fail(`check character should be '${expected}'`);
  return pass(warnings.length === 0 ? undefined : warnings.join('; '));
}
