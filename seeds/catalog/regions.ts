import { checkRegionCode, parentRegionCode, regionLevel } from '../../lib/codes/index.ts';
import type { RegionSeed } from './types.ts';

/** 勉县 is the pilot county; its province, its city and its sibling counties are seeded around it. */
export const COUNTY_REGION_CODE = '610725';

const REGION_NAMES: readonly (readonly [code: string, name: string])[] = [
  ['610000', '陕西省'],
  ['610700', '汉中市'],
  ['610702', '汉台区'],
  ['610703', '南郑区'],
  ['610722', '城固县'],
  ['610723', '洋县'],
  ['610724', '西乡县'],
  ['610725', '勉县'],
  ['610726', '宁强县'],
  ['610727', '略阳县'],
  ['610728', '镇巴县'],
  ['610729', '留坝县'],
  ['610730', '佛坪县'],
];

/** Level and parent are derived from the code so the seed cannot contradict GB/T 2260's structure. */
export function buildRegionSeeds(): RegionSeed[] {
  return REGION_NAMES.map(([code, name]) => {
    const check = checkRegionCode(code);
    if (!check.ok) throw new RangeError(`region ${code}: ${check.reason}`);
    return { code, name, level: regionLevel(code), parentCode: parentRegionCode(code) };
  });
}
