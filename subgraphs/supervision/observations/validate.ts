import { badUserInput } from '../../../lib/errors.ts';
import { isIsoDate } from '../../../lib/time.ts';
import type {
  CaseFact,
  CaseObservation,
  DeadlineFact,
  ExchangeReport,
  GuideFact,
  GuideMaterialFact,
  PartyFact,
  RecordFact,
  StepDeadlineFact,
  TimeLimitFact,
} from './observation.ts';

/**
 * Checks what the cases subgraph and the exchange service send against observations/observation.ts
 * before anything of it is stored: a malformed payload is refused naming the path
 * (`observation.case.deadlines.promised.due`) and dead-letters in the sender's outbox rather than
 * corrupting the projection. Keys the contract does not know are ignored, so a sender may add
 * fields before supervision reads them.
 */

type Json = Record<string, unknown>;

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

class Reader {
  constructor(readonly path: string, private readonly value: Json) {}

  static root(path: string, value: unknown): Reader {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw badUserInput(path, 'must be an object');
    return new Reader(path, value as Json);
  }

  private at(key: string): string {
    return `${this.path}.${key}`;
  }

  private raw(key: string, nullable: boolean): unknown {
    const value = this.value[key];
    if (value === undefined || (value === null && !nullable)) throw badUserInput(this.at(key), 'is required');
    return value;
  }

  string(key: string, options: { max?: number; pattern?: RegExp; oneOf?: readonly string[] } = {}): string {
    const value = this.raw(key, false);
    if (typeof value !== 'string' || value.length === 0) throw badUserInput(this.at(key), 'must be a non-empty string');
    if (value.length > (options.max ?? 2000)) throw badUserInput(this.at(key), `must be at most ${options.max ?? 2000} characters`);
    if (options.pattern && !options.pattern.test(value)) throw badUserInput(this.at(key), `must match ${options.pattern.source}`);
    if (options.oneOf && !options.oneOf.includes(value)) throw badUserInput(this.at(key), `must be one of ${options.oneOf.join(', ')}`);
    return value;
  }

  optionalString(key: string, options: { max?: number; oneOf?: readonly string[] } = {}): string | null {
    const value = this.raw(key, true);
    if (value === null) return null;
    if (typeof value !== 'string') throw badUserInput(this.at(key), 'must be a string or null');
    if (value.length > (options.max ?? 4000)) throw badUserInput(this.at(key), `must be at most ${options.max ?? 4000} characters`);
    if (options.oneOf && !options.oneOf.includes(value)) throw badUserInput(this.at(key), `must be one of ${options.oneOf.join(', ')}`);
    return value;
  }

  time(key: string): string {
    const value = this.string(key, { max: 40 });
    if (!ISO_TIME.test(value) || Number.isNaN(Date.parse(value))) throw badUserInput(this.at(key), 'must be an ISO 8601 time with offset');
    return value;
  }

  optionalTime(key: string): string | null {
    return this.raw(key, true) === null ? null : this.time(key);
  }

  date(key: string): string {
    const value = this.raw(key, false);
    if (!isIsoDate(value)) throw badUserInput(this.at(key), 'must be a YYYY-MM-DD date');
    return value;
  }

  optionalDate(key: string): string | null {
    return this.raw(key, true) === null ? null : this.date(key);
  }

  integer(key: string, min: number): number {
    const value = this.raw(key, false);
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) throw badUserInput(this.at(key), `must be a whole number ≥ ${min}`);
    return value;
  }

  optionalAmount(key: string): number | null {
    const value = this.raw(key, true);
    if (value === null) return null;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw badUserInput(this.at(key), 'must be an amount ≥ 0 or null');
    return value;
  }

  boolean(key: string): boolean {
    const value = this.raw(key, false);
    if (typeof value !== 'boolean') throw badUserInput(this.at(key), 'must be true or false');
    return value;
  }

  optionalBoolean(key: string): boolean | null {
    const value = this.raw(key, true);
    if (value === null) return null;
    if (typeof value !== 'boolean') throw badUserInput(this.at(key), 'must be true, false or null');
    return value;
  }

  object(key: string): Reader {
    return Reader.root(this.at(key), this.raw(key, false));
  }

  optionalObject(key: string): Reader | null {
    const value = this.raw(key, true);
    return value === null ? null : Reader.root(this.at(key), value);
  }

  list<T>(key: string, item: (value: unknown, path: string) => T, max = 1000): T[] {
    const value = this.raw(key, false);
    if (!Array.isArray(value)) throw badUserInput(this.at(key), 'must be a list');
    if (value.length > max) throw badUserInput(this.at(key), `must have at most ${max} entries`);
    return value.map((entry, index) => item(entry, `${this.at(key)}.${index}`));
  }
}

const CASE_NUMBER = /^[0-9A-Z]{32}$/;
const IMPLEMENTATION_CODE = /^[0-9A-Z]{24}$/;
const USCC = /^[0-9A-Z]{18}$/;
const PARTY_KINDS = ['NATURAL_PERSON', 'LEGAL_PERSON'] as const;
const UNITS = ['WORKING_DAY', 'NATURAL_DAY'] as const;

const text = (value: unknown, path: string): string => {
  if (typeof value !== 'string' || value.length === 0 || value.length > 500) throw badUserInput(path, 'must be a non-empty string of at most 500 characters');
  return value;
};
const agency = (value: unknown, path: string): string => {
  if (typeof value !== 'string' || !USCC.test(value)) throw badUserInput(path, 'must be a USCC');
  return value;
};

function limit(reader: Reader): TimeLimitFact {
  return { value: reader.integer('value', 0), unit: reader.string('unit', { oneOf: UNITS }) as TimeLimitFact['unit'] };
}

function deadline(reader: Reader): DeadlineFact {
  return {
    limit: limit(reader.object('limit')),
    startedOn: reader.date('startedOn'),
    due: reader.optionalDate('due'),
    finishedOn: reader.optionalDate('finishedOn'),
    suspendedDays: reader.integer('suspendedDays', 0),
    calendarVersion: reader.string('calendarVersion', { max: 100 }),
  };
}

function stepDeadline(value: unknown, path: string): StepDeadlineFact {
  const reader = Reader.root(path, value);
  return { step: reader.string('step', { max: 40 }), agency: agency(reader.string('agency'), `${path}.agency`), startedAt: reader.time('startedAt'), deadline: deadline(reader.object('deadline')) };
}

function party(reader: Reader): PartyFact {
  return {
    kind: reader.string('kind', { oneOf: PARTY_KINDS }) as PartyFact['kind'],
    name: reader.string('name', { max: 200 }),
    idType: reader.string('idType', { max: 40 }),
    idNumber: reader.string('idNumber', { max: 40 }),
  };
}

function caseFact(reader: Reader): CaseFact {
  const deadlines = reader.optionalObject('deadlines');
  const decision = reader.optionalObject('decision');
  const result = reader.optionalObject('result');
  const agent = reader.optionalObject('agent');
  const fact: CaseFact = {
    caseNumber: reader.string('caseNumber', { pattern: CASE_NUMBER }),
    name: reader.string('name', { max: 500 }),
    kind: reader.string('kind', { max: 40 }),
    state: reader.string('state', { max: 40 }),
    implementationCode: reader.string('implementationCode', { pattern: IMPLEMENTATION_CODE }),
    agency: agency(reader.string('agency'), `${reader.path}.agency`),
    participatingAgencies: reader.list('participatingAgencies', agency, 50),
    region: reader.string('region', { pattern: /^\d{6}$/ }),
    channel: reader.string('channel', { max: 40 }),
    applicant: party(reader.object('applicant')),
    agent: agent && party(agent),
    submittedAt: reader.time('submittedAt'),
    acceptedAt: reader.optionalTime('acceptedAt'),
    materialIds: reader.list('materialIds', text),
    deferredMaterials: reader.list('deferredMaterials', text),
    completedSteps: reader.list('completedSteps', (value, path) => {
      const step = Reader.root(path, value);
      return { step: step.string('step', { max: 40 }), agency: agency(step.string('agency'), `${path}.agency`), passed: step.boolean('passed'), completedAt: step.time('completedAt') };
    }),
    decision: decision && { decision: decision.string('decision', { oneOf: ['APPROVE', 'DENY'] }) as 'APPROVE' | 'DENY', decidedAt: decision.time('decidedAt') },
    result: result && { kind: result.string('kind', { max: 40 }), completedAt: result.time('completedAt') },
    deadlines: deadlines && {
      legal: optionalDeadline(deadlines, 'legal'),
      promised: optionalDeadline(deadlines, 'promised'),
      steps: deadlines.list('steps', stepDeadline, 100),
    },
  };
  return fact;
}

function optionalDeadline(reader: Reader, key: string): DeadlineFact | null {
  const found = reader.optionalObject(key);
  return found && deadline(found);
}

function recordFact(reader: Reader): RecordFact {
  return {
    version: reader.integer('version', 1),
    action: reader.string('action', { max: 40 }),
    fromState: reader.optionalString('fromState', { max: 40 }),
    toState: reader.string('toState', { max: 40 }),
    occurredAt: reader.time('occurredAt'),
    recordedAt: reader.time('recordedAt'),
    actorKind: reader.string('actorKind', { max: 40 }),
    handlerId: reader.string('handlerId', { max: 200 }),
    handlerName: reader.optionalString('handlerName', { max: 200 }),
    channel: reader.string('channel', { max: 40 }),
    sourceMessageId: reader.optionalString('sourceMessageId', { max: 200 }),
    step: reader.optionalString('step', { max: 40 }),
    passed: reader.optionalBoolean('passed'),
    decision: reader.optionalString('decision', { max: 40 }),
    result: reader.optionalString('result', { max: 40 }),
    reason: reader.optionalString('reason'),
    opinion: reader.optionalString('opinion'),
    feeYuan: reader.optionalAmount('feeYuan'),
  };
}

function material(value: unknown, path: string): GuideMaterialFact {
  const reader = Reader.root(path, value);
  return { id: reader.string('id', { max: 100 }), name: reader.string('name', { max: 500 }), requirement: reader.string('requirement', { max: 40 }), deferrable: reader.boolean('deferrable') };
}

function guideFact(reader: Reader): GuideFact {
  const fee = reader.object('fee');
  const legal = reader.optionalObject('legalLimit');
  const promised = reader.optionalObject('promisedLimit');
  return {
    implementationCode: reader.string('implementationCode', { pattern: IMPLEMENTATION_CODE }),
    name: reader.string('name', { max: 500 }),
    version: reader.integer('version', 1),
    itemType: reader.string('itemType', { max: 40 }),
    caseKind: reader.string('caseKind', { max: 40 }),
    legalLimit: legal && limit(legal),
    promisedLimit: promised && limit(promised),
    steps: reader.list('steps', (value, path) => text(value, path), 20),
    materials: reader.list('materials', material, 500),
    fee: { charged: fee.boolean('charged'), maxAmountYuan: fee.optionalAmount('maxAmountYuan') },
  };
}

/** A CaseObservation, checked and consistent with itself (the record is the write that made the case as it is). */
export function validateCaseObservation(value: unknown, path = 'observation'): CaseObservation {
  const reader = Reader.root(path, value);
  reader.string('kind', { oneOf: ['CASE'] });
  const fact = caseFact(reader.object('case'));
  const record = recordFact(reader.object('record'));
  const guide = guideFact(reader.object('guide'));
  if (!fact.caseNumber.startsWith(fact.implementationCode)) throw badUserInput(`${path}.case.caseNumber`, 'must begin with the case’s implementation code');
  if (guide.implementationCode !== fact.implementationCode) throw badUserInput(`${path}.guide.implementationCode`, 'must be the case’s implementation code');
  if (fact.region !== fact.implementationCode.slice(0, 6)) throw badUserInput(`${path}.case.region`, 'must be the first six characters of the implementation code');
  if (record.toState !== fact.state) throw badUserInput(`${path}.record.toState`, `must be the case’s state after the write (${fact.state})`);
  if ((record.version === 1) !== (record.action === 'SUBMIT')) throw badUserInput(`${path}.record.action`, 'must be SUBMIT exactly for version 1');
  return { kind: 'CASE', case: fact, record, guide };
}

/** An ExchangeReport, checked. */
export function validateExchangeReport(value: unknown, path = 'report'): ExchangeReport {
  const reader = Reader.root(path, value);
  reader.string('kind', { oneOf: ['EXCHANGE'] });
  return {
    kind: 'EXCHANGE',
    messageId: reader.string('messageId', { max: 200 }),
    caseNumber: reader.string('caseNumber', { pattern: CASE_NUMBER }),
    action: reader.string('action', { max: 40 }),
    occurredAt: reader.time('occurredAt'),
    receivedAt: reader.time('receivedAt'),
    status: reader.string('status', { oneOf: ['HELD', 'REJECTED'] }) as ExchangeReport['status'],
    reason: reader.string('reason', { max: 2000 }),
    senderAgency: agency(reader.string('senderAgency'), `${path}.senderAgency`),
    senderClientId: reader.string('senderClientId', { max: 200 }),
    receiptNumber: reader.optionalString('receiptNumber', { max: 200 }),
  };
}
