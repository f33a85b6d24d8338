/**
 * Text tests shared by the rules. Guides imported from older systems fill unknown elements with
 * placeholders rather than leaving them empty, and the evaluation counts those as missing.
 */
const PLACEHOLDERS = new Set(['无', '暂无', '不详', '待定', '待补充', '空', '略', '-', '--', '—', '——', '/', '／', 'null', 'n/a', 'na']);

export function isBlank(value: string | null | undefined): boolean {
  if (value === null || value === undefined) return true;
  const trimmed = value.trim();
  return trimmed === '' || PLACEHOLDERS.has(trimmed.toLowerCase());
}

/** Room, window and house numbers may be written in Arabic, full-width or Chinese numerals. */
export function hasNumeral(value: string): boolean {
  return /[0-9０-９一二三四五六七八九十百零〇]/.test(value);
}

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 42, 四十二, 一百零三 → numbers; null when the text is not a numeral. */
export function parseNumeral(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  if (!/^[零〇一二两三四五六七八九十百千]+$/.test(text)) return null;
  let total = 0;
  let digit = 0;
  for (const c of text) {
    const unit = UNITS[c];
    if (unit === undefined) {
      digit = DIGITS[c]!;
      continue;
    }
    // 十 alone means ten: 十二 is 12, not 2.
    total += (digit === 0 ? 1 : digit) * unit;
    digit = 0;
  }
  return total + digit;
}

const CITATION = /第([0-9零〇一二两三四五六七八九十百千]+)(条|款|项)/g;

/**
 * 第四十二条第一款第（二）项 → [42, 1, 2]: the key seed 003 (3.3.5.4) orders provisions of one
 * document by. Null when the citation names no article, paragraph or item.
 */
export function citationKey(article: string): number[] | null {
  const parts: Record<string, number> = {};
  for (const match of article.replace(/[（(]([^）)]+)[）)]/g, '$1').matchAll(CITATION)) {
    const value = parseNumeral(match[1]!);
    if (value !== null && parts[match[2]!] === undefined) parts[match[2]!] = value;
  }
  if (Object.keys(parts).length === 0) return null;
  return [parts['条'] ?? 0, parts['款'] ?? 0, parts['项'] ?? 0];
}

export function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
