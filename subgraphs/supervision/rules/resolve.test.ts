import { describe, expect, it } from 'vitest';
import { CODE, defaultBook, HOUSING, POLICE, ruleVersion } from '../alerts/testSupport.ts';
import type { AlertTarget } from '../alerts/types.ts';
import { RuleBook } from './resolve.ts';

const HOTEL: AlertTarget = { agency: POLICE, region: '610725', implementationCode: CODE, itemType: 'LICENSE' };
const HOUSING_SERVICE: AlertTarget = { agency: HOUSING, region: '610725', implementationCode: '610725000000TB7250055101', itemType: 'PUBLIC_SERVICE' };
const ORDER_OF_NO_ITEM: AlertTarget = { agency: POLICE, region: '610725', implementationCode: null, itemType: null };

const yellow = (code: string, kind: 'ALL' | 'ITEM_TYPE' | 'AGENCY' | 'GUIDE', value: string | null, workingDaysBefore: number, enabled = true) =>
  ruleVersion({ code, check: 'DEADLINE_APPROACHING', parameters: { workingDaysBefore }, target: { kind, value }, enabled });

describe('rule resolution', () => {
  const book = defaultBook([
    yellow('Y.LICENSE', 'ITEM_TYPE', 'LICENSE', 2),
    yellow('Y.POLICE', 'AGENCY', POLICE, 3),
    yellow('Y.HOTEL', 'GUIDE', CODE, 4),
  ]);

  it('applies the most specific matching rule: guide, then agency, then item type, then all', () => {
    expect(book.applicable('DEADLINE_APPROACHING', HOTEL)?.code).toBe('Y.HOTEL');
    expect(book.applicable('DEADLINE_APPROACHING', { ...HOTEL, implementationCode: '610725000000TB7250054101' })?.code).toBe('Y.POLICE');
    expect(book.applicable('DEADLINE_APPROACHING', { ...HOTEL, agency: HOUSING, implementationCode: null })?.code).toBe('Y.LICENSE');
    expect(book.applicable('DEADLINE_APPROACHING', HOUSING_SERVICE)?.code).toBe('TIMELINESS.PROMISED_YELLOW');
  });

  it('types the parameters of the rule that applies', () => {
    expect(book.applicable('DEADLINE_APPROACHING', HOTEL)?.parameters.workingDaysBefore).toBe(4);
  });

  it('matches item-type and guide rules only where the target names an item', () => {
    expect(book.applicable('DEADLINE_APPROACHING', ORDER_OF_NO_ITEM)?.code).toBe('Y.POLICE');
    expect(defaultBook([yellow('Y.LICENSE', 'ITEM_TYPE', 'LICENSE', 2)]).applicable('DEADLINE_APPROACHING', ORDER_OF_NO_ITEM)?.code).toBe('TIMELINESS.PROMISED_YELLOW');
  });

  it('switches a check off for its target when the most specific rule is disabled, and only there', () => {
    const off = defaultBook([yellow('Y.HOTEL.OFF', 'GUIDE', CODE, 1, false)]);
    expect(off.applicable('DEADLINE_APPROACHING', HOTEL)).toBeNull();
    expect(off.applicable('DEADLINE_APPROACHING', HOUSING_SERVICE)?.code).toBe('TIMELINESS.PROMISED_YELLOW');
    const allOff = new RuleBook([yellow('Y.ALL', 'ALL', null, 1, false), yellow('Y.POLICE', 'AGENCY', POLICE, 2)]);
    expect(allOff.applicable('DEADLINE_APPROACHING', HOUSING_SERVICE)).toBeNull();
    expect(allOff.applicable('DEADLINE_APPROACHING', HOTEL)?.code).toBe('Y.POLICE');
  });

  it('resolves DEADLINE_OVERRUN per deadline: the promised and the legal rule both apply', () => {
    expect(book.applicable('DEADLINE_OVERRUN', HOTEL, 'PROMISED')?.code).toBe('TIMELINESS.PROMISED_RED');
    expect(book.applicable('DEADLINE_OVERRUN', HOTEL, 'LEGAL')?.code).toBe('TIMELINESS.LEGAL_RED');
    expect(book.applicable('DEADLINE_OVERRUN', HOTEL)).toBeNull();
  });

  it('answers null for a check no rule covers', () => {
    expect(new RuleBook([]).applicable('FEE_NOT_CHARGEABLE', HOTEL)).toBeNull();
  });
});
