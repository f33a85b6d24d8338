import { ITEM_TYPES } from '../../../../lib/codes/basicCode.ts';
import { checkImplementationCode } from '../../../../lib/codes/implementationCode.ts';
import { INDEX_2019, defineRule } from '../types.ts';
import type { AuditRule } from '../types.ts';

/** 事项编码 and 要素规范统一: the keys that tie a guide to its item across levels. */

const typeName = (type: string): string => ITEM_TYPES.find((t) => t.type === type)?.name ?? type;

export const IDENTITY_RULES: AuditRule[] = [
  defineRule({
    id: 'IMPLEMENTATION_CODE_VALID',
    severity: 'ERROR',
    description: '实施编码为24位且各段有效',
    source: `${INDEX_2019} 事项编码`,
    detect: ({ implementationCode }) => {
      const check = checkImplementationCode(implementationCode);
      if (check.ok) return [];
      return [
        {
          element: 'implementationCode',
          message: `实施编码「${implementationCode}」无效：${check.reason}`,
          fixHint: '按“行政区划代码6位+乡镇3位+村居3位+组织机构代码9位+实施机构类别1位+办理项2位”重新赋码',
        },
      ];
    },
  }),
  defineRule({
    id: 'ITEM_TYPE_CONSISTENT',
    severity: 'ERROR',
    description: '指南的事项类型与基本编码的类型一致',
    source: `${INDEX_2019} 要素规范统一`,
    detect: ({ itemType, item }) =>
      item.type === itemType
        ? []
        : [
            {
              element: 'type',
              message: `事项类型填为「${typeName(item.type)}」，与基本编码所示的「${typeName(itemType)}」不一致`,
              fixHint: '事项类型须与基本编码前两位一致，在省、市、县三级保持统一',
            },
          ],
  }),
];
