/**
 * Phone numbers as published in guides. The evaluation dials them from outside the county, so a
 * landline needs its area code; hotlines (12345, 12315 …), mobiles and 400 numbers stand alone.
 */
const PATTERNS = [
  /^0(?:10|2\d)-?\d{8}$/, // Beijing and the 02x cities: 3-digit area code, 8-digit number
  /^0[3-9]\d{2}-?\d{7,8}$/, // elsewhere: 4-digit area code
  /^1[3-9]\d{9}$/, // mobile
  /^12\d{3}$/, // government hotlines
  /^95\d{3,6}$/, // national service numbers
  /^400-?\d{3}-?\d{4}$/,
];

const EXTENSION = /(?:转|-|ext\.?|分机)\d{1,6}$/i;

function normalize(part: string): string {
  return part
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[－—–]/g, '-')
    .replace(/\s+/g, '')
    .replace(/^[（(](0\d{2,3})[）)]-?/, '$1-');
}

export function splitPhones(value: string): string[] {
  return value
    .split(/[、，,;；\/]|或/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

function isValidOne(part: string): boolean {
  const n = normalize(part);
  return PATTERNS.some((p) => p.test(n)) || PATTERNS.some((p) => p.test(n.replace(EXTENSION, '')));
}

/** Null when every number listed is well-formed; otherwise why not, in Chinese. */
export function phoneProblem(value: string): string | null {
  const parts = splitPhones(value);
  if (parts.length === 0) return '未填写号码';
  for (const part of parts) {
    if (isValidOne(part)) continue;
    if (/^\d{7,8}$/.test(normalize(part))) return `「${part}」缺少区号`;
    return `「${part}」不是有效的电话号码`;
  }
  return null;
}

/** The numbers a value lists, normalized, for comparing two phone elements. */
export function phoneSet(value: string): Set<string> {
  return new Set(splitPhones(value).map((p) => normalize(p).replace(/-/g, '')));
}
