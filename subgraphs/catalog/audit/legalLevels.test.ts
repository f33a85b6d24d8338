import { describe, expect, it } from 'vitest';
import { auditGuide } from './audit.ts';
import { hotelLicenseInput } from './fixtures.ts';

describe('legal levels of laws whose titles do not end in 法', () => {
  it('accepts 《中华人民共和国户口登记条例》 as a law and refuses it as a regulation', () => {
    const input = hotelLicenseInput();
    input.item.legalBasis[0] = { ...input.item.legalBasis[0]!, title: '《中华人民共和国户口登记条例》', level: 'LAW' };
    expect(auditGuide(input).findings.filter((finding) => finding.rule === 'LEGAL_BASIS_LEVEL')).toEqual([]);
    input.item.legalBasis[0] = { ...input.item.legalBasis[0], level: 'ADMINISTRATIVE_REGULATION' };
    expect(auditGuide(input).findings.map((finding) => finding.rule)).toContain('LEGAL_BASIS_LEVEL');
  });
});
