import { makeUscc, organizationCodeCheckChar } from '../../lib/codes/index.ts';
import type { CertificateTypeModel, SurfaceField } from '../../subgraphs/certificates/models.ts';

/**
 * 证照目录 of the 勉县 license items whose results are certificates: SAMPLE DATA.
 *
 * The guides (implementation codes), their agencies and the certificate names are the catalog
 * seed's. The type codes are not an authority's published ones: the defining authority's USCC is
 * real in form — 公安部's is the one in DESIGN's published identifiers, 住房和城乡建设部's is
 * synthetic (organization code TB100001) — and the 3-digit sequences are picked for this sample,
 * chosen apart from the published 011 and 009. The surface-data fields follow what the paper
 * certificates print; validity rules are plausible, not quoted from regulations. Every type is
 * marked `sample`.
 */

/** 公安部 (the definer of police licences) in the sample. */
export const MPS_USCC = '11100000000013338W';

/** 住房和城乡建设部 in the sample: synthetic code ("TB"), valid in form. */
export const MOHURD_USCC = makeUscc({
  registrationAuthority: '1',
  organizationType: '1',
  regionCode: '100000',
  organizationCode: `TB100001${organizationCodeCheckChar('TB100001')}`,
});

/** 勉县公安局 and 勉县住房和城乡建设局 as the catalog seed codes them. */
export const MIANXIAN_POLICE = '11610725TB7250054A';
export const MIANXIAN_HOUSING = '11610725TB72501263';

const text = (name: string, label: string, maxLength = 100, required = true): SurfaceField => ({ name, label, type: 'STRING', required, maxLength });
const address = (name: string, label: string): SurfaceField => ({ name, label, type: 'ADDRESS', required: true, maxLength: 200 });
const integer = (name: string, label: string, required = true): SurfaceField => ({ name, label, type: 'INTEGER', required });
const date = (name: string, label: string, required = true): SurfaceField => ({ name, label, type: 'DATE', required });
const choice = (name: string, label: string, values: string[]): SurfaceField => ({ name, label, type: 'ENUM', required: true, values });

/** What a business licence of the police prints about the business. */
const businessFields = (scopeLabel: string, scopes: string[]): SurfaceField[] => [
  text('businessName', '单位名称'),
  text('legalRepresentative', '法定代表人', 50),
  address('address', '经营地址'),
  choice('scope', scopeLabel, scopes),
];

export const CERTIFICATE_TYPES: readonly CertificateTypeModel[] = [
  {
    typeCode: `${MPS_USCC}101`,
    name: '特种行业许可证（旅馆业）',
    holderCodeTypes: ['001'],
    issuingAgencies: [MIANXIAN_POLICE],
    implementationCodes: ['610725000000TB7250054102'],
    surfaceFields: [...businessFields('许可项目', ['旅馆业']), integer('rooms', '客房数'), integer('beds', '床位数', false)],
    validityYears: null,
    sample: true,
  },
  {
    typeCode: `${MPS_USCC}102`,
    name: '特种行业许可证（公章刻制业）',
    holderCodeTypes: ['001'],
    issuingAgencies: [MIANXIAN_POLICE],
    implementationCodes: ['610725000000TB7250054103'],
    surfaceFields: businessFields('许可项目', ['公章刻制业']),
    validityYears: null,
    sample: true,
  },
  {
    typeCode: `${MPS_USCC}103`,
    name: '中华人民共和国机动车驾驶证',
    holderCodeTypes: ['111'],
    issuingAgencies: [MIANXIAN_POLICE],
    implementationCodes: ['610725000000TB7250054120'],
    surfaceFields: [
      text('name', '姓名', 50),
      choice('sex', '性别', ['男', '女']),
      text('nationality', '国籍', 50),
      address('address', '住址'),
      date('birthDate', '出生日期'),
      date('firstIssuedOn', '初次领证日期'),
      choice('vehicleClass', '准驾车型', ['A1', 'A2', 'A3', 'B1', 'B2', 'C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'D', 'E', 'F', 'M', 'N', 'P']),
      text('fileNumber', '档案编号', 12),
    ],
    // 6 years for a first licence, then 10, then long-term (长期): the sample keeps the 10-year ceiling.
    validityYears: 10,
    sample: true,
  },
  {
    typeCode: `${MPS_USCC}104`,
    name: '公众聚集场所投入使用、营业前消防安全检查合格证',
    holderCodeTypes: ['001'],
    issuingAgencies: [MIANXIAN_POLICE],
    implementationCodes: ['610725000000TB7250054105'],
    surfaceFields: [
      text('businessName', '单位名称'),
      address('address', '场所地址'),
      text('usage', '场所用途', 50),
      integer('floorArea', '建筑面积（平方米）'),
    ],
    validityYears: null,
    sample: true,
  },
  {
    typeCode: `${MOHURD_USCC}001`,
    name: '建筑工程施工许可证',
    holderCodeTypes: ['001'],
    issuingAgencies: [MIANXIAN_HOUSING],
    implementationCodes: ['610725000000TB7250126102'],
    surfaceFields: [
      text('constructionUnit', '建设单位'),
      text('projectName', '工程名称'),
      address('address', '建设地址'),
      text('scale', '建设规模'),
      integer('contractPrice', '合同价格（万元）'),
      text('designUnit', '设计单位'),
      text('contractor', '施工单位'),
      text('supervisor', '监理单位', 100, false),
      date('plannedStart', '合同开工日期', false),
      date('plannedCompletion', '合同竣工日期', false),
    ],
    validityYears: null,
    sample: true,
  },
  {
    typeCode: `${MOHURD_USCC}002`,
    name: '商品房预售许可证',
    holderCodeTypes: ['001'],
    issuingAgencies: [MIANXIAN_HOUSING],
    implementationCodes: ['610725000000TB7250126103'],
    surfaceFields: [
      text('developer', '房地产开发企业'),
      text('projectName', '项目名称'),
      address('address', '房屋坐落'),
      text('buildings', '预售楼栋', 200),
      integer('floorArea', '预售面积（平方米）'),
      integer('units', '预售套数'),
    ],
    validityYears: 3,
    sample: true,
  },
];
