import type { AppealState, EvaluationChannel, EvaluationIndicators, EvaluationLevel, RectificationState } from '../generated/resolvers-types.ts';

/** An evaluation as stored (好差评); Evaluation.ts resolves its names, task and appeal. */
export interface EvaluationModel {
  id: string;
  caseNumber: string;
  channel: EvaluationChannel;
  level: EvaluationLevel;
  indicators: EvaluationIndicators | null;
  comment: string | null;
  /** USCC of the agency evaluated (the case's owning agency). */
  agency: string;
  implementationCode: string;
  /** The six-digit region of the implementation. */
  region: string;
  /** Citizen ID or USCC of the applicant, and the agent's when one applied: who may read it. */
  applicantId: string;
  agentId: string | null;
  evaluatedBy: string;
  evaluatedAt: string;
  counted: boolean;
}

/** A rectification task (差评整改) as stored. */
export interface RectificationModel {
  id: string;
  evaluationId: string;
  caseNumber: string;
  agency: string;
  region: string;
  implementationCode: string;
  state: RectificationState;
  workingDays: number;
  dueOn: string;
  calendarVersion: string;
  openedAt: string;
  rectification: string | null;
  reply: string | null;
  answeredAt: string | null;
  answeredBy: string | null;
  closedAt: string | null;
  closedBy: string | null;
  closeNote: string | null;
  cancelledAt: string | null;
  cancelledBy: string | null;
  alerted: boolean;
  version: number;
}

/** An appeal (申诉) as stored; the GraphQL EvaluationAppeal has its public part. */
export interface AppealModel {
  evaluationId: string;
  caseNumber: string;
  agency: string;
  reason: string;
  appealedBy: string;
  appealedAt: string;
  state: AppealState;
  decidedBy: string | null;
  decidedAt: string | null;
  decision: string | null;
}

export interface RectificationDeadlineModel {
  region: string;
  workingDays: number;
  setBy: string;
  setAt: string;
}
