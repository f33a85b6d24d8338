/**
 * The models the exchange subgraph's resolvers pass around; codegen.ts maps the GraphQL types to
 * them (generated/resolvers-types.ts).
 */
import type { Page } from '../../lib/graphql/pagination.ts';
import type { DepartmentCaseStatus, DepartmentLicense } from '../legacy-query/fields.ts';
import type { EvidenceCheck, EvidenceEntry } from './evidence.ts';

/** ExchangeMessage: an entry of the evidence log. */
export type ExchangeMessageModel = EvidenceEntry;

/** ExchangeMessageConnection: one page of entries, newest first. */
export type ExchangeMessagePageModel = Page<EvidenceEntry>;

/** EvidenceLogVerification: the result of recomputing the hash chain. */
export type EvidenceLogVerificationModel = EvidenceCheck;

/** DepartmentLicense / DepartmentCaseStatus: as a wrapped legacy query service answered (adapters/legacy-query). */
export type DepartmentLicenseModel = DepartmentLicense;
export type DepartmentCaseStatusModel = DepartmentCaseStatus;
