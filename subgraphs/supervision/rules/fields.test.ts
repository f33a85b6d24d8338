import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../lib/auth/principal.ts';
import { storeKinds } from '../../../tests/support/services.ts';
import { alertsStoreFor, APPLICANT, AUDITOR, call, CODE, contextFor, POLICE, POLICE_STAFF, refusal } from '../alerts/testSupport.ts';
import type { RuleInput } from '../generated/resolvers-types.ts';
import { DEFAULT_RULES, seedDefaultRules } from './defaults.ts';
import type { RuleModel } from './model.ts';
import { ruleMutations, ruleQueries } from './fields.ts';

const now = () => new Date('2026-11-25T02:00:00.000Z');

const hotelYellow = (overrides: Partial<RuleInput> = {}): RuleInput => ({
  type: 'TIMELINESS',
  check: 'DEADLINE_APPROACHING',
  description: '旅馆业提前两个工作日预警',
  parameters: { workingDaysBefore: 2 },
  colour: 'YELLOW',
  target: { kind: 'GUIDE', value: CODE },
  enabled: true,
  ...overrides,
});

describe.each(storeKinds())('supervision rules on %s', (kind) => {
  const opened = alertsStoreFor(kind);

  const create = (code: string, input: RuleInput, who: Principal = AUDITOR, reason = '专项整治') =>
    call(ruleMutations.createSupervisionRule, {}, { code, input, reason }, contextFor(opened.store, who, now));
  const update = (code: string, input: RuleInput, expectedVersion: number, who: Principal = AUDITOR) =>
    call(ruleMutations.updateSupervisionRule, {}, { code, input, expectedVersion, reason: '调整' }, contextFor(opened.store, who, now));
  const list = (who: Principal, filter: Record<string, unknown> | null = null) => call<RuleModel[]>(ruleQueries.supervisionRules, {}, { filter }, contextFor(opened.store, who, now));
  const one = (code: string, version: number | null = null) => call(ruleQueries.supervisionRule, {}, { code, version }, contextFor(opened.store, AUDITOR, now));
  const versionCount = async () => Number((await opened.store.query<{ n: string }>('SELECT count(*) AS n FROM rule_version')).rows[0]!.n);

  it('seeds the default rules once, however often the service starts', async () => {
    expect(await seedDefaultRules(opened.store)).toBe(0);
    const rules = await list(POLICE_STAFF);
    expect(rules.map((rule) => rule.code).sort()).toEqual(DEFAULT_RULES.map((rule) => rule.code).sort());
    expect(rules.every((rule) => rule.author === 'seed' && rule.version === 1 && rule.target.kind === 'ALL' && rule.target.value === null)).toBe(true);
  });

  it('filters the rules by type, check and enabled', async () => {
    expect((await list(AUDITOR, { type: 'FEE' })).map((rule) => rule.code)).toEqual(['FEE.ABOVE_STANDARD', 'FEE.NOT_CHARGEABLE']);
    expect((await list(AUDITOR, { check: 'DEADLINE_OVERRUN' })).map((rule) => rule.code)).toEqual(['TIMELINESS.LEGAL_RED', 'TIMELINESS.PROMISED_RED']);
    expect(await list(AUDITOR, { enabled: false })).toEqual([]);
  });

  it('lets an auditor create a rule for one guide, authored by them', async () => {
    const rule = await create('TIMELINESS.HOTEL_YELLOW', hotelYellow());
    expect(rule).toMatchObject({ code: 'TIMELINESS.HOTEL_YELLOW', version: 1, type: 'TIMELINESS', parameters: { workingDaysBefore: 2 }, target: { kind: 'GUIDE', value: CODE }, author: 'auditor-1', reason: '专项整治' });
  });

  it('makes a new version on update and keeps the old one readable', async () => {
    const second = await update('TIMELINESS.HOTEL_YELLOW', hotelYellow({ parameters: { workingDaysBefore: 3 } }), 1);
    expect(second).toMatchObject({ version: 2, parameters: { workingDaysBefore: 3 } });
    expect((await one('TIMELINESS.HOTEL_YELLOW'))?.version).toBe(2);
    expect((await one('TIMELINESS.HOTEL_YELLOW', 1))?.parameters).toEqual({ workingDaysBefore: 2 });
    expect(await one('NO.SUCH_RULE')).toBeNull();
  });

  it('refuses a stale expectedVersion with VERSION_CONFLICT', async () => {
    expect(await refusal(update('TIMELINESS.HOTEL_YELLOW', hotelYellow(), 1))).toEqual({ code: 'VERSION_CONFLICT', field: 'expectedVersion' });
  });

  it('refuses staff and applicants as authors, and lets staff read', async () => {
    expect(await refusal(create('TIMELINESS.STAFF', hotelYellow(), POLICE_STAFF))).toEqual({ code: 'FORBIDDEN' });
    expect(await refusal(list(APPLICANT))).toEqual({ code: 'FORBIDDEN' });
  });

  it.each([
    ['a malformed code', 'bad code', hotelYellow(), 'code'],
    ['an existing code', 'FEE.NOT_CHARGEABLE', hotelYellow({ target: { kind: 'AGENCY', value: POLICE } }), 'code'],
    ['a type that is not the check’s', 'X.TYPE', hotelYellow({ type: 'LEGALITY' }), 'input.type'],
    ['a blank description', 'X.DESC', hotelYellow({ description: '  ' }), 'input.description'],
    ['parameters out of range', 'X.PARAM', hotelYellow({ parameters: { workingDaysBefore: 20 } }), 'input.parameters.workingDaysBefore'],
    ['an unknown parameter', 'X.UNKNOWN', hotelYellow({ parameters: { workingDaysBefore: 1, colour: 'RED' } }), 'input.parameters.colour'],
    ['an unknown item type', 'X.ITEM', hotelYellow({ target: { kind: 'ITEM_TYPE', value: 'HOTEL' } }), 'input.target.value'],
    ['an agency the catalog does not know', 'X.AGENCY', hotelYellow({ target: { kind: 'AGENCY', value: '11610725TB7250099X' } }), 'input.target.value'],
    ['a guide the catalog does not know', 'X.GUIDE', hotelYellow({ target: { kind: 'GUIDE', value: '610725000000TB7250054199' } }), 'input.target.value'],
    ['a value for ALL', 'X.ALL', hotelYellow({ target: { kind: 'ALL', value: POLICE } }), 'input.target.value'],
    ['a second rule for the same check and target', 'X.TWICE', hotelYellow(), 'input.target'],
    ['a second ALL rule for the legal deadline', 'X.LEGAL', hotelYellow({ check: 'DEADLINE_OVERRUN', parameters: { deadline: 'LEGAL' }, target: { kind: 'ALL' } }), 'input.target'],
  ] as const)('refuses %s, storing nothing', async (_case, code, input, field) => {
    const before = await versionCount();
    expect(await refusal(create(code, input as RuleInput))).toEqual({ code: 'BAD_USER_INPUT', field });
    expect(await versionCount()).toBe(before);
  });

  it('refuses an empty reason and a change of check on update', async () => {
    expect(await refusal(call(ruleMutations.createSupervisionRule, {}, { code: 'X.REASON', input: hotelYellow({ target: { kind: 'ITEM_TYPE', value: 'LICENSE' } }), reason: ' ' }, contextFor(opened.store, AUDITOR, now)))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'reason',
    });
    expect(await refusal(update('TIMELINESS.HOTEL_YELLOW', hotelYellow({ check: 'STEP_OVERRUN', parameters: {} }), 2))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.check' });
    expect(await refusal(update('NO.SUCH_RULE', hotelYellow(), 1))).toEqual({ code: 'BAD_USER_INPUT', field: 'code' });
  });

  it('lets a disabled version switch a default check off and keeps the history', async () => {
    const [current] = await list(AUDITOR, { check: 'FEE_NOT_CHARGEABLE' });
    const off = await update('FEE.NOT_CHARGEABLE', { type: 'FEE', check: 'FEE_NOT_CHARGEABLE', description: current!.description, parameters: {}, colour: 'RED', target: { kind: 'ALL' }, enabled: false }, 1);
    expect(off).toMatchObject({ version: 2, enabled: false });
    expect((await list(AUDITOR, { enabled: false })).map((rule) => rule.code)).toEqual(['FEE.NOT_CHARGEABLE']);
    const { rows } = await opened.store.query("SELECT version, enabled FROM rule_version WHERE code = 'FEE.NOT_CHARGEABLE' ORDER BY version");
    expect(rows).toEqual([{ version: 1, enabled: true }, { version: 2, enabled: false }]);
  });

  it('keeps rule versions immutable in the store itself', async () => {
    await expect(opened.store.query("UPDATE rule_version SET enabled = false WHERE code = 'FEE.ABOVE_STANDARD'")).rejects.toThrow(/immutable/);
  });

  it('logs every rule write', async () => {
    const { rows } = await opened.store.query("SELECT actor_subject, resource_id FROM access_log WHERE resource_type = 'supervision_rule' ORDER BY sequence");
    expect(rows).toEqual([
      { actor_subject: 'auditor-1', resource_id: 'TIMELINESS.HOTEL_YELLOW' },
      { actor_subject: 'auditor-1', resource_id: 'TIMELINESS.HOTEL_YELLOW' },
      { actor_subject: 'auditor-1', resource_id: 'FEE.NOT_CHARGEABLE' },
    ]);
  });
});
