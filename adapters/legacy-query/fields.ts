import { GraphQLError } from 'graphql';
import { badUserInput, ERROR_CODES } from '../../lib/errors.ts';
import { LegacyQueryError, type LegacyQueries, type LegacyQueryService } from './legacyQuery.ts';

/**
 * The graph fields over wrapped legacy query services: `departmentLicenses` and
 * `departmentCaseStatus` of the `exchange` subgraph. A slow, failing or circuit-broken service
 * makes its field null with a SUBGRAPH_UNAVAILABLE error naming the service; the rest of the query
 * answers.
 */

export interface DepartmentLicense {
  agency: string;
  licenseNumber: string;
  name: string;
  holderName: string;
  holderCode: string;
  issuedAt: string | null;
  status: string;
  caseNumber: string | null;
  implementationCode: string | null;
}

export interface DepartmentCaseStatus {
  agency: string;
  caseNumber: string;
  found: boolean;
  implementationCode: string | null;
  itemName: string | null;
  status: string | null;
  statusName: string | null;
  receivedAt: string | null;
  updatedAt: string | null;
  licenseNumber: string | null;
}

const text = (v: unknown): string | null => {
  if (v === undefined || v === null) return null;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object' && '$value' in (v as object)) return text((v as { $value: unknown }).$value);
  return String(v);
};
const list = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);

/** The GraphQL error of a failed call: the department's service is unavailable (or refused the question). */
export function legacyError(error: unknown, service: LegacyQueryService): GraphQLError {
  const name = service.config.name;
  if (error instanceof LegacyQueryError && error.failure === 'CLIENT_FAULT') {
    return badUserInput('arguments', `${name} refused the query (${error.details.faultCode ?? 'Client fault'})`);
  }
  const failure = error instanceof LegacyQueryError ? error.failure : 'SERVER';
  const retryAfterMs = error instanceof LegacyQueryError ? error.details.retryAfterMs : undefined;
  return new GraphQLError(`The department service ${name} is unavailable (${failure})`, {
    extensions: {
      code: ERROR_CODES.SUBGRAPH_UNAVAILABLE,
      // The gateway sets serviceName to the subgraph (`exchange`); legacyService keeps the department's.
      serviceName: name,
      legacyService: name,
      reason: failure,
      ...(retryAfterMs !== undefined ? { retryAfter: Math.max(1, Math.ceil(retryAfterMs / 1000)) } : {}),
    },
  });
}

function serviceOf(queries: LegacyQueries, agency: string, operation: 'licensesByHolder' | 'caseStatus') {
  const service = queries.forAgency(agency);
  const op = service?.config.operations[operation];
  if (!service || !op) throw badUserInput('agency', `no departmental query service of agency ${agency} answers this`);
  return { service, op };
}

function required(field: string, value: string, max = 64): string {
  const v = value.trim();
  if (v === '' || v.length > max) throw badUserInput(field, `should be 1 to ${max} characters`);
  return v;
}

export async function departmentLicenses(queries: LegacyQueries, agency: string, holderCode: string): Promise<DepartmentLicense[]> {
  const holder = required('holderCode', holderCode);
  const { service, op } = serviceOf(queries, agency, 'licensesByHolder');
  let result: unknown;
  try {
    result = await service.call(op.operation, { [op.argument]: holder });
  } catch (error) {
    throw legacyError(error, service);
  }
  const licenses = list((result as { Licenses?: { License?: unknown } } | null)?.Licenses?.License);
  return licenses.map((entry) => {
    const l = (entry ?? {}) as Record<string, unknown>;
    return {
      agency: service.config.agency,
      licenseNumber: text(l.LicenseNumber) ?? '',
      name: text(l.Name) ?? '',
      holderName: text(l.HolderName) ?? '',
      holderCode: text(l.HolderCode) ?? holder,
      issuedAt: text(l.IssuedAt),
      status: text(l.Status) ?? 'UNKNOWN',
      caseNumber: text(l.CaseNumber),
      implementationCode: text(l.ImplementationCode),
    };
  });
}

export async function departmentCaseStatus(queries: LegacyQueries, agency: string, caseNumber: string): Promise<DepartmentCaseStatus> {
  const number = required('caseNumber', caseNumber);
  const { service, op } = serviceOf(queries, agency, 'caseStatus');
  let result: unknown;
  try {
    result = await service.call(op.operation, { [op.argument]: number });
  } catch (error) {
    throw legacyError(error, service);
  }
  const r = (result ?? {}) as Record<string, unknown>;
  const found = r.Found === true || r.Found === 'true' || r.Found === '1';
  return {
    agency: service.config.agency,
    caseNumber: text(r.CaseNumber) ?? number,
    found,
    implementationCode: text(r.ImplementationCode),
    itemName: text(r.ItemName),
    status: text(r.Status),
    statusName: text(r.StatusName),
    receivedAt: text(r.ReceivedAt),
    updatedAt: text(r.UpdatedAt),
    licenseNumber: text(r.LicenseNumber),
  };
}
