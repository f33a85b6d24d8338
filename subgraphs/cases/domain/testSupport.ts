/** Fixtures shared by the case domain tests; not part of the public API. */
import type { Actor } from './actor.ts';
import type { TransitionInput } from './input.ts';
import type { CaseSnapshot } from './processRecord.ts';
import type { CaseKind, CaseState } from './states.ts';

/** USCC whose organization code (000013338) is the one in IMPLEMENTATION_CODE. */
export const OWNER = '11100000000013338W';
export const PARTICIPANT = '11430000006122244L';
export const STRANGER_AGENCY = '11330105002500287C';
export const IMPLEMENTATION_CODE = '610725000000000013338107';
export const CASE_NUMBER = `${IMPLEMENTATION_CODE}25000001`;
export const APPLICANT_ID = '11010519491231002X';
export const AGENT_ID = '610725198503150023';

export const SUBMITTED_AT = '2025-03-03T09:15:00+08:00';
export const CORRECTION_DUE = '2025-03-20T17:00:00+08:00';
/** After CORRECTION_DUE, so a correction timeout in the matrix is due. */
export const NOW = '2025-03-25T10:00:00+08:00';

export const staff = (roles: string[] = ['ACCEPT', 'REVIEW', 'APPROVE'], agency: string = OWNER): Actor => ({
  kind: 'STAFF',
  agency,
  roles,
  subject: `staff-${roles.join('-').toLowerCase() || 'none'}`,
  name: '王明',
  identities: ['610725198001010012'],
});

export const departmentSystem = (agency: string = OWNER): Actor => ({
  kind: 'DEPARTMENT_SYSTEM',
  agency,
  roles: [],
  subject: 'client:shaanxi-market-regulation',
});

export const applicant: Actor = {
  kind: 'NATURAL_PERSON',
  agency: null,
  roles: [],
  subject: 'citizen-1',
  name: '李华',
  identities: [APPLICANT_ID],
};

export const agentActor: Actor = {
  kind: 'NATURAL_PERSON',
  agency: null,
  roles: [],
  subject: 'citizen-2',
  name: '张强',
  identities: [AGENT_ID],
};

export const stranger: Actor = {
  kind: 'NATURAL_PERSON',
  agency: null,
  roles: [],
  subject: 'citizen-3',
  name: '赵六',
  identities: ['610725198001010012'],
};

export const scheduler: Actor = { kind: 'SYSTEM', agency: null, roles: [], subject: 'scheduler', name: '系统' };

/** A case in SUBMITTED, version 1. */
export function baseCase(kind: CaseKind = 'PROMISED'): CaseSnapshot {
  return {
    caseNumber: CASE_NUMBER,
    name: '食品经营许可（新办）',
    kind,
    state: 'SUBMITTED',
    owningAgency: OWNER,
    participatingAgencies: kind === 'JOINT' ? [PARTICIPANT] : [],
    applicant: { kind: 'NATURAL_PERSON', name: '李华', idType: 'CITIZEN_ID', idNumber: APPLICANT_ID },
    agent: { kind: 'NATURAL_PERSON', name: '张强', idType: 'CITIZEN_ID', idNumber: AGENT_ID },
    application: {
      channel: 'ONLINE',
      submittedAt: SUBMITTED_AT,
      forms: ['食品经营许可申请书'],
      materials: ['营业执照复印件', '经营场所平面图'],
    },
    promisedLimit: kind === 'IMMEDIATE' ? null : { value: 10, unit: 'WORKING_DAY' },
    version: 1,
    openSteps: [],
    completedSteps: [],
    correction: null,
    suspension: null,
    decision: null,
    result: null,
  };
}

/**
 * A case in `state` with the details a case there has: a pending correction, an open review
 * step, an expert review under way, an approval, a result. Version 7, so increments show.
 */
export function caseIn(state: CaseState, kind: CaseKind = 'PROMISED'): CaseSnapshot {
  const snapshot: CaseSnapshot = { ...baseCase(kind), state, version: 7 };
  const reviewing = { step: 'REVIEW' as const, agency: OWNER, handlerId: 'staff-review', startedAt: '2025-03-05T09:00:00+08:00' };
  const approved = { decision: 'APPROVE' as const, opinion: '符合条件，准予许可', agency: OWNER, decidedAt: '2025-03-10T16:00:00+08:00' };
  switch (state) {
    case 'CORRECTION_REQUESTED':
      snapshot.correction = { materials: ['法定代表人身份证复印件'], reason: '缺少身份证明', requestedAt: '2025-03-04T10:00:00+08:00', dueAt: CORRECTION_DUE };
      break;
    case 'IN_PROCESS':
      snapshot.openSteps = [reviewing];
      break;
    case 'SUSPENDED':
      snapshot.openSteps = [reviewing];
      snapshot.suspension = { kind: 'EXPERT_REVIEW', reason: '需专家评审', since: '2025-03-06T09:00:00+08:00', agency: OWNER, step: 'REVIEW' };
      break;
    case 'DECIDED':
      snapshot.completedSteps = [{ step: 'REVIEW', agency: OWNER, handlerId: 'staff-review', passed: true, completedAt: '2025-03-07T09:00:00+08:00' }];
      snapshot.decision = approved;
      break;
    case 'COMPLETED':
      snapshot.decision = approved;
      snapshot.result = { kind: 'CERTIFICATE_ISSUED', opinion: approved.opinion, reason: null, attachments: [], completedAt: '2025-03-11T10:00:00+08:00' };
      break;
    default:
      break;
  }
  return snapshot;
}

export function at(input: Omit<TransitionInput, 'occurredAt'> = {}): TransitionInput {
  return { occurredAt: NOW, ...input };
}

/** Freezes a fixture all the way down, so a transition that mutates its input throws. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
