import { isBlank } from '../text.ts';
import { INDEX_2019, defineRule } from '../types.ts';
import type { AuditRule, Issue } from '../types.ts';
import type { Material, MaterialMedium } from '../../guide/content.ts';

/** 申请材料: name, source, copies and medium of each, downloads for forms, and 容缺 marks. */

/**
 * Catch-all wording (兜底性条款) that leaves the applicant guessing: 其他材料, 相关材料, 等材料, an
 * ellipsis, or "whatever the agency asks for". Seed 003 forbids it, the evaluation marks it down.
 */
const CATCH_ALL: RegExp[] = [
  /其[他它](?:相关|有关|必要|需要|所需)?的?(?:申请)?(?:材料|证明|文件|资料|证件)/,
  /(?:相关|有关)的?(?:申请)?(?:材料|证明|文件|资料|证件)/,
  /等(?:相关|有关)?(?:申请)?(?:材料|证明|文件|资料|证件)/,
  /(?:认为|要求)(?:需要|必要|应当|应)?(?:提交|提供)/,
  /…|\.{3}|。。。/,
  /^(?:其[他它]|等)$/,
];

const MEDIUM_NAMES: Record<MaterialMedium, string> = { ORIGINAL: '原件', COPY: '复印件', ELECTRONIC: '电子版' };
const DOC_TYPES = new Set(['application/msword', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document']);
const PDF_TYPE = 'application/pdf';

const named = (m: Material): string => (isBlank(m.name) ? `第${m.id}项材料` : `「${m.name}」`);

function eachMaterial(materials: Material[], test: (m: Material, element: string) => Issue[]): Issue[] {
  return materials.flatMap((m, i) => test(m, `materials[${i}]`));
}

export const MATERIAL_RULES: AuditRule[] = [
  defineRule({
    id: 'MATERIAL_NAME_SPECIFIC',
    severity: 'ERROR',
    description: '材料名称明确，无“其他材料”“相关材料”等兜底性用词',
    source: `${INDEX_2019} 材料名称；seed 003 共性要素7`,
    detect: ({ item }) =>
      eachMaterial(item.materials, (m, element) => {
        if (isBlank(m.name)) return [{ element: `${element}.name`, message: `材料${m.id}未写明名称`, fixHint: '写明材料的规范名称' }];
        if (!CATCH_ALL.some((p) => p.test(m.name))) return [];
        return [
          {
            element: `${element}.name`,
            message: `材料名称「${m.name}」含兜底性或有歧义的用词`,
            fixHint: '逐项列明所需材料的具体名称，删除“其他材料”“相关材料”“等”之类的兜底表述',
          },
        ];
      }),
  }),
  defineRule({
    id: 'MATERIAL_SOURCE',
    severity: 'ERROR',
    description: '材料注明来源渠道；由单位出具的注明出具单位',
    source: `${INDEX_2019} 材料来源或出具单位`,
    detect: ({ item }) =>
      eachMaterial(item.materials, (m, element) => {
        if (m.source !== 'APPLICANT' && m.source !== 'AGENCY_ISSUED' && m.source !== 'SHARED') {
          return [{ element: `${element}.source`, message: `材料${named(m)}未注明来源`, fixHint: '注明来源渠道：申请人自备、相关单位出具或政府部门共享获取' }];
        }
        if (m.source === 'AGENCY_ISSUED' && isBlank(m.issuingAgency)) {
          return [{ element: `${element}.issuingAgency`, message: `材料${named(m)}由单位出具，未注明出具单位`, fixHint: '写明出具单位，如“户口所在地派出所”' }];
        }
        return [];
      }),
  }),
  defineRule({
    id: 'MATERIAL_COPIES',
    severity: 'ERROR',
    description: '材料注明份数',
    source: `${INDEX_2019} 数量要求`,
    detect: ({ item }) =>
      eachMaterial(item.materials, (m, element) => {
        // A material fetched by the platform (免提交) is legitimately zero copies.
        const minimum = m.source === 'SHARED' ? 0 : 1;
        if (Number.isInteger(m.copies) && m.copies >= minimum) return [];
        return [{ element: `${element}.copies`, message: `材料${named(m)}未注明有效的份数`, fixHint: '注明纸质材料的份数，如“1份”' }];
      }),
  }),
  defineRule({
    id: 'MATERIAL_MEDIUM',
    severity: 'ERROR',
    description: '材料注明介质要求（原件、复印件、电子版）',
    source: `${INDEX_2019} 介质要求`,
    detect: ({ item }) =>
      eachMaterial(item.materials, (m, element) => {
        const media = m.media ?? [];
        const invalid = media.some((x) => !Object.hasOwn(MEDIUM_NAMES, x)) || new Set(media).size !== media.length;
        if (media.length > 0 && !invalid) return [];
        return [
          {
            element: `${element}.media`,
            message: media.length === 0 ? `材料${named(m)}未注明介质要求` : `材料${named(m)}的介质要求无效或重复`,
            fixHint: '注明介质：原件、复印件或电子版，可多选',
          },
        ];
      }),
  }),
  defineRule({
    id: 'FORM_BLANK_DOWNLOAD',
    severity: 'ERROR',
    description: '需填写的表格提供空白表格下载（DOC/DOCX）',
    source: `${INDEX_2019} 空表下载服务；seed 004 任务清单（二）`,
    detect: ({ item }) =>
      eachMaterial(item.materials, (m, element) => {
        if (m.kind !== 'FORM') return [];
        if (m.blankForm === null) {
          return [{ element: `${element}.blankForm`, message: `表格${named(m)}未提供空白表格下载`, fixHint: '上传DOC格式的空白表格' }];
        }
        if (DOC_TYPES.has(m.blankForm.mediaType)) return [];
        return [{ element: `${element}.blankForm.mediaType`, message: `表格${named(m)}的空白表格不是DOC格式（${m.blankForm.mediaType}）`, fixHint: '空白表格须为DOC（或DOCX）格式，便于下载填写' }];
      }),
  }),
  defineRule({
    id: 'FORM_SAMPLE_DOWNLOAD',
    severity: 'ERROR',
    description: '需填写的表格提供示范样表下载（PDF）',
    source: `${INDEX_2019} 样表下载服务；seed 004 任务清单（二）`,
    detect: ({ item }) =>
      eachMaterial(item.materials, (m, element) => {
        if (m.kind !== 'FORM') return [];
        if (m.sampleForm === null) {
          return [{ element: `${element}.sampleForm`, message: `表格${named(m)}未提供样表下载`, fixHint: '上传PDF格式的填写示例表格' }];
        }
        if (m.sampleForm.mediaType === PDF_TYPE) return [];
        return [{ element: `${element}.sampleForm.mediaType`, message: `表格${named(m)}的样表不是PDF格式（${m.sampleForm.mediaType}）`, fixHint: '示例表格须为PDF格式' }];
      }),
  }),
  defineRule({
    id: 'DEFERRABLE_MARKED',
    severity: 'WARNING',
    description: '事项允许容缺受理的，标注可容缺的材料',
    source: 'seed 004 任务清单（二）（十一） 容缺受理标注',
    detect: ({ item }) => {
      const texts = [
        ...item.situations.map((s) => s.name),
        ...item.acceptanceConditions,
        ...item.materials.map((m) => m.condition ?? ''),
      ];
      const mentioned = texts.find((t) => t.includes('容缺'));
      if (mentioned === undefined || item.materials.some((m) => m.deferrable)) return [];
      return [
        {
          element: 'materials',
          message: `指南提到容缺受理（「${mentioned}」），但没有材料标注为可容缺`,
          fixHint: '在申请材料中标注可容缺后补的材料；不实行容缺受理的，删除相关表述',
        },
      ];
    },
  }),
];
