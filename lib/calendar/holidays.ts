/**
 * The working-day calendar as the State Council publishes it each year (国务院办公厅关于 YYYY 年部分节假日安排的通知).
 * It is data, not a rule: weekends are off and weekdays are working days except where a notice says otherwise,
 * and only those exceptions are written down here.
 *
 * Each year's entry holds the dates *of that calendar year*. A notice sometimes reaches into the year before
 * (the 2019 notice made 2018-12-29 a working day and 2018-12-31 a day off); such dates belong in the earlier
 * year's entry, so coverage of a date never depends on which notice decided it.
 *
 * Computed deadlines are stored with `version`: whenever any date here changes, bump it, so a deadline can be
 * traced to the data it was computed with (calendarData.test.ts fails until you do).
 *
 * Written from memory of the notices, not copied from them: every year must be checked against the published
 * notice (www.gov.cn) before this is relied on in production. The ones least certain are marked.
 */
export type CalendarYear = {
  /** The notice's document number, or null where it is not known for sure. */
  notice: string | null;
  /** Later notices that changed this year's arrangement. */
  amendedBy?: string[];
  /** Weekdays (Mon–Fri) that are days off. Holidays falling on a weekend change nothing and are left out. */
  offDays: string[];
  /** Weekend days that are working days (调休上班). */
  workDays: string[];
};

export type CalendarData = {
  version: string;
  years: Record<number, CalendarYear>;
};

export const CALENDAR_DATA: CalendarData = {
  version: '2026-01',
  years: {
    2019: {
      notice: '国办发明电〔2018〕15号',
      // The May Day holiday was lengthened from one day to four after the original notice.
      amendedBy: ['国办发明电〔2019〕2号'],
      offDays: [
        '2019-01-01', // 元旦 (2018-12-30 – 2019-01-01; the 2018-12-29 make-up day is 2018's)
        '2019-02-04', '2019-02-05', '2019-02-06', '2019-02-07', '2019-02-08', // 春节 02-04 – 02-10
        '2019-04-05', // 清明
        '2019-05-01', '2019-05-02', '2019-05-03', // 劳动节 05-01 – 05-04 (amended)
        '2019-06-07', // 端午
        '2019-09-13', // 中秋
        '2019-10-01', '2019-10-02', '2019-10-03', '2019-10-04', '2019-10-07', // 国庆 10-01 – 10-07
      ],
      workDays: ['2019-02-02', '2019-02-03', '2019-04-28', '2019-05-05', '2019-09-29', '2019-10-12'],
    },
    2020: {
      notice: '国办发明电〔2019〕16号',
      // Spring Festival extended to 02-02 because of COVID-19, which also cancelled the 02-01 (Sat) make-up day.
      // Some provinces extended further by local notice; those are not national and are not here.
      amendedBy: ['国办发明电〔2020〕1号'],
      offDays: [
        '2020-01-01', // 元旦
        '2020-01-24', '2020-01-27', '2020-01-28', '2020-01-29', '2020-01-30', '2020-01-31', // 春节 01-24 – 02-02 (extended)
        '2020-04-06', // 清明 04-04 – 04-06
        '2020-05-01', '2020-05-04', '2020-05-05', // 劳动节 05-01 – 05-05
        '2020-06-25', '2020-06-26', // 端午 06-25 – 06-27
        '2020-10-01', '2020-10-02', '2020-10-05', '2020-10-06', '2020-10-07', '2020-10-08', // 国庆、中秋 10-01 – 10-08
      ],
      workDays: ['2020-01-19', '2020-04-26', '2020-05-09', '2020-06-28', '2020-09-27', '2020-10-10'],
    },
    2021: {
      notice: '国办发明电〔2020〕27号',
      offDays: [
        '2021-01-01', // 元旦 01-01 – 01-03
        '2021-02-11', '2021-02-12', '2021-02-15', '2021-02-16', '2021-02-17', // 春节 02-11 – 02-17
        '2021-04-05', // 清明 04-03 – 04-05
        '2021-05-03', '2021-05-04', '2021-05-05', // 劳动节 05-01 – 05-05
        '2021-06-14', // 端午 06-12 – 06-14
        '2021-09-20', '2021-09-21', // 中秋 09-19 – 09-21
        '2021-10-01', '2021-10-04', '2021-10-05', '2021-10-06', '2021-10-07', // 国庆 10-01 – 10-07
      ],
      workDays: ['2021-02-07', '2021-02-20', '2021-04-25', '2021-05-08', '2021-09-18', '2021-09-26', '2021-10-09'],
    },
    2022: {
      notice: '国办发明电〔2021〕11号',
      offDays: [
        '2022-01-03', // 元旦 01-01 – 01-03
        '2022-01-31', '2022-02-01', '2022-02-02', '2022-02-03', '2022-02-04', // 春节 01-31 – 02-06
        '2022-04-04', '2022-04-05', // 清明 04-03 – 04-05
        '2022-05-02', '2022-05-03', '2022-05-04', // 劳动节 04-30 – 05-04
        '2022-06-03', // 端午 06-03 – 06-05
        '2022-09-12', // 中秋 09-10 – 09-12
        '2022-10-03', '2022-10-04', '2022-10-05', '2022-10-06', '2022-10-07', // 国庆 10-01 – 10-07
      ],
      workDays: ['2022-01-29', '2022-01-30', '2022-04-02', '2022-04-24', '2022-05-07', '2022-10-08', '2022-10-09'],
    },
    2023: {
      notice: '国办发明电〔2022〕16号',
      offDays: [
        '2023-01-02', // 元旦 2022-12-31 – 2023-01-02
        '2023-01-23', '2023-01-24', '2023-01-25', '2023-01-26', '2023-01-27', // 春节 01-21 – 01-27
        '2023-04-05', // 清明
        '2023-05-01', '2023-05-02', '2023-05-03', // 劳动节 04-29 – 05-03
        '2023-06-22', '2023-06-23', // 端午 06-22 – 06-24
        '2023-09-29', '2023-10-02', '2023-10-03', '2023-10-04', '2023-10-05', '2023-10-06', // 中秋、国庆 09-29 – 10-06
      ],
      workDays: ['2023-01-28', '2023-01-29', '2023-04-23', '2023-05-06', '2023-06-25', '2023-10-07', '2023-10-08'],
    },
    2024: {
      // 除夕 (02-09) was only "encouraged" as a day off; officially it stayed a working day.
      notice: '国办发明电〔2023〕7号',
      offDays: [
        '2024-01-01', // 元旦
        '2024-02-12', '2024-02-13', '2024-02-14', '2024-02-15', '2024-02-16', // 春节 02-10 – 02-17
        '2024-04-04', '2024-04-05', // 清明 04-04 – 04-06
        '2024-05-01', '2024-05-02', '2024-05-03', // 劳动节 05-01 – 05-05
        '2024-06-10', // 端午 06-08 – 06-10
        '2024-09-16', '2024-09-17', // 中秋 09-15 – 09-17
        '2024-10-01', '2024-10-02', '2024-10-03', '2024-10-04', '2024-10-07', // 国庆 10-01 – 10-07
      ],
      workDays: ['2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12'],
    },
    2025: {
      // First year under the amended 全国年节及纪念日放假办法 (国务院令第795号): 除夕 and 05-02 became holidays.
      // The document number is from memory and must be checked.
      notice: '国办发明电〔2024〕12号',
      offDays: [
        '2025-01-01', // 元旦
        '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-03', '2025-02-04', // 春节 01-28 – 02-04
        '2025-04-04', // 清明 04-04 – 04-06
        '2025-05-01', '2025-05-02', '2025-05-05', // 劳动节 05-01 – 05-05
        '2025-06-02', // 端午 05-31 – 06-02
        '2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08', // 国庆、中秋 10-01 – 10-08
      ],
      workDays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
    },
    2026: {
      // LEAST CERTAIN: the notice came out in late 2025 and these dates are recalled, not verified; the document
      // number is not known. Check every date against the published notice.
      notice: null,
      offDays: [
        '2026-01-01', '2026-01-02', // 元旦 01-01 – 01-03
        '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-23', // 春节 02-15 – 02-23
        '2026-04-06', // 清明 04-04 – 04-06
        '2026-05-01', '2026-05-04', '2026-05-05', // 劳动节 05-01 – 05-05
        '2026-06-19', // 端午 06-19 – 06-21
        '2026-09-25', // 中秋 09-25 – 09-27
        '2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07', // 国庆 10-01 – 10-07
      ],
      workDays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
    },
  },
};
