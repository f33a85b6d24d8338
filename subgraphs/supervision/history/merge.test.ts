import { describe, expect, it } from 'vitest';
import { ANONYMOUS, type Principal } from '../../../lib/auth/principal.ts';
import type { CaseHistoryEntry, CaseHistoryKind } from '../generated/resolvers-types.ts';
import { mergeHistory, visibleEvents, type ProcessRecordFact, type SupervisionEvent } from './merge.ts';

const POLICE = '11610725TB7250054A';
const OTHER = '11610725TB7250038X';
const LIJUN = '610725199001011234';

const record = (version: number, occurredAt: string, overrides: Partial<ProcessRecordFact> = {}): ProcessRecordFact => ({
  version,
  occurredAt,
  recordedAt: occurredAt,
  action: 'ACCEPT',
  actionName: '受理',
  stepName: '受理',
  handlerId: 'police-zhangwei',
  handlerName: '张伟',
  opinion: null,
  reason: null,
  actorKind: 'STAFF',
  sourceMessageId: null,
  ...overrides,
});

const entry = (kind: CaseHistoryKind, at: string, reference: string = kind): CaseHistoryEntry => ({ at, kind, title: kind, actor: null, reference, detail: null });
const event = (kind: CaseHistoryKind, agency = POLICE, owners: string[] = []): SupervisionEvent => ({ entry: entry(kind, '2026-03-02T01:00:00.000Z'), agency, owners });

const principal = (overrides: Partial<Principal>): Principal => ({ ...ANONYMOUS, subject: 'someone', ...overrides });

describe('merging the history', () => {
  it('puts process records and supervision entries in time order, whatever the offsets', () => {
    const merged = mergeHistory(
      [record(2, '2026-03-02T10:00:00+08:00'), record(1, '2026-03-02T09:00:00+08:00', { action: 'SUBMIT', actionName: '申报', handlerName: null, handlerId: 'lijun', opinion: null })],
      [entry('ALERT_RAISED', '2026-03-02T01:30:00.000Z'), entry('EVALUATION', '2026-03-01T23:00:00.000Z')],
    );
    expect(merged.map((item) => [item.kind, item.at])).toEqual([
      ['EVALUATION', '2026-03-01T23:00:00.000Z'],
      ['PROCESS_RECORD', '2026-03-02T01:00:00.000Z'],
      ['ALERT_RAISED', '2026-03-02T01:30:00.000Z'],
      ['PROCESS_RECORD', '2026-03-02T02:00:00.000Z'],
    ]);
    expect(merged.find((item) => item.reference === '1')).toMatchObject({ title: '申报 · lijun', actor: 'lijun' });
    expect(merged.find((item) => item.reference === '2')).toMatchObject({ title: '受理 · 张伟', actor: 'police-zhangwei' });
  });

  it('keeps ties stable: process records first, by version, then the others as given', () => {
    const at = '2026-03-02T09:00:00+08:00';
    const merged = mergeHistory(
      [record(3, at, { opinion: '同意' }), record(2, at)],
      [entry('ALERT_RAISED', '2026-03-02T01:00:00.000Z', 'a1'), entry('SUPERVISION_ORDER', '2026-03-02T01:00:00.000Z', 'o1'), entry('ALERT_RESOLVED', '2026-03-02T01:00:00.000Z', 'a0')],
    );
    expect(merged.map((item) => item.reference)).toEqual(['2', '3', 'a1', 'o1', 'a0']);
    expect(merged[1]!.detail).toBe('同意');
  });

  it('answers the process records alone when supervision knows nothing of the case', () => {
    expect(mergeHistory([record(1, '2026-03-02T09:00:00+08:00')], []).map((item) => item.kind)).toEqual(['PROCESS_RECORD']);
  });
});

describe('who reads which supervision entries', () => {
  const events = [
    event('ALERT_RAISED'),
    event('SUPERVISION_ORDER'),
    event('ALERT_RAISED', OTHER),
    event('COMPLAINT', POLICE, ['lijun', LIJUN]),
    event('COMPLAINT', POLICE, ['someone-else']),
    event('EVALUATION', POLICE, [LIJUN]),
    event('RECTIFICATION', POLICE, [LIJUN]),
    event('APPEAL', POLICE, [LIJUN]),
  ];
  const kinds = (who: Principal) => visibleEvents(who, events).map((item) => `${item.entry.kind}:${item.agency === OTHER ? 'other' : 'police'}`);

  it('gives auditors everything', () => {
    expect(visibleEvents(principal({ kind: 'AUDITOR' }), events)).toHaveLength(events.length);
  });

  it('gives staff what concerns their agency', () => {
    const staff = kinds(principal({ kind: 'STAFF', agency: OTHER }));
    expect(staff).toEqual(['ALERT_RAISED:other']);
    expect(kinds(principal({ kind: 'STAFF', agency: POLICE }))).not.toContain('ALERT_RAISED:other');
    expect(kinds(principal({ kind: 'STAFF', agency: POLICE }))).toHaveLength(events.length - 1);
  });

  it('gives the applicant their own evaluation and complaints, never alerts or orders', () => {
    expect(kinds(principal({ kind: 'NATURAL_PERSON', subject: 'lijun', idNumber: LIJUN }))).toEqual(['COMPLAINT:police', 'EVALUATION:police', 'RECTIFICATION:police']);
    // An agent reads what belongs to whom they act for.
    const agent = principal({ kind: 'NATURAL_PERSON', subject: 'chenjie', idNumber: '610725198501012345', actingFor: { kind: 'NATURAL_PERSON', code: LIJUN, name: '李军' } });
    expect(kinds(agent)).toEqual(['COMPLAINT:police', 'EVALUATION:police', 'RECTIFICATION:police']);
    expect(kinds(principal({ kind: 'NATURAL_PERSON', subject: 'wangfang', idNumber: '610725199202023456' }))).toEqual([]);
  });
});
