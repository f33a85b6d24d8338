import { authorize } from '../../../lib/auth/authorize.ts';
import { badUserInput } from '../../../lib/errors.ts';
import { decodeCursor, fetchPage, pageSize } from '../../../lib/graphql/pagination.ts';
import { departmentCaseStatus, departmentLicenses } from '../../legacy-query/fields.ts';
import { listEvidence, verifyEvidenceChain, type EvidenceFilter } from '../evidence.ts';
import type { QueryResolvers } from '../generated/resolvers-types.ts';

const isSequence = (key: string) => /^\d{1,15}$/.test(key);

export const Query: QueryResolvers = {
  async exchangeMessages(_parent, args, { identity, store }) {
    authorize(identity.principal, 'exchange.read');
    const size = pageSize(args.first);
    const before = decodeCursor(args.after, isSequence);
    const filter: EvidenceFilter = { caseNumber: args.filter?.caseNumber, outcome: args.filter?.status, sender: args.filter?.sender };
    return fetchPage(size, (limit) => listEvidence(store, filter, limit, before === null ? null : Number(before)));
  },
  exchangeMessage(_parent, { messageId }, { identity, loaders }) {
    authorize(identity.principal, 'exchange.read');
    return loaders.byMessageId.load(messageId);
  },
  verifyEvidenceLog(_parent, _args, { identity, store }) {
    authorize(identity.principal, 'exchange.read');
    return verifyEvidenceChain(store);
  },
  departmentLicenses(_parent, args, { identity, legacyQueries }) {
    authorize(identity.principal, 'legacy.query');
    if (!legacyQueries) throw badUserInput('agency', `no departmental query service of agency ${args.agency} answers this`);
    return departmentLicenses(legacyQueries, args.agency, args.holderCode);
  },
  departmentCaseStatus(_parent, args, { identity, legacyQueries }) {
    authorize(identity.principal, 'legacy.query');
    if (!legacyQueries) throw badUserInput('agency', `no departmental query service of agency ${args.agency} answers this`);
    return departmentCaseStatus(legacyQueries, args.agency, args.caseNumber);
  },
};
