import type { ItemType } from '../../lib/codes/index.ts';
import type { CatalogEntry } from './types.ts';

interface LawRule {
  /** Matches when the item name contains any keyword; no keywords matches every name. */
  keywords: readonly string[];
  /** Restricts the rule to these catalog groups. */
  groups?: readonly string[];
  law: string;
}

/**
 * Real laws and regulations in force around 2011, matched in order. Earlier
 * rules are the more specific: 社会保险费征收 by 地税 is a social-insurance matter
 * before it is a tax one, 机动车维修 a road-transport one, not a traffic-safety one.
 */
const LAW_RULES: readonly LawRule[] = [
  { keywords: ['社会保险', '医疗保险', '养老', '工伤', '生育保险', '失业保险'], law: '《中华人民共和国社会保险法》' },
  { keywords: [], groups: ['税务工作'], law: '《中华人民共和国税收征收管理法》' },
  { keywords: ['农村土地承包'], law: '《中华人民共和国农村土地承包法》' },
  { keywords: ['拖拉机', '联合收割机', '农业机械'], law: '《农业机械安全监督管理条例》' },
  { keywords: ['道路旅客运输', '道路货物运输', '机动车维修', '驾驶员培训', '出租汽车'], law: '《中华人民共和国道路运输条例》' },
  { keywords: ['机动车'], groups: ['公安工作'], law: '《中华人民共和国道路交通安全法》' },
  { keywords: ['身份证'], law: '《中华人民共和国居民身份证法》' },
  { keywords: ['户口'], law: '《中华人民共和国户口登记条例》' },
  { keywords: ['消防'], law: '《中华人民共和国消防法》' },
  { keywords: ['互联网上网服务'], law: '《互联网上网服务营业场所管理条例》' },
  { keywords: ['娱乐场所'], law: '《娱乐场所管理条例》' },
  { keywords: ['演出'], law: '《营业性演出管理条例》' },
  { keywords: ['出版物'], law: '《出版管理条例》' },
  { keywords: ['印刷'], law: '《印刷业管理条例》' },
  { keywords: ['文物'], law: '《中华人民共和国文物保护法》' },
  { keywords: ['广播电视', '卫星电视'], law: '《广播电视管理条例》' },
  { keywords: ['电影'], law: '《电影管理条例》' },
  { keywords: ['收养'], law: '《中华人民共和国收养法》' },
  { keywords: ['最低生活保障'], law: '《城市居民最低生活保障条例》' },
  { keywords: ['五保'], law: '《农村五保供养工作条例》' },
  { keywords: ['社会团体'], law: '《社会团体登记管理条例》' },
  { keywords: ['民办非企业'], law: '《民办非企业单位登记管理暂行条例》' },
  { keywords: ['殡仪', '墓地'], law: '《殡葬管理条例》' },
  { keywords: ['优待'], law: '《中华人民共和国老年人权益保障法》' },
  { keywords: ['律师'], law: '《中华人民共和国律师法》' },
  { keywords: ['公证'], law: '《中华人民共和国公证法》' },
  { keywords: ['法律援助'], law: '《法律援助条例》' },
  { keywords: ['会计', '代理记账'], law: '《中华人民共和国会计法》' },
  { keywords: ['民办学校'], law: '《中华人民共和国民办教育促进法》' },
  { keywords: ['教师资格'], law: '《教师资格条例》' },
  { keywords: ['工时', '劳动用工', '集体合同', '职业介绍', '劳动保障'], law: '《中华人民共和国劳动法》' },
  { keywords: ['再就业'], law: '《中华人民共和国就业促进法》' },
  { keywords: ['电力设施'], law: '《电力设施保护条例》' },
  { keywords: ['投资项目'], law: '《国务院关于投资体制改革的决定》（国发〔2004〕20号）' },
  { keywords: ['采矿'], law: '《中华人民共和国矿产资源法》' },
  { keywords: ['环境影响'], law: '《中华人民共和国环境影响评价法》' },
  { keywords: ['环境保护设施'], law: '《建设项目环境保护管理条例》' },
  { keywords: ['排污费'], law: '《排污费征收使用管理条例》' },
  { keywords: ['危险废物'], law: '《中华人民共和国固体废物污染环境防治法》' },
  { keywords: [], groups: ['环境保护工作'], law: '《中华人民共和国环境保护法》' },
  { keywords: ['绿化', '绿地', '树木', '古树'], law: '《城市绿化条例》' },
  { keywords: ['风景名胜区'], law: '《风景名胜区条例》' },
  { keywords: ['特许经营'], law: '《市政公用事业特许经营管理办法》' },
  { keywords: ['城市道路'], law: '《城市道路管理条例》' },
  { keywords: ['城市公共供水', '停止供水'], law: '《城市供水条例》' },
  { keywords: ['垃圾', '环境卫生'], law: '《城市市容和环境卫生管理条例》' },
  { keywords: ['施工许可'], law: '《中华人民共和国建筑法》' },
  { keywords: ['质量监督手续', '竣工验收备案'], law: '《建设工程质量管理条例》' },
  { keywords: ['安全施工措施', '拆除工程'], law: '《建设工程安全生产管理条例》' },
  { keywords: ['商品房', '房地产'], law: '《中华人民共和国城市房地产管理法》' },
  { keywords: ['经济适用住房'], law: '《经济适用住房管理办法》' },
  { keywords: ['廉租住房'], law: '《廉租住房保障办法》' },
  { keywords: ['房屋'], groups: ['住房城乡建设工作'], law: '《房屋登记办法》' },
  { keywords: ['规划', '选址'], groups: ['住房城乡建设工作'], law: '《中华人民共和国城乡规划法》' },
  { keywords: ['宅基地', '土地', '耕地', '用地'], law: '《中华人民共和国土地管理法》' },
  { keywords: ['公路'], law: '《中华人民共和国公路法》' },
  { keywords: ['水土保持'], law: '《中华人民共和国水土保持法》' },
  { keywords: ['河道'], law: '《中华人民共和国河道管理条例》' },
  { keywords: [], groups: ['水利工作'], law: '《中华人民共和国水法》' },
  { keywords: ['种子'], law: '《中华人民共和国种子法》' },
  { keywords: ['林木', '森林', '林地', '育林', '木材'], law: '《中华人民共和国森林法》' },
  { keywords: ['植物检疫'], law: '《植物检疫条例》' },
  { keywords: ['兽药'], law: '《兽药管理条例》' },
  { keywords: ['种畜禽'], law: '《中华人民共和国畜牧法》' },
  { keywords: ['动物', '兽医'], law: '《中华人民共和国动物防疫法》' },
  { keywords: ['企业名称'], law: '《企业名称登记管理规定》' },
  { keywords: ['企业登记', '集团登记', '企业年检'], law: '《中华人民共和国公司登记管理条例》' },
  { keywords: ['个体工商户'], law: '《个体工商户条例》' },
  { keywords: ['农民专业合作社'], law: '《中华人民共和国农民专业合作社法》' },
  { keywords: ['动产抵押'], law: '《中华人民共和国物权法》' },
  { keywords: ['户外广告登记'], law: '《中华人民共和国广告法》' },
  { keywords: ['特种设备'], law: '《特种设备安全监察条例》' },
  { keywords: ['公共文化体育设施'], law: '《公共文化体育设施条例》' },
  { keywords: [], groups: ['体育工作'], law: '《中华人民共和国体育法》' },
  { keywords: ['职业病'], law: '《中华人民共和国职业病防治法》' },
  { keywords: ['烟花爆竹'], law: '《烟花爆竹安全管理条例》' },
  { keywords: ['危险化学品'], law: '《危险化学品安全管理条例》' },
  { keywords: ['易制毒'], law: '《易制毒化学品管理条例》' },
  { keywords: ['矿山'], law: '《中华人民共和国矿山安全法》' },
  { keywords: [], groups: ['安全生产监督管理工作'], law: '《中华人民共和国安全生产法》' },
  { keywords: ['公共场所卫生'], law: '《公共场所卫生管理条例》' },
  { keywords: ['母婴保健'], law: '《中华人民共和国母婴保健法》' },
  { keywords: ['医师'], law: '《中华人民共和国执业医师法》' },
  { keywords: ['护士'], law: '《护士条例》' },
  { keywords: ['医疗广告'], law: '《医疗广告管理办法》' },
  { keywords: ['医疗机构'], law: '《医疗机构管理条例》' },
  { keywords: [], groups: ['人口和计划生育工作'], law: '《中华人民共和国人口与计划生育法》' },
  { keywords: ['计划生育'], law: '《中华人民共和国人口与计划生育法》' },
  { keywords: ['统计'], law: '《中华人民共和国统计法》' },
  { keywords: ['档案'], law: '《中华人民共和国档案法》' },
  { keywords: ['粮食'], law: '《粮食流通管理条例》' },
  { keywords: ['烟草'], law: '《中华人民共和国烟草专卖法》' },
  { keywords: ['餐饮'], law: '《中华人民共和国食品安全法》' },
  { keywords: ['药品'], law: '《中华人民共和国药品管理法》' },
  { keywords: ['人民防空'], law: '《中华人民共和国人民防空法》' },
];

const LICENSE_LAW = '《中华人民共和国行政许可法》';
const DISCLOSURE_LAW = '《中华人民共和国政府信息公开条例》';
const REAL_LAW_NOTE = '（示例数据：仅列依据名称，具体条款待实施机构核实）';
const GENERIC_BASIS = '《有关法律、法规和规章》（示例数据：依据待实施机构补充）';

function ruleMatches(rule: LawRule, entry: CatalogEntry): boolean {
  if (rule.groups !== undefined && !rule.groups.includes(entry.group)) return false;
  return rule.keywords.length === 0 || rule.keywords.some((k) => entry.name.includes(k));
}

/**
 * Sample legal basis: the disclosure regulation for every disclosure item whatever
 * its subject, else a real law where one obviously applies, else the 行政许可法
 * for licences, else a placeholder.
 */
export function sampleLegalBasis(entry: CatalogEntry, type: ItemType): string {
  const law =
    type === 'DISCLOSURE'
      ? DISCLOSURE_LAW
      : (LAW_RULES.find((r) => ruleMatches(r, entry))?.law ?? (type === 'LICENSE' ? LICENSE_LAW : null));
  return law === null ? GENERIC_BASIS : law + REAL_LAW_NOTE;
}
