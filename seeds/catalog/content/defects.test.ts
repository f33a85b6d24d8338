import { describe, expect, it } from 'vitest';
import { validateGuideContent, validateItemContent } from '../../../subgraphs/catalog/guide/validate.ts';
import { buildCatalogSeed } from '../build.ts';
import { PLANTED_DEFECTS } from './index.ts';

const seed = buildCatalogSeed();

function pair(implementationCode: string) {
  const index = seed.guides.findIndex((g) => g.implementationCode === implementationCode);
  return index < 0 ? undefined : { guide: seed.guides[index]!, item: seed.items[index]! };
}

/** Reads a content element by its path, e.g. materials[3].name. */
function elementAt(content: unknown, path: string): unknown {
  return path.split(/\.|(?=\[)/).reduce<unknown>((value, part) => {
    const index = /^\[(\d+)\]$/.exec(part);
    return (value as Record<string, unknown>)[index ? Number(index[1]) : part];
  }, content);
}

describe('PLANTED_DEFECTS', () => {
  it('names six distinct 勉县 guides by code and item', () => {
    expect(PLANTED_DEFECTS).toHaveLength(6);
    expect(new Set(PLANTED_DEFECTS.map((d) => d.implementationCode)).size).toBe(6);
    for (const defect of PLANTED_DEFECTS) {
      const found = pair(defect.implementationCode);
      expect(found, defect.itemName).toBeDefined();
      expect(found!.item.name).toBe(defect.itemName);
      expect(found!.guide.isSample).toBe(true);
    }
  });

  it('leaves every defective guide valid data', () => {
    for (const defect of PLANTED_DEFECTS) {
      const { item, guide } = pair(defect.implementationCode)!;
      expect(validateItemContent(item.content), defect.itemName).toEqual([]);
      expect(validateGuideContent(guide.content, item.content), defect.itemName).toEqual([]);
    }
  });

  it('plants what each entry says, at the element it names', () => {
    const at = (name: string) => {
      const defect = PLANTED_DEFECTS.find((d) => d.itemName === name)!;
      const { item, guide } = pair(defect.implementationCode)!;
      return { defect, item: item.content, guide: guide.content };
    };
    const license = at('建筑工程施工许可证核发');
    expect(license.guide.promisedTimeLimit!.value * 2).toBeGreaterThan(license.item.legalTimeLimit!.value);
    expect(license.guide.promisedTimeLimit!.value).toBeLessThanOrEqual(license.item.legalTimeLimit!.value);

    const place = at('娱乐场所备案');
    expect(elementAt(place.guide, place.defect.element)).toBeNull();
    expect(place.guide.location.room).toBeNull();

    const catchAll = at('临时身份证办理');
    expect(elementAt(catchAll.item, catchAll.defect.element)).toBe('其他相关材料');

    const form = at('第三类非药品类易制毒化学品经营备案');
    expect(elementAt(form.item, form.defect.element)).toBeNull();
    expect(form.item.materials[0]).toMatchObject({ kind: 'FORM', blankForm: expect.objectContaining({ mediaType: expect.stringContaining('wordprocessingml') }) });

    const process = at('机动车登记');
    expect(process.guide.process.map((s) => s.kind)).toEqual(['ACCEPT', 'REVIEW', 'DECIDE', 'COMPLETE']);

    const basis = at('律师事务所年度检查考核(初审)');
    expect(elementAt(basis.item, basis.defect.element)).toBeNull();
    expect(basis.item.legalBasis[0]!.title).toBe('《中华人民共和国律师法》');
  });
});
