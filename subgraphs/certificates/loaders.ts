import DataLoader from 'dataloader';
import type { JWK } from 'jose';
import type { CertificateModel, CertificateTypeModel } from './models.ts';
import type { CertificatesRepository } from './repository.ts';

/** The loaders of one request; one statement per batch. */
export interface CertificatesLoaders {
  certificate: DataLoader<string, CertificateModel | null>;
  /** By case number: the case's active certificate, else its newest. */
  certificateOfCase: DataLoader<string, CertificateModel | null>;
  type: DataLoader<string, CertificateTypeModel | null>;
  /** A seal's public key by kid (retired keys included). */
  sealPublicKey: DataLoader<string, JWK | null>;
}

function byKey<K, V>(keys: readonly K[], values: V[], keyOf: (value: V) => K): Array<V | null> {
  const found = new Map(values.map((value) => [keyOf(value), value]));
  return keys.map((key) => found.get(key) ?? null);
}

export function createLoaders(repository: CertificatesRepository): CertificatesLoaders {
  return {
    certificate: new DataLoader(async (identifiers) =>
      byKey(identifiers, await repository.certificatesByIdentifier(identifiers), (certificate) => certificate.identifier),
    ),
    certificateOfCase: new DataLoader(async (caseNumbers) =>
      byKey(caseNumbers, await repository.certificatesByCase(caseNumbers), (certificate) => certificate.caseNumber!),
    ),
    type: new DataLoader(async (typeCodes) => byKey(typeCodes, await repository.typesByCode(typeCodes), (type) => type.typeCode)),
    sealPublicKey: new DataLoader(async (kids) => {
      const keys = await repository.sealKeysByKid(kids);
      return byKey(kids, keys, (key) => key.kid).map((key) => key?.publicJwk ?? null);
    }),
  };
}
