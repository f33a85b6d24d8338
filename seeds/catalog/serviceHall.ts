/**
 * Sample contact details of the 勉县 service hall, where every seeded guide is
 * handled. Window and phone derive from the agency's serial, so they are stable.
 */
const HALL_ADDRESS = '陕西省汉中市勉县勉阳镇定军大道88号 勉县政务服务大厅';

export const HALL_HOURS = '周一至周五 08:30-12:00 14:30-18:00';

export function hallLocation(agencySerial: number): string {
  return `${HALL_ADDRESS} ${agencySerial}号窗口`;
}

/** 0916 is 汉中's area code and 32 the 勉县 exchange prefix. */
export function hallPhone(agencySerial: number): string {
  return `0916-32${String(21000 + agencySerial).padStart(5, '0')}`;
}
