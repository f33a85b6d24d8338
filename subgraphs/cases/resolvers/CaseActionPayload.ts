import type { CaseActionPayloadResolvers } from '../generated/resolvers-types.ts';

export const CaseActionPayload: CaseActionPayloadResolvers = {
  case: (payload) => payload.row,
  // The stored row, so recordedAt is the database's time, as every later read of the history shows it.
  record: async (payload, _args, { loaders }) => {
    const records = await loaders.recordsByCase.load(payload.row.caseNumber);
    return records.find(({ record }) => record.version === payload.record.version) ?? { record: payload.record, recordedAt: payload.row.submittedAt };
  },
};
