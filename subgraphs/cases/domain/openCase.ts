import { checkCitizenId } from '../../../lib/codes/citizenId.ts';
import { checkUscc, organizationCodeOfUscc } from '../../../lib/codes/uscc.ts';
import { standingOf } from './actor.ts';
import type { Actor } from './actor.ts';
import { caseNumberYear, checkCaseNumber } from './caseNumber.ts';
import { MAX_TEXT, checkOptional, timestampMillis } from './input.ts';
import type { InputProblem, TransitionInput } from './input.ts';
import { refuse } from './outcome.ts';
import type { TransitionRefusal } from './outcome.ts';
import { APPLICATION_CHANNELS, ID_TYPES } from './processRecord.ts';
import type { Application, CaseSnapshot, Party, ProcessRecord, TimeLimit } from './processRecord.ts';
import { buildRecord } from './record.ts';
import { CASE_KINDS, isOneOf } from './states.ts';
import type { CaseKind } from './states.ts';

/** What a submission knows about the case it creates. */
export interface CaseOpening {
  caseNumber: string;
  name: string;
  kind: CaseKind;
  owningAgency: string;
  participatingAgencies?: string[];
  applicant: Party;
  agent?: Party | null;
  application: Application;
  promisedLimit: TimeLimit | null;
}

export type OpenCaseOutcome = { ok: true; snapshot: CaseSnapshot; record: ProcessRecord } | TransitionRefusal;

/** Record fields of the submission itself; its time is the application's. */
export type OpeningInput = Omit<TransitionInput, 'occurredAt' | 'step' | 'suspension' | 'decision' | 'result' | 'passed' | 'dueAt'>;

/**
 * Creates a case in SUBMITTED at version 1, with its first record (申报). The applicant submits
 * online, or the owning agency's window or departmental system submits for them.
 */
export function openCase(opening: CaseOpening, actor: Actor, input: OpeningInput = {}): OpenCaseOutcome {
  const problem = checkOpening(opening) ?? checkOptional({ ...input, occurredAt: opening.application.submittedAt });
  if (problem !== null) return refuse('BAD_USER_INPUT', `SUBMIT: ${problem.field} ${problem.reason}`, problem.field);

  const snapshot: CaseSnapshot = {
    caseNumber: opening.caseNumber,
    name: opening.name,
    kind: opening.kind,
    state: 'SUBMITTED',
    owningAgency: opening.owningAgency,
    participatingAgencies: [...(opening.participatingAgencies ?? [])],
    applicant: { ...opening.applicant },
    agent: opening.agent == null ? null : { ...opening.agent },
    application: { ...opening.application, forms: [...opening.application.forms], materials: [...opening.application.materials] },
    promisedLimit: opening.promisedLimit === null ? null : { ...opening.promisedLimit },
    version: 1,
    openSteps: [],
    completedSteps: [],
    correction: null,
    suspension: null,
    decision: null,
    result: null,
  };

  const standing = standingOf(snapshot, actor);
  if (standing !== 'APPLICANT' && standing !== 'OWNER') {
    return refuse('FORBIDDEN', `SUBMIT of case ${opening.caseNumber} is for the applicant, or the window or departmental system of agency ${opening.owningAgency}`);
  }
  if (actor.kind === 'STAFF' && !actor.roles.includes('ACCEPT')) return refuse('FORBIDDEN', 'SUBMIT at the window needs the ACCEPT (受理) role');
  if (actor.kind === 'DEPARTMENT_SYSTEM' && input.handler === undefined) {
    return refuse('BAD_USER_INPUT', 'SUBMIT: a departmental system must name the handler (办理人员) it acts for', 'handler');
  }

  const record = buildRecord({
    before: null,
    after: snapshot,
    action: 'SUBMIT',
    actor,
    input: { ...input, occurredAt: opening.application.submittedAt },
    agency: opening.owningAgency,
    step: null,
    result: null,
  });
  return { ok: true, snapshot, record };
}

function checkOpening(opening: CaseOpening): InputProblem | null {
  const number = checkCaseNumber(opening.caseNumber);
  if (!number.ok) return { field: 'caseNumber', reason: number.reason };
  if (typeof opening.name !== 'string' || opening.name.trim() === '' || opening.name.length > MAX_TEXT) {
    return { field: 'name', reason: 'should name the case' };
  }
  if (!isOneOf(CASE_KINDS, opening.kind)) return { field: 'kind', reason: `should be one of ${CASE_KINDS.join(', ')}` };
  return (
    checkAgencies(opening) ??
    checkParty('applicant', opening.applicant) ??
    (opening.agent == null ? null : checkParty('agent', opening.agent)) ??
    checkApplication(opening) ??
    checkPromisedLimit(opening)
  );
}

function checkAgencies(opening: CaseOpening): InputProblem | null {
  const owner = checkUscc(opening.owningAgency);
  if (!owner.ok) return { field: 'owningAgency', reason: owner.reason };
  // The implementation code names its agency by organization code; a case filed under another
  // agency's code would be supervised against the wrong agency.
  if (organizationCodeOfUscc(opening.owningAgency) !== opening.caseNumber.slice(12, 21)) {
    return { field: 'owningAgency', reason: `is not the agency of implementation code ${opening.caseNumber.slice(0, 24)}` };
  }
  const participants = opening.participatingAgencies ?? [];
  if (opening.kind !== 'JOINT') {
    return participants.length === 0 ? null : { field: 'participatingAgencies', reason: `only a JOINT case has participating agencies` };
  }
  if (participants.length === 0) return { field: 'participatingAgencies', reason: 'a JOINT case needs at least one participating agency' };
  for (const [i, agency] of participants.entries()) {
    const check = checkUscc(agency);
    if (!check.ok) return { field: `participatingAgencies[${i}]`, reason: check.reason };
    if (agency === opening.owningAgency) return { field: `participatingAgencies[${i}]`, reason: 'is the lead agency' };
    if (participants.indexOf(agency) !== i) return { field: `participatingAgencies[${i}]`, reason: 'is listed twice' };
  }
  return null;
}

function checkParty(field: string, party: Party): InputProblem | null {
  if (typeof party !== 'object' || party === null) return { field, reason: 'is required' };
  if (party.kind !== 'NATURAL_PERSON' && party.kind !== 'LEGAL_PERSON') return { field: `${field}.kind`, reason: 'should be NATURAL_PERSON or LEGAL_PERSON' };
  if (typeof party.name !== 'string' || party.name.trim() === '') return { field: `${field}.name`, reason: 'is required' };
  if (!isOneOf(ID_TYPES, party.idType)) return { field: `${field}.idType`, reason: `should be one of ${ID_TYPES.join(', ')}` };
  if (typeof party.idNumber !== 'string' || party.idNumber.trim() === '') return { field: `${field}.idNumber`, reason: 'is required' };
  const check = party.idType === 'CITIZEN_ID' ? checkCitizenId(party.idNumber) : party.idType === 'USCC' ? checkUscc(party.idNumber) : null;
  return check === null || check.ok ? null : { field: `${field}.idNumber`, reason: check.reason };
}

function checkApplication(opening: CaseOpening): InputProblem | null {
  const application = opening.application;
  if (typeof application !== 'object' || application === null) return { field: 'application', reason: 'is required' };
  if (!isOneOf(APPLICATION_CHANNELS, application.channel)) {
    return { field: 'application.channel', reason: `should be one of ${APPLICATION_CHANNELS.join(', ')}` };
  }
  const submittedAt = timestampMillis(application.submittedAt);
  if (submittedAt === null) return { field: 'application.submittedAt', reason: 'should be an ISO 8601 timestamp with an offset' };
  const year = String(caseNumberYear(new Date(submittedAt)) % 100).padStart(2, '0');
  if (opening.caseNumber.slice(24, 26) !== year) {
    return { field: 'caseNumber', reason: `year part should be ${year}, the submission year in China` };
  }
  for (const list of ['forms', 'materials'] as const) {
    const items: unknown = application[list];
    if (!Array.isArray(items) || items.some((item) => typeof item !== 'string' || item.trim() === '')) {
      return { field: `application.${list}`, reason: 'should be a list of names' };
    }
  }
  return null;
}

function checkPromisedLimit(opening: CaseOpening): InputProblem | null {
  const limit = opening.promisedLimit;
  if (limit === null) return opening.kind === 'PROMISED' ? { field: 'promisedLimit', reason: 'a PROMISED case (承诺件) needs its promised limit' } : null;
  if (typeof limit !== 'object' || !Number.isInteger(limit.value) || limit.value < 0) {
    return { field: 'promisedLimit.value', reason: 'should be a whole number of days' };
  }
  if (limit.unit !== 'WORKING_DAY' && limit.unit !== 'NATURAL_DAY') return { field: 'promisedLimit.unit', reason: 'should be WORKING_DAY or NATURAL_DAY' };
  return null;
}
