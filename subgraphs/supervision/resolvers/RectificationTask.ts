import { isOverdue } from '../evaluations/rules.ts';
import type { RectificationTaskResolvers } from '../generated/resolvers-types.ts';

export const RectificationTask: RectificationTaskResolvers = {
  agency: (task) => ({ uscc: task.agency }),
  overdue: (task, _args, { now }) => isOverdue(task, now()),
};
