import type { LegalPersonTheme, NaturalPersonTheme } from '../../../subgraphs/catalog/guide/themes.ts';
import type { ItemContent } from '../../../subgraphs/catalog/guide/content.ts';

type Themes = ItemContent['themes'];

interface ThemeRule {
  keywords: readonly string[];
  groups?: readonly string[];
  naturalPerson: readonly NaturalPersonTheme[];
  legalPerson: readonly LegalPersonTheme[];
}

/** Matched in order: the first keyword rule that matches, else the group's default. */
const KEYWORD_RULES: readonly ThemeRule[] = [
  { keywords: ['身份证'], naturalPerson: ['证件办理'], legalPerson: [] },
  { keywords: ['户口'], naturalPerson: ['户籍办理'], legalPerson: [] },
  { keywords: ['驾驶证', '机动车登记', '所有权转移'], groups: ['公安工作'], naturalPerson: ['交通出行', '证件办理'], legalPerson: ['交通运输'] },
  { keywords: ['消防'], naturalPerson: ['公共安全'], legalPerson: ['公安消防'] },
  { keywords: ['旅馆', '公章', '娱乐场所', '上网服务'], groups: ['公安工作'], naturalPerson: ['准营准办', '公共安全'], legalPerson: ['准营准办', '公安消防'] },
  { keywords: [], groups: ['公安工作'], naturalPerson: ['公共安全'], legalPerson: ['安全生产'] },
  { keywords: ['收养'], naturalPerson: ['生育收养'], legalPerson: [] },
  { keywords: ['生育', '计划生育家庭', '少生快富', '光荣证', '避孕', '婚育', '再生育'], naturalPerson: ['生育收养'], legalPerson: [] },
  { keywords: ['社会团体', '民办非企业'], naturalPerson: [], legalPerson: ['设立变更', '法人注销'] },
  { keywords: ['最低生活保障', '医疗救助', '五保', '临时救助'], naturalPerson: ['社会保障'], legalPerson: [] },
  { keywords: ['殡仪', '墓地'], naturalPerson: ['死亡殡葬'], legalPerson: ['公用事业'] },
  { keywords: ['老年'], naturalPerson: ['优待抚恤'], legalPerson: [] },
  { keywords: ['养老金', '转退休'], naturalPerson: ['离职退休', '社会保障'], legalPerson: ['社会保障'] },
  { keywords: ['医疗保险', '工伤', '失业保险', '死亡待遇', '社会保险', '社会保障卡'], naturalPerson: ['社会保障'], legalPerson: ['社会保障'] },
  { keywords: ['就业', '职业介绍', '小额担保', '劳动'], naturalPerson: ['就业创业'], legalPerson: ['人力资源'] },
  { keywords: ['宅基地', '建房'], naturalPerson: ['规划建设'], legalPerson: [] },
  { keywords: ['税务登记'], naturalPerson: ['设立变更'], legalPerson: ['税收财务', '设立变更'] },
  { keywords: ['个体工商户'], naturalPerson: ['其他', '设立变更'], legalPerson: [] },
  { keywords: ['抵押', '出质'], naturalPerson: ['抵押质押'], legalPerson: ['抵押质押'] },
  { keywords: ['律师', '公证', '法律援助', '法律服务', '纠纷'], naturalPerson: ['司法公证'], legalPerson: ['司法公证'] },
  { keywords: ['教师资格', '会计从业', '执业', '职业资格', '兽医', '护士', '考核合格证', '作业人员', '从业资格'], naturalPerson: ['职业资格'], legalPerson: ['资质认证'] },
  { keywords: ['年检', '年度检查', '验照', '审验'], naturalPerson: ['其他'], legalPerson: ['年检年审'] },
  { keywords: ['房屋', '商品房', '住房'], naturalPerson: ['住房保障'], legalPerson: ['国土和规划建设'] },
  { keywords: ['医疗', '卫生', '母婴', '药品', '餐饮'], naturalPerson: ['医疗卫生'], legalPerson: ['医疗卫生'] },
  { keywords: ['文物', '档案'], naturalPerson: ['文化体育'], legalPerson: ['档案文物'] },
];

const GROUP_DEFAULTS: Readonly<Record<string, { naturalPerson: readonly NaturalPersonTheme[]; legalPerson: readonly LegalPersonTheme[] }>> = {
  发展改革工作: { naturalPerson: [], legalPerson: ['投资审批'] },
  教育工作: { naturalPerson: ['教育科研'], legalPerson: ['文体教育'] },
  民政工作: { naturalPerson: ['社会保障'], legalPerson: ['其他'] },
  司法行政工作: { naturalPerson: ['司法公证'], legalPerson: ['司法公证'] },
  财政工作: { naturalPerson: ['行政缴费'], legalPerson: ['税收财务'] },
  人力资源社会保障工作: { naturalPerson: ['社会保障'], legalPerson: ['人力资源'] },
  国土资源工作: { naturalPerson: ['规划建设'], legalPerson: ['国土和规划建设'] },
  环境保护工作: { naturalPerson: ['环保绿化'], legalPerson: ['环保绿化'] },
  住房城乡建设工作: { naturalPerson: ['规划建设'], legalPerson: ['国土和规划建设'] },
  交通运输工作: { naturalPerson: ['交通出行'], legalPerson: ['交通运输'] },
  水利工作: { naturalPerson: ['公用事业'], legalPerson: ['水务气象'] },
  农林工作: { naturalPerson: ['其他'], legalPerson: ['农林牧渔'] },
  商务工作: { naturalPerson: [], legalPerson: ['商务贸易', '涉外服务'] },
  文化工作: { naturalPerson: ['文化体育'], legalPerson: ['准营准办', '文体教育'] },
  卫生工作: { naturalPerson: ['医疗卫生'], legalPerson: ['医疗卫生'] },
  人口和计划生育工作: { naturalPerson: ['生育收养'], legalPerson: [] },
  税务工作: { naturalPerson: ['行政缴费'], legalPerson: ['税收财务'] },
  工商行政管理工作: { naturalPerson: ['设立变更'], legalPerson: ['设立变更'] },
  质量监督检验检疫工作: { naturalPerson: ['职业资格'], legalPerson: ['质量技术'] },
  广播电影电视工作: { naturalPerson: ['文化体育'], legalPerson: ['准营准办', '文体教育'] },
  体育工作: { naturalPerson: ['文化体育'], legalPerson: ['文体教育'] },
  安全生产监督管理工作: { naturalPerson: [], legalPerson: ['安全生产'] },
  统计工作: { naturalPerson: ['职业资格'], legalPerson: ['其他'] },
  档案工作: { naturalPerson: ['其他'], legalPerson: ['档案文物'] },
  粮食工作: { naturalPerson: [], legalPerson: ['商务贸易'] },
  烟草专卖工作: { naturalPerson: ['准营准办'], legalPerson: ['准营准办'] },
  食品药品监管工作: { naturalPerson: ['准营准办', '医疗卫生'], legalPerson: ['准营准办', '医疗卫生'] },
  人民防空工作: { naturalPerson: [], legalPerson: ['国土和规划建设'] },
  城市管理工作: { naturalPerson: ['规划建设'], legalPerson: ['国土和规划建设'] },
};

const FALLBACK = { naturalPerson: ['其他'], legalPerson: ['其他'] } as const;

/**
 * Themes of seed 003's template for an item, kept to the service objects it has: a theme for
 * natural persons on an item only legal persons apply for would mislead search.
 */
export function themesOf(name: string, group: string, objects: { natural: boolean; legal: boolean }): Themes {
  const rule = KEYWORD_RULES.find((r) => (r.groups === undefined || r.groups.includes(group)) && (r.keywords.length === 0 || r.keywords.some((k) => name.includes(k))));
  const picked = rule ?? GROUP_DEFAULTS[group] ?? FALLBACK;
  const naturalPerson = objects.natural ? [...picked.naturalPerson] : [];
  const legalPerson = objects.legal ? [...picked.legalPerson] : [];
  if (objects.natural && naturalPerson.length === 0) naturalPerson.push('其他');
  if (objects.legal && legalPerson.length === 0) legalPerson.push('其他');
  return { naturalPerson, legalPerson };
}
