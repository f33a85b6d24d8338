import { authorize } from '../../../lib/auth/authorize.ts';
import { identityCodes } from '../../../lib/auth/policy.ts';
import { badUserInput } from '../../../lib/errors.ts';
import type { CaseResolvers, MutationResolvers, QueryResolvers } from '../generated/resolvers-types.ts';
import { firstOf, usccOf } from '../workflow/input.ts';
import { logComplainantReads, mayRead } from './access.ts';
import { actOnComplaint } from './act.ts';
import { fileComplaint } from './file.ts';
import { listComplaints } from './repository.ts';

/** Complaints: auditors read all, staff their agency's, a person their own (complaint.read). */
export const complaintQueries: Pick<QueryResolvers, 'complaints' | 'complaint'> = {
  async complaints(_parent, { filter, first }, context) {
    const { identity, store, loaders } = context;
    const { principal } = identity;
    const agency = filter?.agency == null ? null : usccOf('filter.agency', filter.agency);
    const scope = authorize(principal, 'complaint.read', agency === null ? {} : { agency });
    if (scope === 'own' && agency !== null) throw badUserInput('filter.agency', 'lists only your own complaints; filter them by state or channel');
    const complaints = await listComplaints(
      store,
      {
        agency: scope === 'agency' ? principal.agency : agency,
        owners: scope === 'own' ? identityCodes(principal) : null,
        states: filter?.states ?? null,
        channel: filter?.channel ?? null,
      },
      firstOf(first),
    );
    for (const complaint of complaints) loaders.complaint.prime(complaint.id, complaint);
    await logComplainantReads(context, complaints);
    return complaints;
  },
  async complaint(_parent, { id }, context) {
    const { principal } = context.identity;
    authorize(principal, 'complaint.read');
    const complaint = await context.loaders.complaint.load(id);
    if (complaint === null) return null;
    authorize(principal, 'complaint.read', { agency: complaint.agency, owners: complaint.complainantCodes });
    await logComplainantReads(context, [complaint]);
    return complaint;
  },
};

export const complaintMutations: Pick<MutationResolvers, 'fileComplaint' | 'actOnComplaint'> = {
  fileComplaint: (_parent, { input }, context) => fileComplaint(context, input),
  actOnComplaint: (_parent, { id, action, input }, context) => actOnComplaint(context, id, action, input),
};

/** Case.complaints: auditors all, the agency complained about its own, a person the complaints they filed. */
export const caseComplaintFields: Pick<CaseResolvers, 'complaints'> = {
  async complaints(parent, _args, context) {
    const complaints = (await context.loaders.complaintsByCase.load(parent.caseNumber)).filter((complaint) => mayRead(context.identity.principal, complaint));
    await logComplainantReads(context, complaints);
    return complaints;
  },
};
