import type { GuideContent } from '../../../subgraphs/catalog/guide/content.ts';
import type { ItemSubject } from './profile.ts';

type ResultKind = GuideContent['result']['kind'];

/** Results named as the law names them (seed 003: 证件名称、决定书名称), for the showcase items. */
const NAMED: ReadonlyArray<{ keyword: string; name: string; kind: ResultKind }> = [
  { keyword: '申领、换领、补领居民身份证', name: '中华人民共和国居民身份证', kind: 'CERTIFICATE' },
  { keyword: '临时身份证', name: '中华人民共和国临时居民身份证', kind: 'CERTIFICATE' },
  { keyword: '机动车驾驶证核发', name: '中华人民共和国机动车驾驶证', kind: 'CERTIFICATE' },
  { keyword: '机动车登记', name: '机动车登记证书、号牌、行驶证', kind: 'CERTIFICATE' },
  { keyword: '旅馆业特种行业许可证', name: '特种行业许可证（旅馆业）', kind: 'CERTIFICATE' },
  { keyword: '公章刻制业', name: '特种行业许可证（公章刻制业）', kind: 'CERTIFICATE' },
  { keyword: '户口迁移', name: '户口迁移证（迁入登记后载入居民户口簿）', kind: 'CERTIFICATE' },
  { keyword: '收养登记', name: '收养登记证', kind: 'CERTIFICATE' },
  { keyword: '社会团体', name: '社会团体法人登记证书', kind: 'CERTIFICATE' },
  { keyword: '宅基地审批', name: '农村宅基地批准书', kind: 'APPROVAL' },
  { keyword: '消防设计审核和消防验收', name: '建设工程消防设计审核意见书、建设工程消防验收意见书', kind: 'APPROVAL' },
  { keyword: '营业前消防安全检查', name: '公众聚集场所投入使用、营业前消防安全检查合格证', kind: 'CERTIFICATE' },
  { keyword: '税务登记', name: '税务登记证', kind: 'CERTIFICATE' },
  { keyword: '一孩生育服务证', name: '一孩生育服务证', kind: 'CERTIFICATE' },
  { keyword: '最低生活保障', name: '最低生活保障金领取证', kind: 'CERTIFICATE' },
  { keyword: '个体工商户登记', name: '个体工商户营业执照', kind: 'CERTIFICATE' },
];

/** The result an item ends in: by name for the showcase items, else by type and wording. */
export function resultOf(subject: ItemSubject): { name: string; kind: ResultKind } {
  const named = NAMED.find((n) => subject.name.includes(n.keyword));
  if (named) return { name: named.name, kind: named.kind };
  const name = subject.name;
  switch (subject.type) {
    case 'LICENSE': {
      const certificate = /(许可证|证书|合格证|执业证)/.exec(name);
      if (certificate) return { name: name.replace(/的?核发.*$/, ''), kind: 'CERTIFICATE' };
      if (name.includes('(初审)')) return { name: `${name.replace('(初审)', '')}初审意见`, kind: 'APPROVAL' };
      return { name: `准予${name}决定书`, kind: 'APPROVAL' };
    }
    case 'CONFIRMATION':
      if (name.includes('备案')) return { name: `${name}回执`, kind: 'RECORD' };
      if (/(证书|证)/.test(name)) return { name: name.replace(/核发$|办理$/, ''), kind: 'CERTIFICATE' };
      return { name: `${name}结果通知书`, kind: 'RECORD' };
    case 'PAYMENT':
      return { name: `${name}通知书`, kind: 'APPROVAL' };
    case 'DISCLOSURE':
      return { name: '政府信息公开申请答复书', kind: 'OTHER' };
    case 'LEVY':
      return { name: '税收（费）缴款凭证', kind: 'RECORD' };
    case 'INSPECTION':
      return { name: `${name}结论`, kind: 'RECORD' };
    case 'ENFORCEMENT':
      return { name: '税收保全措施决定书', kind: 'APPROVAL' };
    default:
      return { name: `${name}办理结果告知书`, kind: 'OTHER' };
  }
}
