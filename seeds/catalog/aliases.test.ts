import { describe, expect, it } from 'vitest';
import { ALIASES } from './aliases.ts';
import { CATALOG } from './catalog.ts';

const names = new Set(CATALOG.map((entry) => entry.name));
const entries = Object.entries(ALIASES);

describe('ALIASES', () => {
  it('keys every alias list by a real item name, spelled as basic-catalog.json spells it', () => {
    expect(entries.map(([name]) => name).filter((name) => !names.has(name))).toEqual([]);
  });

  it('has at least 80 everyday names over at least 50 items', () => {
    expect(entries.length).toBeGreaterThanOrEqual(50);
    expect(entries.reduce((sum, [, aliases]) => sum + aliases.length, 0)).toBeGreaterThanOrEqual(80);
  });

  it('has no blank, repeated or self-naming aliases', () => {
    for (const [name, aliases] of entries) {
      expect(aliases.length, name).toBeGreaterThan(0);
      expect(new Set(aliases).size, name).toBe(aliases.length);
      for (const alias of aliases) {
        expect(alias.trim(), name).toBe(alias);
        expect(alias.length, name).toBeGreaterThanOrEqual(2);
        expect(alias, name).not.toBe(name);
      }
    }
  });

  it('carries the 2019 index keywords to the items that serve them (seed 004)', () => {
    const itemsFor = (alias: string) => entries.filter(([, aliases]) => aliases.includes(alias)).map(([name]) => name);
    expect(itemsFor('超限运输')).toEqual(['铁轮车、履带车、超限车辆和其他可能损害公路路面的机具或者车辆公路行驶审批']);
    expect(itemsFor('施工许可')).toEqual(['建筑工程施工许可证核发']);
    expect(itemsFor('企业开办')).toEqual(expect.arrayContaining(['企业登记', '企业名称预先核准', '刻制公章备案', '税务登记设立、变更、注销']));
    expect(itemsFor('不动产登记')).toEqual(
      expect.arrayContaining(['土地登记', '宅基地使用权初始登记', '国有土地范围内房屋所有权登记', '集体土地范围内房屋登记']),
    );
  });
});
