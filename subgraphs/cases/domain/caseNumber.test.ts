import { describe, expect, it } from 'vitest';
import {
  CaseSequenceOverflowError,
  caseNumberYear,
  checkCaseNumber,
  formatCaseNumber,
  parseCaseNumber,
} from './caseNumber.ts';

const CODE = '610725000000000013338107';

describe('case numbers', () => {
  it('are the implementation code, the two-digit year and a six-digit sequence', () => {
    const number = formatCaseNumber(CODE, 2025, 42);
    expect(number).toBe('61072500000000001333810725000042');
    expect(number).toHaveLength(32);
    expect(checkCaseNumber(number)).toEqual({ ok: true });
    expect(parseCaseNumber(number)).toEqual({ implementationCode: CODE, year: 2025, sequence: 42 });
  });

  it('cover the whole sequence range and the century', () => {
    expect(parseCaseNumber(formatCaseNumber(CODE, 2000, 1))).toEqual({ implementationCode: CODE, year: 2000, sequence: 1 });
    expect(parseCaseNumber(formatCaseNumber(CODE, 2099, 999_999))).toEqual({ implementationCode: CODE, year: 2099, sequence: 999_999 });
  });

  it('refuse a sequence past 999999 with an error the caller can tell apart', () => {
    let caught: unknown;
    try {
      formatCaseNumber(CODE, 2025, 1_000_000);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CaseSequenceOverflowError);
    expect(caught).toBeInstanceOf(RangeError);
    expect(caught).toMatchObject({ implementationCode: CODE, year: 2025, sequence: 1_000_000 });
  });

  it('treat other bad parts as programming errors', () => {
    const plain = (fn: () => unknown) => {
      expect(fn).toThrow(RangeError);
      expect(fn).not.toThrow(CaseSequenceOverflowError);
    };
    plain(() => formatCaseNumber('610725000000000013339107', 2025, 1));
    expect(() => formatCaseNumber('610725000000000013339107', 2025, 1)).toThrow(/^implementation code: organization code part/);
    plain(() => formatCaseNumber(CODE, 25, 1));
    plain(() => formatCaseNumber(CODE, 2100, 1));
    plain(() => formatCaseNumber(CODE, 2025, 0));
    plain(() => formatCaseNumber(CODE, 2025, 1.5));
  });

  it('explain why a string is not a case number', () => {
    const reasonOf = (s: string) => {
      const check = checkCaseNumber(s);
      return check.ok ? null : check.reason;
    };
    expect(reasonOf(`${CODE}2500004`)).toBe('expected 32 characters');
    expect(reasonOf(`610725000000000013339107${'25000001'}`)).toMatch(/^implementation code part: organization code part/);
    expect(reasonOf(`990725000000000013338107${'25000001'}`)).toMatch(/^implementation code part: region part/);
    expect(reasonOf(`${CODE}2A000001`)).toBe('year part should be 2 digits');
    expect(reasonOf(`${CODE}25000A01`)).toBe('sequence part should be 6 digits');
    expect(reasonOf(`${CODE}25000000`)).toBe('sequence part starts at 000001');
    expect(parseCaseNumber(`${CODE}25000000`)).toBeNull();
  });

  it('take the year of the submission in China, not on the server', () => {
    expect(caseNumberYear(new Date('2024-12-31T15:59:59Z'))).toBe(2024);
    expect(caseNumberYear(new Date('2024-12-31T16:00:00Z'))).toBe(2025);
  });
});
