import { accessLogConnection } from '../../../lib/audit/resolvers.ts';
import { DateScalar, JSONObjectScalar } from '../../../lib/graphql/scalars.ts';
import type { Resolvers } from '../generated/resolvers-types.ts';
import { CaseResult } from './CaseResult.ts';
import { Certificate } from './Certificate.ts';
import { CertificateConnection } from './CertificateConnection.ts';
import { CertificateRead, CertificateReadConnection } from './CertificateRead.ts';
import { CertificateType } from './CertificateType.ts';
import { CertificateVerification } from './CertificateVerification.ts';
import { Mutation } from './Mutation.ts';
import { Query } from './Query.ts';
import { SealKey } from './SealKey.ts';

export const resolvers: Resolvers = {
  Date: DateScalar,
  JSONObject: JSONObjectScalar,
  Query,
  Mutation,
  AccessLogConnection: accessLogConnection,
  Certificate,
  CertificateType,
  CertificateConnection,
  CertificateRead,
  CertificateReadConnection,
  CertificateVerification,
  SealKey,
  CaseResult,
};
