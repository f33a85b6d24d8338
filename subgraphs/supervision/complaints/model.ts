import type { StepModel } from '../workflow/machine.ts';

export const COMPLAINT_STATES = ['RECEIVED', 'ACCEPTED', 'NOT_ACCEPTED', 'ROUTED', 'ANSWERED', 'FOLLOWED_UP', 'CLOSED'] as const;
export type ComplaintState = (typeof COMPLAINT_STATES)[number];

export const COMPLAINT_ACTIONS = ['ACCEPT', 'REJECT', 'ROUTE', 'ANSWER', 'FOLLOW_UP', 'CONFIRM'] as const;
export type ComplaintAction = (typeof COMPLAINT_ACTIONS)[number];

export const COMPLAINT_CHANNELS = ['PHONE', 'ON_SITE', 'ONLINE'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];

export const COMPLAINT_SUBJECT_KINDS = ['CASE', 'AGENCY', 'GUIDE'] as const;
export type ComplaintSubjectKind = (typeof COMPLAINT_SUBJECT_KINDS)[number];

export const COMPLAINT_STATE_NAMES: Readonly<Record<ComplaintState, string>> = {
  RECEIVED: '已登记',
  ACCEPTED: '已受理',
  NOT_ACCEPTED: '不予受理',
  ROUTED: '已转办',
  ANSWERED: '已答复',
  FOLLOWED_UP: '已回访',
  CLOSED: '已办结',
};

/** The first step of every complaint. */
export const RECEIVE = { action: 'RECEIVE', name: '登记投诉' } as const;

/** A complaint as stored (投诉件). */
export interface ComplaintModel {
  id: string;
  /** TS + China date + sequence. */
  number: string;
  channel: ComplaintChannel;
  subjectKind: ComplaintSubjectKind;
  caseNumber: string | null;
  agency: string;
  region: string;
  implementationCode: string | null;
  itemType: string | null;
  /** ONLINE: the subject of the person who filed it (who confirms); null for PHONE and ON_SITE. */
  complainantSubject: string | null;
  /** The identity codes the complaint belongs to (the complainant's subject, ID number or USCC, whom they act for). */
  complainantCodes: string[];
  complainantName: string;
  complainantPhone: string | null;
  content: string;
  /** Who recorded it: the complainant online, the auditor for a call or a visit. */
  recordedBy: string;
  receivedAt: string;
  state: ComplaintState;
  /** China date; set by every routing. */
  answerDueOn: string | null;
  calendarVersion: string | null;
  answer: string | null;
  answeredAt: string | null;
  satisfied: boolean | null;
  closedAt: string | null;
  version: number;
}

export type ComplaintStepModel = StepModel<ComplaintState>;
