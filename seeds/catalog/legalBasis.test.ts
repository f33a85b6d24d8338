import { describe, expect, it } from 'vitest';
import { sampleLegalBasis } from './legalBasis.ts';
import type { CatalogEntry } from './types.ts';

const power = (group: string, seq: number, name: string): CatalogEntry => ({ class: '行政职权事项', group, seq, name });

describe('sampleLegalBasis', () => {
  it('names the disclosure regulation for every disclosure item', () => {
    const entry = { class: '政府信息公开事项', group: '财政专项资金管理和使用情况', seq: 47, name: '新型农村社会养老保险补助资金管理和使用情况' };
    expect(sampleLegalBasis(entry, 'DISCLOSURE')).toMatch(/^《中华人民共和国政府信息公开条例》/);
  });

  it('prefers the specific law over the group default', () => {
    expect(sampleLegalBasis(power('税务工作', 248, '社会保险费征收'), 'LEVY')).toMatch(/^《中华人民共和国社会保险法》/);
    expect(sampleLegalBasis(power('税务工作', 226, '增值税征收'), 'LEVY')).toMatch(/^《中华人民共和国税收征收管理法》/);
    expect(sampleLegalBasis(power('交通运输工作', 141, '机动车维修经营许可'), 'LICENSE')).toMatch(/道路运输条例/);
    expect(sampleLegalBasis(power('公安工作', 32, '机动车登记'), 'CONFIRMATION')).toMatch(/道路交通安全法/);
  });

  it('falls back to the licensing law, then to a placeholder, both marked as samples', () => {
    const license = sampleLegalBasis(power('商务工作', 193, '依法由县级政府办理的三资企业解散、清算审批'), 'LICENSE');
    expect(license).toMatch(/^《中华人民共和国行政许可法》（示例数据/);
    const other = sampleLegalBasis(power('教育工作', 8, '转学、休学手续办理'), 'OTHER_POWER');
    expect(other).toMatch(/^《有关法律、法规和规章》（示例数据/);
  });
});
