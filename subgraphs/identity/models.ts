import type { Principal } from '../../lib/auth/principal.ts';

export type PrincipalModel = Principal;

export interface PersonModel {
  subject: string;
  name: string;
  idNumber: string;
  phone: string | null;
  realNameLevel: number | null;
  masked: boolean;
}

export type { AccessLogEntry as AccessLogEntryModel } from '../../lib/audit/accessLog.ts';

export type { AccessLogPage as AccessLogPageModel } from '../../lib/audit/resolvers.ts';
