import type { Hours, Location, TimePeriod } from '../../../subgraphs/catalog/guide/content.ts';

/**
 * Where and when the sample guides are handled: every 勉县 agency has a window in the county
 * service hall (政务服务大厅). Floor and zone follow the agency's serial so they stay stable;
 * the address and the numbers are illustrative.
 */
export function hallLocation(agencySerial: number): Location {
  const floor = agencySerial <= 16 ? '一楼' : '二楼';
  const zone = agencySerial <= 16 ? 'A区' : 'B区';
  return {
    province: '陕西省',
    city: '汉中市',
    district: '勉县',
    street: '勉阳镇定军大道',
    number: '88号',
    building: '勉县政务服务大厅',
    room: `${floor}${zone}`,
    window: `${agencySerial}号窗口`,
  };
}

const MORNING: TimePeriod = { from: '08:30', to: '12:00' };
const AFTERNOON: TimePeriod = { from: '14:30', to: '18:00' };

function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Monday to Friday, two sessions. The exceptions show the 2019 Spring Festival as the State
 * Council's holiday notice set it (国办发明电〔2018〕15号): closed 4–10 February, with the weekend
 * of 2–3 February worked instead.
 */
export function hallHours(): Hours {
  const closed = [4, 5, 6, 7, 8, 9, 10].map((day) => ({
    date: isoDate(2019, 2, day),
    closed: true,
    periods: [],
    note: '春节放假',
  }));
  const madeUp = [2, 3].map((day) => ({
    date: isoDate(2019, 2, day),
    closed: false,
    periods: [{ ...MORNING }, { ...AFTERNOON }],
    note: '春节调休上班',
  }));
  return {
    weekly: [1, 2, 3, 4, 5].map((day) => ({ day, periods: [{ ...MORNING }, { ...AFTERNOON }] })),
    exceptions: [...madeUp, ...closed],
    note: '法定节假日休息，节假日调休以国务院办公厅通知为准（示例数据）',
  };
}

/** 0916 is 汉中's area code and 32 the 勉县 exchange prefix; 210nn consults, 220nn supervises. */
export function consultationPhone(agencySerial: number): string {
  return `0916-32${String(21000 + agencySerial)}`;
}

export function supervisionPhone(agencySerial: number): string {
  return `0916-32${String(22000 + agencySerial)}`;
}
