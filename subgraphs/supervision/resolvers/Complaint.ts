import { maskName, maskPhone } from '../../../lib/auth/mask.ts';
import { chinaDate } from '../../../lib/time.ts';
import { seesComplainant } from '../complaints/access.ts';
import { COMPLAINT_STATE_NAMES } from '../complaints/model.ts';
import { complaintOverdue } from '../complaints/overdue.ts';
import type { ComplaintResolvers } from '../generated/resolvers-types.ts';

/** The complainant's name and phone, and their own steps' handler name, are masked for the agency. */
export const Complaint: ComplaintResolvers = {
  agency: (complaint) => ({ uscc: complaint.agency }),
  case: (complaint) => (complaint.caseNumber === null ? null : { caseNumber: complaint.caseNumber }),
  complainantName: (complaint, _args, { identity }) => (seesComplainant(identity.principal, complaint) ? complaint.complainantName : maskName(complaint.complainantName)),
  complainantPhone: (complaint, _args, { identity }) =>
    complaint.complainantPhone === null || seesComplainant(identity.principal, complaint) ? complaint.complainantPhone : maskPhone(complaint.complainantPhone),
  stateName: (complaint) => COMPLAINT_STATE_NAMES[complaint.state],
  overdue: (complaint, _args, { now }) => complaintOverdue(complaint, chinaDate(now())),
  async steps(complaint, _args, { identity, loaders }) {
    const steps = await loaders.complaintSteps.load(complaint.id);
    if (seesComplainant(identity.principal, complaint)) return steps;
    return steps.map((step) =>
      step.handlerId === complaint.complainantSubject && step.handlerName !== null ? { ...step, handlerName: maskName(step.handlerName) } : step,
    );
  },
};
