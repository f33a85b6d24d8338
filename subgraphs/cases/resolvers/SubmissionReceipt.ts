import type { SubmissionReceiptResolvers } from '../generated/resolvers-types.ts';

export const SubmissionReceipt: SubmissionReceiptResolvers = {
  case: (receipt) => receipt.row,
};
