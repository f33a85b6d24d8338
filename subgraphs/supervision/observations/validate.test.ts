import { describe, expect, it } from 'vitest';
import { caseFact, CODE, observation, POLICE, record } from '../alerts/testSupport.ts';
import { validateCaseObservation, validateExchangeReport } from './validate.ts';

/** A deep copy with one path set (or deleted, for undefined). */
function withPath(value: unknown, path: string, replacement: unknown): Record<string, unknown> {
  const copy = structuredClone(value) as Record<string, unknown>;
  const keys = path.split('.');
  let node = copy as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  if (replacement === undefined) delete node[keys.at(-1)!];
  else node[keys.at(-1)!] = replacement;
  return copy;
}

function refusal(run: () => unknown): { code: unknown; field: unknown } {
  try {
    run();
  } catch (error) {
    const extensions = (error as { extensions: Record<string, unknown> }).extensions;
    return { code: extensions['code'], field: extensions['field'] };
  }
  throw new Error('expected a refusal');
}

const valid = observation(caseFact(1), record(3, 'ACCEPT'));
const report = {
  kind: 'EXCHANGE',
  messageId: 'MSG-1',
  caseNumber: `${CODE}26000001`,
  action: 'DECIDE',
  occurredAt: '2026-11-19T16:00:00+08:00',
  receivedAt: '2026-11-19T08:00:05Z',
  status: 'HELD',
  reason: 'held',
  senderAgency: POLICE,
  senderClientId: 'police-system',
  receiptNumber: null,
};

describe('validating a case observation', () => {
  it('accepts the contract’s shape and answers it as typed', () => {
    expect(validateCaseObservation(JSON.parse(JSON.stringify(valid)))).toEqual(valid);
  });

  it('ignores keys the contract does not know yet', () => {
    expect(validateCaseObservation({ ...withPath(valid, 'case.future', 1), extra: true })).toEqual(valid);
  });

  it.each([
    ['kind', 'EXCHANGE', 'observation.kind'],
    ['case.caseNumber', 'short', 'observation.case.caseNumber'],
    ['case.agency', undefined, 'observation.case.agency'],
    ['case.agency', 'not-a-uscc', 'observation.case.agency'],
    ['case.participatingAgencies', ['x'], 'observation.case.participatingAgencies.0'],
    ['case.acceptedAt', 'yesterday', 'observation.case.acceptedAt'],
    ['case.agent', undefined, 'observation.case.agent'],
    ['case.deadlines.promised.due', '2026-02-30', 'observation.case.deadlines.promised.due'],
    ['case.deadlines.legal.limit.unit', 'HOUR', 'observation.case.deadlines.legal.limit.unit'],
    ['case.completedSteps', [{ step: 'REVIEW', agency: POLICE, passed: 'yes', completedAt: '2026-11-20T02:00:00Z' }], 'observation.case.completedSteps.0.passed'],
    ['record.version', 0, 'observation.record.version'],
    ['record.feeYuan', -1, 'observation.record.feeYuan'],
    ['guide.fee', undefined, 'observation.guide.fee'],
    ['guide.materials', [{ id: 'M01', name: '申请书', requirement: 'REQUIRED' }], 'observation.guide.materials.0.deferrable'],
    ['case', 'a string', 'observation.case'],
  ])('refuses %s = %j naming %s', (path, value, field) => {
    expect(refusal(() => validateCaseObservation(withPath(valid, path, value)))).toEqual({ code: 'BAD_USER_INPUT', field });
  });

  it('refuses an observation that contradicts itself', () => {
    expect(refusal(() => validateCaseObservation(withPath(valid, 'record.toState', 'DECIDED'))).field).toBe('observation.record.toState');
    expect(refusal(() => validateCaseObservation(withPath(valid, 'guide.implementationCode', '610725000000TB7250054101'))).field).toBe('observation.guide.implementationCode');
    expect(refusal(() => validateCaseObservation(withPath(valid, 'case.region', '610700'))).field).toBe('observation.case.region');
    expect(refusal(() => validateCaseObservation(withPath(valid, 'record.version', 1))).field).toBe('observation.record.action');
  });
});

describe('validating an exchange report', () => {
  it('accepts the contract’s shape', () => {
    expect(validateExchangeReport(report)).toMatchObject({ messageId: 'MSG-1', status: 'HELD', receiptNumber: null });
  });

  it.each([
    ['status', 'APPLIED', 'report.status'],
    ['caseNumber', 'x', 'report.caseNumber'],
    ['occurredAt', '2026-11-19', 'report.occurredAt'],
    ['receiptNumber', undefined, 'report.receiptNumber'],
    ['senderAgency', 'police', 'report.senderAgency'],
  ])('refuses %s = %j naming %s', (path, value, field) => {
    expect(refusal(() => validateExchangeReport(withPath(report, path, value)))).toEqual({ code: 'BAD_USER_INPUT', field });
  });
});
