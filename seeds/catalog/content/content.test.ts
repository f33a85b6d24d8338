import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LEGAL_PERSON_THEMES, NATURAL_PERSON_THEMES } from '../../../subgraphs/catalog/guide/themes.ts';
import { validateGuideContent, validateItemContent } from '../../../subgraphs/catalog/guide/validate.ts';
import { buildCatalogSeed } from '../build.ts';
import { PLANTED_DEFECTS } from './index.ts';
import { PROVISIONS } from './legalBasisData.ts';

const seed = buildCatalogSeed();
const pairs = seed.items.map((item, i) => ({ item, guide: seed.guides[i]! }));
const planted = new Set(PLANTED_DEFECTS.map((d) => d.implementationCode));
const complete = pairs.filter(({ guide }) => !planted.has(guide.implementationCode));
const byName = (name: string) => pairs.find(({ item }) => item.name === name)!;
const files = new Map(seed.files.map((f) => [f.ref.id, f]));

describe('seed contents', () => {
  it('validate with no errors for every item and guide', () => {
    for (const { item, guide } of pairs) {
      expect(validateItemContent(item.content), item.name).toEqual([]);
      expect(validateGuideContent(guide.content, item.content), item.name).toEqual([]);
    }
  });

  it('are built deterministically, files included', () => {
    const again = buildCatalogSeed();
    expect(again.items.map((i) => i.content)).toEqual(seed.items.map((i) => i.content));
    expect(again.guides.map((g) => g.content)).toEqual(seed.guides.map((g) => g.content));
    expect(again.files.map((f) => f.ref)).toEqual(seed.files.map((f) => f.ref));
    expect(again.files.every((f, i) => f.bytes.equals(seed.files[i]!.bytes))).toBe(true);
  });

  it('agree with the keys of the seed rows', () => {
    for (const { item } of pairs) {
      expect(item.content.name).toBe(item.name);
      expect(item.content.type).toBe(item.type);
    }
  });

  it('give every form a blank DOCX and a PDF sample that are in the seed files', () => {
    const forms = complete.flatMap(({ item }) => item.content.materials.filter((m) => m.kind === 'FORM'));
    expect(forms.length).toBeGreaterThanOrEqual(complete.length);
    for (const form of forms) {
      const blank = files.get(form.blankForm!.id)!;
      const sample = files.get(form.sampleForm!.id)!;
      expect(blank.ref.mediaType).toMatch(/wordprocessingml/);
      expect(blank.bytes.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
      expect(sample.ref.mediaType).toBe('application/pdf');
      expect(sample.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    }
  });

  it('store each file once, under the hash it is referred to by', () => {
    expect(new Set(seed.files.map((f) => f.ref.id)).size).toBe(seed.files.length);
    for (const file of seed.files) {
      const sha256 = createHash('sha256').update(file.bytes).digest('hex');
      expect(file.ref).toMatchObject({ sha256, id: sha256.slice(0, 24), size: file.bytes.length });
    }
    const referenced = new Set<string>();
    for (const { item, guide } of pairs) {
      for (const m of item.content.materials) for (const ref of [m.blankForm, m.sampleForm]) if (ref) referenced.add(ref.id);
      if (guide.content.result.sample) referenced.add(guide.content.result.sample.id);
    }
    expect([...referenced].sort()).toEqual([...files.keys()].sort());
  });

  it('make blank forms that unzip', () => {
    if (!existsSync('/usr/bin/unzip')) return;
    const dir = mkdtempSync(join(tmpdir(), 'forms-'));
    try {
      const form = byName('旅馆业特种行业许可证核发').item.content.materials[0]!;
      const path = join(dir, 'form.docx');
      writeFileSync(path, files.get(form.blankForm!.id)!.bytes);
      expect(execFileSync('/usr/bin/unzip', ['-p', path, 'word/document.xml'], { encoding: 'utf8' })).toContain('旅馆业特种行业许可证申请登记表');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('give every license a result sample', () => {
    for (const { item, guide } of pairs.filter(({ item }) => item.type === 'LICENSE')) {
      expect(files.has(guide.content.result.sample?.id ?? ''), item.name).toBe(true);
    }
  });

  it('state 结果公示 outright for licenses and leave the default to every other item', () => {
    const licenses = pairs.filter(({ item }) => item.type === 'LICENSE');
    expect(licenses.length).toBeGreaterThan(0);
    for (const { item, guide } of pairs) {
      expect(guide.content.result.public, item.name).toBe(item.type === 'LICENSE' ? true : undefined);
    }
  });

  it('take themes from the template lists and only for the item\'s service objects', () => {
    for (const { item } of pairs) {
      const { naturalPerson, legalPerson } = item.content.themes;
      for (const t of naturalPerson) expect(NATURAL_PERSON_THEMES).toContain(t);
      for (const t of legalPerson) expect(LEGAL_PERSON_THEMES).toContain(t);
      expect(naturalPerson.length > 0, item.name).toBe(item.content.serviceObjects.includes('NATURAL_PERSON'));
      expect(legalPerson.length > 0, item.name).toBe(item.content.serviceObjects.includes('LEGAL_PERSON'));
    }
    expect(byName('申领、换领、补领居民身份证办理').item.content.themes.naturalPerson).toEqual(['证件办理']);
    expect(byName('户口迁移登记').item.content.themes.naturalPerson).toEqual(['户籍办理']);
    expect(byName('收养登记').item.content.themes.naturalPerson).toEqual(['生育收养']);
  });

  it('leave aliases to the alias list', () => {
    for (const { item } of pairs) expect(item.content.aliases).toEqual([]);
  });
});

describe('complete guides', () => {
  it('have a location down to the window', () => {
    for (const { item, guide } of complete) {
      const { location } = guide.content;
      expect(location.room, item.name).not.toBeNull();
      expect(location.window, item.name).toMatch(/^\d+号窗口$/);
      expect(location).toMatchObject({ province: '陕西省', city: '汉中市', district: '勉县', street: '勉阳镇定军大道', number: '88号' });
    }
  });

  it('have the five steps, each with a limit, a handler and criteria', () => {
    for (const { item, guide } of complete) {
      const kinds = guide.content.process.map((s) => s.kind).filter((k) => k !== 'SPECIAL');
      expect(kinds, item.name).toEqual(['ACCEPT', 'REVIEW', 'DECIDE', 'COMPLETE', 'DELIVER']);
      for (const step of guide.content.process) {
        expect(step.timeLimit, `${item.name} ${step.name}`).not.toBeNull();
        expect(step.handler).toBeTruthy();
        expect(step.criteria).toBeTruthy();
      }
    }
  });

  it('name every material specifically, with source, copies and media', () => {
    for (const { item } of complete) {
      for (const m of item.content.materials) {
        expect(m.name, item.name).not.toMatch(/(其他|相关)(相关)?材料|等材料$/);
        expect(m.media.length).toBeGreaterThan(0);
        expect(m.copies).toBeGreaterThan(0);
        if (m.source === 'AGENCY_ISSUED') expect(m.issuingAgency).toBeTruthy();
      }
    }
  });

  it('cite an article of every legal basis, never an elided text, and keep licence promises within half the legal limit', () => {
    for (const { item, guide } of complete) {
      for (const basis of item.content.legalBasis) {
        expect(basis.article, item.name).toBeTruthy();
        // Texts still to be entered from the official publication are null (legalBasisData.ts).
        if (basis.text !== null) expect(basis.text, item.name).not.toMatch(/…/);
      }
      const { legalTimeLimit } = item.content;
      const promised = guide.content.promisedTimeLimit;
      if (item.type === 'LICENSE' && legalTimeLimit && promised && legalTimeLimit.unit === promised.unit) {
        expect(promised.value * 2, item.name).toBeLessThanOrEqual(legalTimeLimit.value);
      }
    }
  });

  it('state case kind, limits in one unit, visits and a fresh review', () => {
    for (const { item, guide } of complete) {
      expect(item.content.legalTimeLimit, item.name).not.toBeNull();
      if (guide.content.caseKind === 'PROMISED') expect(guide.content.promisedTimeLimit!.unit).toBe(item.content.legalTimeLimit!.unit);
      expect(item.content.policyReviewedOn).toBe('2026-09-01');
      expect(guide.content.reviewedOn).toBe('2026-09-01');
      expect(guide.content.faq.length).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('showcase items', () => {
  it('charge the 居民身份证 fee of 20 yuan and nothing for most items', () => {
    const idCard = byName('申领、换领、补领居民身份证办理').guide.content;
    expect(idCard.fees).toMatchObject({ charged: true, items: [{ name: '居民身份证工本费', amountYuan: 20 }] });
    expect(idCard.fees.items[0]!.basis).toContain('发改价格〔2003〕2322号');
    expect(idCard.onlinePayment.available).toBe(true);
    expect(complete.filter(({ guide }) => guide.content.fees.charged).length).toBeLessThan(10);
  });

  it('mark deferrable and conditional materials and their situations', () => {
    const hotel = byName('旅馆业特种行业许可证核发').item.content;
    expect(hotel.materials.some((m) => m.deferrable)).toBe(true);
    const homestead = byName('农村村民宅基地审批');
    expect(homestead.item.content.materials.some((m) => m.requirement === 'CONDITIONAL' && m.condition)).toBe(true);
    expect(homestead.item.content.situations.map((s) => s.name)).toEqual(['分户新建', '拆旧建新（异地）']);
    expect(homestead.guide.content.process.find((s) => s.kind === 'SPECIAL')).toMatchObject({ special: 'SITE_INSPECTION' });
    expect(byName('建设工程消防设计审核和消防验收').guide.content.process.some((s) => s.special === 'SITE_INSPECTION')).toBe(true);
  });

  it('cite the laws that set them', () => {
    const basis = (name: string) => byName(name).item.content.legalBasis.map((b) => `${b.title}${b.article}`);
    expect(basis('申领、换领、补领居民身份证办理')).toContain('《中华人民共和国居民身份证法》第十二条');
    expect(basis('社会团体成立(备案)、变更、注销登记')).toContain('《社会团体登记管理条例》第十一条');
    expect(basis('农村村民宅基地审批')).toEqual(['《中华人民共和国土地管理法》第六十二条', '《中华人民共和国行政许可法》第四十二条']);
    expect(basis('旅馆业特种行业许可证核发')).toEqual(['《中华人民共和国行政许可法》第四十二条', '《旅馆业治安管理办法》第四条']);
    expect(byName('申领、换领、补领居民身份证办理').item.content.legalTimeLimit).toEqual({ value: 60, unit: 'NATURAL_DAY' });
  });

  it('use immediate cases for simple confirmations', () => {
    expect(byName('税务登记设立、变更、注销').guide.content).toMatchObject({ caseKind: 'IMMEDIATE', promisedTimeLimit: null });
    expect(byName('娱乐场所备案').guide.content.caseKind).toBe('IMMEDIATE');
  });

  it('mark sample texts as such', () => {
    const quoted = Object.values(PROVISIONS);
    for (const p of quoted.filter((q) => q.quoted === 'sample')) expect(p.text).toContain('示例数据');
    // Provisions still waiting for their official text carry none, rather than an unsourced one.
    for (const p of quoted.filter((q) => q.quoted === 'pending')) expect(p.text).toBeNull();
    for (const p of quoted.filter((q) => q.quoted === 'recalled')) expect(p.text).toBeTruthy();
  });
});
