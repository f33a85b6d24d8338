import { authorize } from '../../../lib/auth/authorize.ts';
import { caseAlertFields } from '../alerts/fields.ts';
import { caseComplaintFields } from '../complaints/fields.ts';
import { caseEvaluationFields } from '../evaluations/fields.ts';
import type { CaseResolvers } from '../generated/resolvers-types.ts';
import { caseHistoryFields } from '../history/fields.ts';
import { caseOrderFields } from '../orders/fields.ts';

/**
 * Supervision's fields of a Case. The cases subgraph owns the case and decides who may read it; the
 * gateway asks here only for a Case it already answered to the same caller. What is checked here is
 * the part of 'case.read' that needs no knowledge of the case; each field then applies its own
 * rule (alerts and orders are the agency's and the auditors', an evaluation the applicant's too).
 */
export const Case: CaseResolvers = {
  __resolveReference(reference, { identity }) {
    authorize(identity.principal, 'case.read');
    return reference;
  },
  ...caseAlertFields,
  ...caseOrderFields,
  ...caseComplaintFields,
  ...caseEvaluationFields,
  ...caseHistoryFields,
};
