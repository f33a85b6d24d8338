import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName, maskPhone } from './mask.ts';

describe('masking personal data', () => {
  it('keeps the region and the last four digits of an ID number', () => {
    expect(maskIdNumber('610725199001011234')).toBe('610725********1234');
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });
  it('keeps the first three and last four digits of a phone number', () => {
    expect(maskPhone('13800138000')).toBe('138****8000');
    expect(maskPhone('0916-3221005')).toBe('091****1005');
  });
  it('keeps only the family name', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('王')).toBe('*');
  });
});
