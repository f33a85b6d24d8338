import type { JWK } from 'jose';
import type { CertificatesRepository, StoredSealKey } from './repository.ts';
import { generateSealKey } from './seal.ts';

/**
 * Each issuing agency's seal keys. An agency gets its first key on its first issuance; rotation
 * retires the current key for signing and makes a new one. Retired keys stay in the table and in
 * the JWKS, so every certificate they sealed stays verifiable.
 *
 * The private keys live in the subgraph's own table: that is the embedded default. Production keeps
 * seal keys in an HSM or a KMS, where the private half never leaves the device and only signing
 * requests go in; `seal()` is the one place that would call it.
 */

/** The agency's current signing key, created on first use. Run inside the issuance's transaction. */
export async function signingKey(repository: CertificatesRepository, agency: string, at: Date): Promise<StoredSealKey> {
  const current = await repository.currentSealKey(agency);
  if (current !== null) return current;
  // A concurrent first issuance may insert first: ON CONFLICT waits for it, and the re-read sees its key.
  await repository.insertSealKey({ ...(await generateSealKey()), agency, at: at.toISOString() });
  const created = await repository.currentSealKey(agency);
  if (created === null) throw new Error(`seal_key: no current key for ${agency} after inserting one`);
  return created;
}

/** Retires the agency's current key and makes a new one. Run inside a transaction. */
export async function rotateSealKey(repository: CertificatesRepository, agency: string, at: Date): Promise<StoredSealKey> {
  await repository.retireSealKeys(agency, at.toISOString());
  return signingKey(repository, agency, at);
}

/** A published seal key as the JWKS lists it. */
export interface PublishedSealKey extends JWK {
  kid: string;
  alg: 'ES256';
  use: 'sig';
  /** USCC of the agency whose seal it is. */
  agency: string;
  created_at: string;
  retired_at?: string;
}

/** Every seal key ever used, current and retired: the JWKS a third party verifies seals with. */
export async function publishedSealKeys(repository: CertificatesRepository): Promise<{ keys: PublishedSealKey[] }> {
  const keys = await repository.allSealKeys();
  return {
    keys: keys.map((key) => ({
      kty: key.publicJwk.kty,
      crv: key.publicJwk.crv,
      x: key.publicJwk.x,
      y: key.publicJwk.y,
      kid: key.kid,
      alg: 'ES256',
      use: 'sig',
      agency: key.agency,
      created_at: key.createdAt,
      ...(key.retiredAt === null ? {} : { retired_at: key.retiredAt }),
    })),
  };
}
