/**
 * The theme lists of seed 003's guide template (事项类型, 可多选): life events for natural persons,
 * and the life cycle of legal persons, in the template's own order. A guide's themes must come
 * from these lists; search uses them too.
 */
export const NATURAL_PERSON_THEMES = [
  '生育收养', '户籍办理', '民族宗教', '教育科研', '入伍服役', '就业创业', '设立变更', '准营准办', '抵押质押',
  '职业资格', '行政缴费', '婚姻登记', '优待抚恤', '规划建设', '住房保障', '社会保障', '证件办理', '交通出行',
  '旅游观光', '出境入境', '消费维权', '公共安全', '司法公证', '知识产权', '环保绿化', '文化体育', '公用事业',
  '医疗卫生', '离职退休', '死亡殡葬', '其他',
] as const;

export const LEGAL_PERSON_THEMES = [
  '设立变更', '准营准办', '资质认证', '年检年审', '税收财务', '人力资源', '社会保障', '投资审批', '融资信贷',
  '抵押质押', '商务贸易', '招标采购', '海关口岸', '涉外服务', '农林牧渔', '国土和规划建设', '交通运输', '环保绿化',
  '应对气候变化', '水务气象', '医疗卫生', '科技创新', '文体教育', '知识产权', '民族宗教', '质量技术', '检验检疫',
  '安全生产', '公安消防', '司法公证', '公用事业', '法人注销', '档案文物', '其他',
] as const;

export type NaturalPersonTheme = (typeof NATURAL_PERSON_THEMES)[number];
export type LegalPersonTheme = (typeof LEGAL_PERSON_THEMES)[number];
