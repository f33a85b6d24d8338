import { fail, pass } from './check.ts';
import type { CodeCheck } from './check.ts';

/**
 * Item type codes, the first two digits of a basic code (基本编码). 01-10 and 20
 * follow national practice; 21 and 22 are Tongban's own extension for the
 * 便民服务 and 政府信息公开 classes of seed 001.
 */
export const ITEM_TYPES = [
  { type: 'LICENSE', code: '01', name: '行政许可' },
  { type: 'PUNISHMENT', code: '02', name: '行政处罚' },
  { type: 'ENFORCEMENT', code: '03', name: '行政强制' },
  { type: 'LEVY', code: '04', name: '行政征收' },
  { type: 'PAYMENT', code: '05', name: '行政给付' },
  { type: 'INSPECTION', code: '06', name: '行政检查' },
  { type: 'CONFIRMATION', code: '07', name: '行政确认' },
  { type: 'REWARD', code: '08', name: '行政奖励' },
  { type: 'ADJUDICATION', code: '09', name: '行政裁决' },
  { type: 'OTHER_POWER', code: '10', name: '其他行政权力' },
  { type: 'PUBLIC_SERVICE', code: '20', name: '公共服务' },
  { type: 'CONVENIENCE', code: '21', name: '便民服务' },
  { type: 'DISCLOSURE', code: '22', name: '政府信息公开' },
] as const;

export type ItemType = (typeof ITEM_TYPES)[number]['type'];

const MAX_MAIN = 99_999;
const MAX_SUB = 999;

export interface BasicCodeParts {
  type: ItemType;
  /** 主项, 1-99999. */
  main: number;
  /** 子项, 0 when the item has none. */
  sub: number;
}

function itemTypeCode(type: ItemType): string {
  return ITEM_TYPES.find((t) => t.type === type)!.code;
}

/** Builds a basic code. Throws RangeError when main or sub is out of range (a programming error). */
export function makeBasicCode(type: ItemType, main: number, sub = 0): string {
  if (!Number.isInteger(main) || main < 1 || main > MAX_MAIN) throw new RangeError(`main should be 1-${MAX_MAIN}`);
  if (!Number.isInteger(sub) || sub < 0 || sub > MAX_SUB) throw new RangeError(`sub should be 0-${MAX_SUB}`);
  return itemTypeCode(type) + String(main).padStart(5, '0') + String(sub).padStart(3, '0');
}

export function checkBasicCode(s: string): CodeCheck {
  if (!/^\d{10}$/.test(s)) return fail('expected 10 digits');
  const typeCode = s.slice(0, 2);
  if (!ITEM_TYPES.some((t) => t.code === typeCode)) return fail(`'${typeCode}' is not a known item type code`);
  if (Number(s.slice(2, 7)) < 1) return fail('main item should be at least 00001');
  return pass();
}

export function parseBasicCode(s: string): BasicCodeParts | null {
  if (!checkBasicCode(s).ok) return null;
  const type = ITEM_TYPES.find((t) => t.code === s.slice(0, 2))!.type;
  return { type, main: Number(s.slice(2, 7)), sub: Number(s.slice(7, 10)) };
}
