export type {
  DeadlineFacts,
  DeadlineTerms,
  ExcludedPeriod,
  PresentedDeadline,
  PresentedDeadlines,
  PresentedStepDeadline,
  StepFact,
  StoredDeadline,
  StoredDeadlines,
  StoredStepDeadline,
  SuspensionFact,
} from './types.ts';
export { computeDeadlines } from './compute.ts';
export { dueCutoff, dueWithin, presentDeadline, presentDeadlines, queueDueOn, queuePeriod } from './present.ts';
