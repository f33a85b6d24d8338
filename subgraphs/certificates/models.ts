/**
 * What the certificates subgraph's resolvers pass around. A certificate type (证照目录 entry) says
 * which fields a certificate of that type carries (照面信息), who may hold and who may issue it, and
 * how long it is valid; a certificate is one issued document, sealed by its issuer.
 */

/** 持证主体代码类型 (GB/T 36904 practice): 111 居民身份证号码, 001 统一社会信用代码. */
export const HOLDER_CODE_TYPES = ['111', '001'] as const;
export type HolderCodeType = (typeof HOLDER_CODE_TYPES)[number];

export const HOLDER_CODE_TYPE_NAMES: Readonly<Record<HolderCodeType, string>> = {
  '111': '居民身份证',
  '001': '统一社会信用代码',
};

export const SURFACE_FIELD_TYPES = ['STRING', 'DATE', 'INTEGER', 'ENUM', 'ADDRESS'] as const;
export type SurfaceFieldType = (typeof SURFACE_FIELD_TYPES)[number];

/** One field of 照面信息. */
export interface SurfaceField {
  /** The key in surfaceData, e.g. `vehicleClass`. */
  name: string;
  /** As printed on the certificate, e.g. 准驾车型. */
  label: string;
  type: SurfaceFieldType;
  required: boolean;
  /** STRING and ADDRESS: the longest value accepted (default 200). */
  maxLength?: number;
  /** ENUM: the values accepted. */
  values?: string[];
}

export interface CertificateTypeModel {
  /** The defining authority's USCC + a 3-digit sequence, 21 characters. */
  typeCode: string;
  name: string;
  holderCodeTypes: HolderCodeType[];
  /** USCCs of the agencies that may issue certificates of this type. */
  issuingAgencies: string[];
  /** 实施编码 of the guides whose results are certificates of this type. */
  implementationCodes: string[];
  surfaceFields: SurfaceField[];
  /** Longest validity in years (validUntil required); null: valid until revoked or cancelled (validUntil optional). */
  validityYears: number | null;
  /** Sample data (seeds/certificates/types.ts), not an authority's published catalogue. */
  sample: boolean;
}

/** ACTIVE, REVOKED, CANCELLED and SUPERSEDED are stored; EXPIRED is an ACTIVE certificate past validUntil. */
export const STORED_STATUSES = ['ACTIVE', 'REVOKED', 'CANCELLED', 'SUPERSEDED'] as const;
export type StoredStatus = (typeof STORED_STATUSES)[number];
export type CertificateStatus = StoredStatus | 'EXPIRED';

export interface HolderModel {
  codeType: HolderCodeType;
  code: string;
  name: string;
}

/** What an issuance fixes about a certificate: the data its seal covers, and where it came from. */
export interface IssuanceRecord {
  typeCode: string;
  /** USCC of the issuing agency (发证机关). */
  issuer: string;
  holder: HolderModel;
  surfaceData: Record<string, unknown>;
  issuedOn: string;
  validFrom: string;
  validUntil: string | null;
  caseNumber: string | null;
  documentNumber: string | null;
}

export interface CertificateModel extends IssuanceRecord {
  identifier: string;
  serial: string;
  version: number;
  status: StoredStatus;
  statusReason: string | null;
  /** ISO 8601, UTC. */
  statusChangedAt: string | null;
  /** Subject of whoever revoked, cancelled or replaced it. */
  statusChangedBy: string | null;
  supersedes: string | null;
  supersededBy: string | null;
  sealKeyId: string;
  sealedToken: string;
  issuedBy: string;
  createdAt: string;
  /** ISSUED here, or IMPORTED (证照汇聚) and sealed on import. */
  source: CertificateSource;
}

export const CERTIFICATE_SOURCES = ['ISSUED', 'IMPORTED'] as const;
export type CertificateSource = (typeof CERTIFICATE_SOURCES)[number];

/** One purpose-bound read (减材料), as certificate_read keeps it. */
export interface CertificateReadModel {
  id: string;
  /** ISO 8601, UTC. */
  at: string;
  identifier: string;
  typeCode: string;
  holder: { codeType: HolderCodeType; code: string };
  readerSubject: string;
  readerName: string | null;
  readerAgency: string;
  caseNumber: string;
  purpose: string;
  accessLogSequence: number;
}

export interface CertificateReadPageModel {
  nodes: CertificateReadModel[];
  hasNextPage: boolean;
  cursorOf(node: CertificateReadModel): string;
}

export interface SealKeyModel {
  kid: string;
  agency: string;
  algorithm: 'ES256';
  createdAt: string;
  retiredAt: string | null;
}

export const VERIFICATION_STATUSES = [
  'VALID',
  'NOT_YET_VALID',
  'EXPIRED',
  'REVOKED',
  'CANCELLED',
  'SUPERSEDED',
  'TAMPERED',
  'UNKNOWN',
  'INVALID',
] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

/** What verifyCertificate answers: no personal data, only validity, issuer and the seal. */
export interface VerificationModel {
  status: VerificationStatus;
  reason: string;
  identifier: string | null;
  issuer: string | null;
  sealKeyId: string | null;
  typeName: string | null;
  validFrom: string | null;
  validUntil: string | null;
  supersededBy: string | null;
  checkedOn: string;
}

/** An entity of the results subgraph, by key. */
export interface CaseResultRefModel {
  caseNumber: string;
}

export interface CertificatePageModel {
  nodes: CertificateModel[];
  hasNextPage: boolean;
  cursorOf(node: CertificateModel): string;
}

export type { AccessLogEntry as AccessLogEntryModel } from '../../lib/audit/accessLog.ts';
export type { AccessLogPage as AccessLogPageModel } from '../../lib/audit/resolvers.ts';
