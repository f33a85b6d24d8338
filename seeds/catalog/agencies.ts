import { makeUscc, organizationCodeCheckChar } from '../../lib/codes/index.ts';
import type { AgencyNature } from '../../lib/codes/index.ts';
import { COUNTY_REGION_CODE } from './regions.ts';
import type { AgencySeed, CatalogEntry } from './types.ts';

export const SAMPLE_DATA_NOTE =
  'Sample data: the organization codes and USCCs of the 勉县 agencies are synthetic (organization codes ' +
  'TB725nnn + GB 11714 check), valid in form but not the agencies\' real codes; addresses, windows, phone ' +
  'numbers, legal bases and time limits of the service guides are illustrative and every guide is marked isSample.';

interface AgencyDefinition {
  /** Fixes the agency's sample organization code, window and phone; never renumber or reuse. */
  serial: number;
  name: string;
  /**
   * 'government' for departments of 勉县人民政府. Null for the government itself
   * and for vertically managed bureaus (国税, 地税, 工商, 质监, 烟草), whose
   * superior is the bureau one level up, outside this seed.
   */
  parent: 'government' | null;
  nature: AgencyNature;
}

function department(serial: number, name: string): AgencyDefinition {
  return { serial, name, parent: 'government', nature: 'STATUTORY_ORGAN' };
}

function independent(serial: number, name: string): AgencyDefinition {
  return { serial, name, parent: null, nature: 'STATUTORY_ORGAN' };
}

/** 勉县 agencies as named around 2011, the catalog's year. */
export const AGENCIES = {
  government: independent(1, '勉县人民政府'),
  governmentOffice: department(2, '勉县人民政府办公室'),
  developmentReform: department(3, '勉县发展和改革局'),
  educationSports: department(4, '勉县教育体育局'),
  publicSecurity: department(5, '勉县公安局'),
  civilAffairs: department(6, '勉县民政局'),
  justice: department(7, '勉县司法局'),
  finance: department(8, '勉县财政局'),
  humanResources: department(9, '勉县人力资源和社会保障局'),
  landResources: department(10, '勉县国土资源局'),
  environment: department(11, '勉县环境保护局'),
  housing: department(12, '勉县住房和城乡建设局'),
  transport: department(13, '勉县交通运输局'),
  waterResources: department(14, '勉县水利局'),
  agriculture: department(15, '勉县农业局'),
  forestry: department(16, '勉县林业局'),
  commerce: department(17, '勉县商务局'),
  cultureBroadcasting: department(18, '勉县文化广电局'),
  health: department(19, '勉县卫生局'),
  familyPlanning: department(20, '勉县人口和计划生育局'),
  nationalTax: independent(21, '勉县国家税务局'),
  localTax: independent(22, '勉县地方税务局'),
  industryCommerce: independent(23, '勉县工商行政管理局'),
  qualitySupervision: independent(24, '勉县质量技术监督局'),
  workSafety: department(25, '勉县安全生产监督管理局'),
  statistics: department(26, '勉县统计局'),
  archives: department(27, '勉县档案局'),
  grain: department(28, '勉县粮食局'),
  tobacco: independent(29, '勉县烟草专卖局'),
  foodDrug: department(30, '勉县食品药品监督管理局'),
  civilAirDefence: department(31, '勉县人民防空办公室'),
  urbanManagement: department(32, '勉县城市管理局'),
  serviceCenter: department(33, '勉县政务服务中心'),
} as const satisfies Record<string, AgencyDefinition>;

export type AgencyKey = keyof typeof AGENCIES;

interface SeqRange {
  from: number;
  to: number;
  agency: AgencyKey;
}

/** A group goes to one agency, or is split between agencies by catalog sequence. */
type GroupAssignment = AgencyKey | readonly SeqRange[];

export const GROUP_AGENCIES: Readonly<Record<string, GroupAssignment>> = {
  政府信息公开条例规定事项: 'governmentOffice',
  财政专项资金管理和使用情况: 'finance',
  发展改革工作: 'developmentReform',
  教育工作: 'educationSports',
  公安工作: 'publicSecurity',
  民政工作: 'civilAffairs',
  司法行政工作: 'justice',
  财政工作: 'finance',
  人力资源社会保障工作: 'humanResources',
  国土资源工作: 'landResources',
  环境保护工作: 'environment',
  住房城乡建设工作: 'housing',
  交通运输工作: 'transport',
  水利工作: 'waterResources',
  // Counties had separate 农业局 and 林业局: forest, timber and tree-seed items go to
  // forestry; crop seeds, plant quarantine, livestock, farm machinery and land
  // contracting to agriculture.
  农林工作: [
    { from: 161, to: 163, agency: 'forestry' },
    { from: 164, to: 165, agency: 'agriculture' },
    { from: 166, to: 169, agency: 'forestry' },
    { from: 170, to: 170, agency: 'agriculture' },
    { from: 171, to: 172, agency: 'forestry' },
    { from: 173, to: 190, agency: 'agriculture' },
  ],
  商务工作: 'commerce',
  文化工作: 'cultureBroadcasting',
  卫生工作: 'health',
  人口和计划生育工作: 'familyPlanning',
  // The catalog lists the 国税 items (增值税、消费税…) first, then the 地税 items (营业税…).
  税务工作: [
    { from: 225, to: 236, agency: 'nationalTax' },
    { from: 237, to: 253, agency: 'localTax' },
  ],
  工商行政管理工作: 'industryCommerce',
  质量监督检验检疫工作: 'qualitySupervision',
  广播电影电视工作: 'cultureBroadcasting',
  体育工作: 'educationSports',
  安全生产监督管理工作: 'workSafety',
  统计工作: 'statistics',
  档案工作: 'archives',
  粮食工作: 'grain',
  烟草专卖工作: 'tobacco',
  食品药品监管工作: 'foodDrug',
  人民防空工作: 'civilAirDefence',
  城市管理工作: 'urbanManagement',
  // 便民服务 items are the windows of the county service hall: several are run there
  // by operators that are not county agencies (有线电视、供电、农业保险), so the
  // centre is the accountable implementer for all of them.
  便民服务事项: 'serviceCenter',
};

/** The agency implementing a catalog entry. Throws for an unmapped group or sequence: a data error. */
export function agencyKeyOf(entry: CatalogEntry): AgencyKey {
  const assignment = GROUP_AGENCIES[entry.group];
  if (assignment === undefined) throw new RangeError(`catalog group ${entry.group} has no agency`);
  if (typeof assignment === 'string') return assignment;
  const range = assignment.find((r) => entry.seq >= r.from && entry.seq <= r.to);
  if (range === undefined) throw new RangeError(`${entry.group} item ${entry.seq} has no agency`);
  return range.agency;
}

// "TB" (Tongban) + 725 (勉县) + serial: deliberately not a range of real assignments.
function sampleOrganizationCode(serial: number): string {
  const body = `TB725${String(serial).padStart(3, '0')}`;
  return body + organizationCodeCheckChar(body);
}

/** The agency's sample organization code and the USCC built from it (机构编制 / 机关, 勉县). */
export function agencyCodes(key: AgencyKey): { organizationCode: string; uscc: string } {
  const organizationCode = sampleOrganizationCode(AGENCIES[key].serial);
  const uscc = makeUscc({
    registrationAuthority: '1',
    organizationType: '1',
    regionCode: COUNTY_REGION_CODE,
    organizationCode,
  });
  return { organizationCode, uscc };
}

/** Agencies in serial order, each with the catalog groups it implements in catalog order. */
export function buildAgencySeeds(catalog: readonly CatalogEntry[]): AgencySeed[] {
  const groups = new Map<AgencyKey, string[]>();
  for (const entry of catalog) {
    const key = agencyKeyOf(entry);
    const list = groups.get(key) ?? [];
    if (!list.includes(entry.group)) list.push(entry.group);
    groups.set(key, list);
  }
  const keys = (Object.keys(AGENCIES) as AgencyKey[]).sort((a, b) => AGENCIES[a].serial - AGENCIES[b].serial);
  return keys.map((key) => {
    const definition: AgencyDefinition = AGENCIES[key];
    return {
      ...agencyCodes(key),
      name: definition.name,
      regionCode: COUNTY_REGION_CODE,
      parentUscc: definition.parent === null ? null : agencyCodes(definition.parent).uscc,
      nature: definition.nature,
      groups: groups.get(key) ?? [],
    };
  });
}
