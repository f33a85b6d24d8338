import { describe, expect, it } from 'vitest';
import { normalizeResultInput, payloadDigest, type CaseResultInputValue } from './input.ts';
import { resultInput } from './testSupport.ts';

const input = (overrides: Record<string, unknown> = {}) => resultInput(overrides) as unknown as CaseResultInputValue;

describe('normalising a result for storage', () => {
  it('keeps only the masked applicant, also where the case or document name spells it out', () => {
    const record = normalizeResultInput(input({ applicantName: ' 欧阳娜娜 ', caseName: '欧阳娜娜食品经营许可申请', documentName: '欧阳娜娜的许可证' }));
    expect(record.applicantName).toBe('欧***');
    expect(record.caseName).toBe('欧***食品经营许可申请');
    expect(record.documentName).toBe('欧***的许可证');
    expect(JSON.stringify(record)).not.toContain('欧阳娜娜');
  });

  it('does not replace a one-character name inside other words', () => {
    expect(normalizeResultInput(input({ applicantName: '王', caseName: '王家庄食品经营许可' })).caseName).toBe('王家庄食品经营许可');
  });

  it('stores the completion instant in UTC with milliseconds, whatever offset and precision it came with', () => {
    expect(normalizeResultInput(input({ completedAt: '2025-03-11T10:00:00.123456789+08:00' })).completedAt).toBe('2025-03-11T02:00:00.123Z');
    expect(normalizeResultInput(input({ completedAt: '2025-03-11T10:00+08:00' })).completedAt).toBe('2025-03-11T02:00:00.000Z');
  });

  it('treats absent and null optional fields alike', () => {
    const { opinion, reason, documentName, documentNumber, deliveryMethod, ...required } = resultInput();
    void opinion, reason, documentName, documentNumber, deliveryMethod;
    const absent = normalizeResultInput(required as unknown as CaseResultInputValue);
    const nulls = normalizeResultInput(input({ opinion: null, reason: null, documentName: null, documentNumber: null, deliveryMethod: null }));
    expect(absent).toEqual(nulls);
    expect(payloadDigest(absent)).toBe(payloadDigest(nulls));
  });
});

describe('the payload digest', () => {
  const digest = (overrides: Record<string, unknown> = {}) => payloadDigest(normalizeResultInput(input(overrides)));

  it('changes with every stored field', () => {
    const base = digest();
    for (const change of [
      { caseName: '食品经营许可（变更）' },
      { itemName: '食品生产许可' },
      { itemType: 'CONFIRMATION' },
      { publish: false },
      { applicantName: '李华' },
      { kind: 'COMPLETED' },
      { status: '办结' },
      { opinion: '准予' },
      { reason: '理由' },
      { attachments: [] },
      { attachments: [{ name: '食品经营许可证', reference: 'certs/other' }] },
      { completedAt: '2025-03-11T10:00:00.001+08:00' },
      { documentName: '许可证' },
      { documentNumber: 'JY2' },
      { deliveryMethod: 'WINDOW' },
      { agency: '11610725TB72500625' },
    ]) {
      expect(digest(change), JSON.stringify(change)).not.toBe(base);
    }
  });

  it('cannot tell names apart that mask alike: the full name is never kept, not even as a digest', () => {
    expect(digest({ applicantName: '王明' })).toBe(digest({ applicantName: '王芳' }));
  });
});
