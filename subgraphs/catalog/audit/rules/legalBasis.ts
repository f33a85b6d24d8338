import { isIsoDate } from '../../../../lib/time.ts';
import { citationKey, compareKeys, isBlank } from '../text.ts';
import { INDEX_2019, defineRule } from '../types.ts';
import type { AuditInput, AuditRule, Issue } from '../types.ts';
import { LEGAL_LEVELS, LEGAL_LEVEL_NAMES } from '../../guide/content.ts';
import type { LegalBasis, LegalLevel } from '../../guide/content.ts';

/**
 * 设定依据, as seed 003 3.3.5 fills it: the full title in 《》 under its level (位阶), the document
 * number and date, the article cited and its text quoted whole, ordered from the highest level down.
 */

const isLevel = (level: unknown): level is LegalLevel => (LEGAL_LEVELS as readonly unknown[]).includes(level);
const label = (basis: LegalBasis): string => (isBlank(basis.title) ? '设定依据' : basis.title.trim());

function each(input: AuditInput, test: (basis: LegalBasis, element: string) => Issue | null): Issue[] {
  const issues: Issue[] = [];
  input.item.legalBasis.forEach((basis, i) => {
    const issue = test(basis, `legalBasis[${i}]`);
    if (issue !== null) issues.push(issue);
  });
  return issues;
}

/**
 * 《中华人民共和国…法》 is a law, and a regulation, rule or notice is not; catches a document filed under
 * the wrong level. NPC Standing Committee decisions (…的决定) are laws too, so 决定 proves nothing.
 */
/**
 * Laws adopted by the NPC or its Standing Committee whose titles do not end in 法: the title
 * heuristic below would otherwise call them something else.
 */
const LAWS_NOT_NAMED_LAW = new Set(['《中华人民共和国户口登记条例》', '《中华人民共和国学位条例》', '《全国人民代表大会常务委员会关于维护互联网安全的决定》']);

function levelMismatch(basis: LegalBasis): string | null {
  const title = basis.title.trim();
  if (LAWS_NOT_NAMED_LAW.has(title)) {
    return basis.level === 'LAW' ? null : `「${title}」是全国人大常委会通过的法律，位阶却标为${LEGAL_LEVEL_NAMES[basis.level]}`;
  }
  const namedLaw = /^《中华人民共和国.+(?<!办)法(典)?》$/.test(title);
  if (namedLaw && basis.level !== 'LAW') return `「${title}」是法律，位阶却标为${LEGAL_LEVEL_NAMES[basis.level]}`;
  if (basis.level === 'LAW' && /(办法|条例|规定|细则|通知|意见)》$/.test(title)) return `「${title}」不是法律，位阶却标为法律`;
  return null;
}

export const LEGAL_BASIS_RULES: AuditRule[] = [
  defineRule({
    id: 'LEGAL_BASIS_PRESENT',
    severity: 'ERROR',
    description: '至少列出一项设定依据',
    source: `${INDEX_2019} 设定依据`,
    detect: ({ item }) =>
      item.legalBasis.length > 0
        ? []
        : [{ element: 'legalBasis', message: '未列出设定依据', fixHint: '列出设定该事项的法律、法规、规章或规范性文件及其具体条款' }],
  }),
  defineRule({
    id: 'LEGAL_BASIS_TITLE',
    severity: 'ERROR',
    description: '依据名称为加书名号的全称',
    source: 'seed 003 3.3.5.5',
    detect: (input) =>
      each(input, (basis, element) => {
        const title = (basis.title ?? '').trim();
        if (title === '') return { element: `${element}.title`, message: '设定依据未写明文件名称', fixHint: '写明法规文件全称，并加书名号，如《中华人民共和国行政许可法》' };
        if (!/^《[^《》]+》$/.test(title)) return { element: `${element}.title`, message: `设定依据名称「${title}」未加书名号`, fixHint: '文件名称使用全称并加书名号《》' };
        if (basis.level === 'LAW' && /^《(?!中华人民共和国).+(?<!办)法》$/.test(title)) {
          return { element: `${element}.title`, message: `法律名称「${title}」不是全称`, fixHint: '法律名称使用全称，如《中华人民共和国行政许可法》' };
        }
        return null;
      }),
  }),
  defineRule({
    id: 'LEGAL_BASIS_LEVEL',
    severity: 'ERROR',
    description: '依据标明位阶且与文件性质相符',
    source: 'seed 003 3.3.5.5',
    detect: (input) =>
      each(input, (basis, element) => {
        if (!isLevel(basis.level)) {
          return { element: `${element}.level`, message: `「${label(basis)}」未标明位阶`, fixHint: '标明位阶：法律、行政法规、地方性法规、规章、规范性文件或标准规范' };
        }
        const mismatch = isBlank(basis.title) ? null : levelMismatch(basis);
        return mismatch === null ? null : { element: `${element}.level`, message: mismatch, fixHint: '按文件的制定机关和形式标注位阶（seed 003 3.3.5.5–3.3.5.7）' };
      }),
  }),
  defineRule({
    id: 'LEGAL_BASIS_DOCUMENT_NUMBER',
    severity: 'ERROR',
    description: '依据写明文号（主席令、国务院令、政府令、发文字号等）',
    source: 'seed 003 3.3.5.8',
    detect: (input) =>
      each(input, (basis, element) =>
        isBlank(basis.documentNumber)
          ? { element: `${element}.documentNumber`, message: `「${label(basis)}」未写明文号`, fixHint: '法律写主席令号，行政法规写国务院令号，规章写政府令号，规范性文件写发文字号' }
          : null,
      ),
  }),
  defineRule({
    id: 'LEGAL_BASIS_DATE',
    severity: 'ERROR',
    description: '依据写明公布或最近修改日期，且不晚于审查日',
    source: 'seed 003 3.3.5.8',
    detect: (input) =>
      each(input, (basis, element) => {
        if (!isIsoDate(basis.issuedOn)) {
          return { element: `${element}.issuedOn`, message: `「${label(basis)}」未写明公布或修改日期`, fixHint: '写明公布日期及最近一次修改日期（YYYY-MM-DD）' };
        }
        if (basis.issuedOn > input.today) {
          return { element: `${element}.issuedOn`, message: `「${label(basis)}」的日期${basis.issuedOn}晚于今天`, fixHint: '核对公布或修改日期' };
        }
        return null;
      }),
  }),
  defineRule({
    id: 'LEGAL_BASIS_ARTICLE',
    severity: 'ERROR',
    description: '依据引用具体条款',
    source: `${INDEX_2019} 设定依据；seed 003 3.3.5.2`,
    detect: (input) =>
      each(input, (basis, element) => {
        if (!isBlank(basis.article) && citationKey(basis.article!) !== null) return null;
        return {
          element: `${element}.article`,
          message: isBlank(basis.article) ? `「${label(basis)}」未引用具体条款` : `「${label(basis)}」的条款「${basis.article}」未写明第几条`,
          fixHint: '写明所引用的条、款、项，如“第四十二条第一款”',
        };
      }),
  }),
  defineRule({
    id: 'LEGAL_BASIS_TEXT',
    severity: 'ERROR',
    description: '依据引用条文原文',
    source: `${INDEX_2019} 设定依据；seed 003 3.3.5.2`,
    detect: (input) =>
      each(input, (basis, element) =>
        isBlank(basis.text)
          ? { element: `${element}.text`, message: `「${label(basis)}」未引用条文内容`, fixHint: '完整引用所依据条款的原文' }
          : null,
      ),
  }),
  defineRule({
    id: 'LEGAL_BASIS_NO_ELLIPSIS',
    severity: 'WARNING',
    description: '引用条文完整，不用省略号',
    source: 'seed 003 3.3.5.2',
    detect: (input) =>
      each(input, (basis, element) =>
        !isBlank(basis.text) && /…|\.{3}|。。。/.test(basis.text!)
          ? { element: `${element}.text`, message: `「${label(basis)}」的条文使用了省略号`, fixHint: '引用的条文应当准确、完整，选取直接对应的内容，不使用省略号' }
          : null,
      ),
  }),
  defineRule({
    id: 'LEGAL_BASIS_ORDER',
    severity: 'WARNING',
    description: '依据按位阶从高到低、同一文件按条文序号排列',
    source: 'seed 003 3.3.5.4',
    detect: ({ item }) => {
      const issues: Issue[] = [];
      item.legalBasis.forEach((basis, i) => {
        const previous = item.legalBasis[i - 1];
        if (previous === undefined || !isLevel(basis.level) || !isLevel(previous.level)) return;
        const element = `legalBasis[${i}]`;
        const rank = LEGAL_LEVELS.indexOf(basis.level);
        const previousRank = LEGAL_LEVELS.indexOf(previous.level);
        if (rank < previousRank) {
          issues.push({
            element,
            message: `「${label(basis)}」（${LEGAL_LEVEL_NAMES[basis.level]}）排在「${label(previous)}」（${LEGAL_LEVEL_NAMES[previous.level]}）之后`,
            fixHint: '按法律、行政法规、地方性法规、规章、规范性文件、标准规范的位阶从高到低排列',
          });
          return;
        }
        if (rank !== previousRank || (basis.title ?? '').trim() !== (previous.title ?? '').trim()) return;
        const key = basis.article === null ? null : citationKey(basis.article);
        const previousKey = previous.article === null ? null : citationKey(previous.article);
        if (key !== null && previousKey !== null && compareKeys(key, previousKey) < 0) {
          issues.push({
            element,
            message: `「${label(basis)}」${basis.article}排在${previous.article}之后`,
            fixHint: '同一文件引用多个条文的，按条文序号排列',
          });
        }
      });
      return issues;
    },
  }),
];
