import type { CaseStatusResolvers } from '../generated/resolvers-types.ts';
import { STEP_STATUS_NAMES, CASE_STATE_NAMES } from '../domain/states.ts';

/** 结果反馈: names, states and times only; the applicant, forms and opinions stay out. */
export const CaseStatus: CaseStatusResolvers = {
  caseNumber: (row) => row.caseNumber,
  name: (row) => row.guideTerms.name,
  state: (row) => row.snapshot.state,
  stateName: (row) => CASE_STATE_NAMES[row.snapshot.state],
  agency: (row) => ({ uscc: row.snapshot.owningAgency }),
  submittedAt: (row) => row.submittedAt,
  acceptedAt: (row) => row.acceptedAt,
  timeline: async (row, _args, { loaders }) =>
    (await loaders.recordsByCase.load(row.caseNumber)).map(({ record }) => ({
      stepName: record.stepName,
      stepStatusName: STEP_STATUS_NAMES[record.stepStatus],
      occurredAt: record.occurredAt,
    })),
};
