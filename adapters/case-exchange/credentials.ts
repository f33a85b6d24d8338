import { SEED_DEPARTMENT_SYSTEMS } from '../../seeds/identity/principals.ts';

/**
 * Who may push with a WS-Security UsernameToken: clientId (the token's Username) → the agency it
 * pushes for and its password. The password is needed in clear because PasswordDigest is a hash
 * over nonce, time and password that the service must recompute.
 *
 * Production: EXCHANGE_CREDENTIALS, a JSON object
 * `{ "<clientId>": { "agency": "<USCC>", "password": "…" } }`. Development default: one entry per
 * seeded departmental system (seeds/identity/principals.ts), password `dev-only-soap-<clientId>`.
 */
export interface ExchangeCredential {
  agency: string;
  password: string;
}

export type ExchangeCredentials = ReadonlyMap<string, ExchangeCredential>;

const USCC = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** Validates the EXCHANGE_CREDENTIALS object; throws naming the first bad entry. */
export function parseCredentials(value: unknown): ExchangeCredentials {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error('EXCHANGE_CREDENTIALS: expected a JSON object { clientId: { agency, password } }');
  }
  const out = new Map<string, ExchangeCredential>();
  for (const [clientId, entry] of Object.entries(value as Record<string, unknown>)) {
    const record = entry as Record<string, unknown> | null;
    const agency = record?.['agency'];
    const password = record?.['password'];
    if (!/^[A-Za-z0-9._-]{1,64}$/.test(clientId)) throw new Error(`EXCHANGE_CREDENTIALS: client id '${clientId.slice(0, 64)}' is not 1–64 of A-Z a-z 0-9 . _ -`);
    if (typeof agency !== 'string' || !USCC.test(agency)) throw new Error(`EXCHANGE_CREDENTIALS: ${clientId}.agency must be an 18-character USCC`);
    if (typeof password !== 'string' || password.length < 12) throw new Error(`EXCHANGE_CREDENTIALS: ${clientId}.password must be at least 12 characters`);
    out.set(clientId, { agency, password });
  }
  return out;
}

/** DEVELOPMENT ONLY: the seeded departmental systems with published passwords. */
export function developmentCredentials(): ExchangeCredentials {
  return new Map(
    SEED_DEPARTMENT_SYSTEMS.map((system) => [system.clientId, { agency: system.agency!, password: `dev-only-soap-${system.clientId}` }]),
  );
}
