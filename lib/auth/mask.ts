/**
 * Masking of personal data for readers who may see that a record exists but not who it is about
 * (GB/T 35273 practice: keep enough to recognise, not enough to identify).
 */

/** 610725199001011234 → 610725********1234: the region and the last four stay. */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length <= 10) return '*'.repeat(idNumber.length);
  return `${idNumber.slice(0, 6)}${'*'.repeat(idNumber.length - 10)}${idNumber.slice(-4)}`;
}

/** 13800138000 → 138****8000; separators are dropped (0916-3221005 → 091****1005). */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return '*'.repeat(phone.length);
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}

/** 张三 → 张*, 欧阳娜娜 → 欧***: the family name stays (it does not single a person out). */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return '*';
  return `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}
