import type { GuideContent } from '../../../subgraphs/catalog/guide/content.ts';
import type { ItemSubject } from './profile.ts';

type Faq = GuideContent['faq'];

const SPECIFIC: ReadonlyArray<{ keyword: string; faq: Faq }> = [
  {
    keyword: '申领、换领、补领居民身份证',
    faq: [
      { question: '居民身份证丢失了，在办理补领期间急需证明身份怎么办？', answer: '可以同时申请领取临时居民身份证，当场办理（《居民身份证法》第十二条）。' },
      { question: '可以在户籍地以外办理吗？', answer: '在陕西省内可跨县（区）办理换领、补领；首次申领须在户籍所在地办理。' },
      { question: '哪些人可以免收工本费？', answer: '城市中领取最低生活保障金的居民、农村中有特殊生活困难的居民，初次申领和换领时免收工本费。' },
    ],
  },
  {
    keyword: '机动车驾驶证核发',
    faq: [
      { question: '体检证明在哪里开具？', answer: '县级或者部队团级以上医疗机构均可出具，勉县医院设有驾驶人体检窗口。' },
      { question: '考试不合格可以补考吗？', answer: '每个科目考试一次，考试不合格的可以补考一次；补考仍不合格的，本次考试终止，须重新预约。' },
    ],
  },
  {
    keyword: '农村村民宅基地审批',
    faq: [
      { question: '一户可以申请几处宅基地？', answer: '农村村民一户只能拥有一处宅基地；出卖、出租住房后再申请宅基地的，不予批准。' },
      { question: '现场勘查的时间算在办理时限内吗？', answer: '不算。现场勘查所需时间不计入承诺时限，勘查时间会提前告知申请人。' },
    ],
  },
  {
    keyword: '收养登记',
    faq: [
      { question: '可以委托他人办理收养登记吗？', answer: '不可以。收养关系当事人应当亲自到收养登记机关办理。' },
      { question: '收养关系从什么时候成立？', answer: '自登记之日起成立。' },
    ],
  },
  {
    keyword: '税务登记设立、变更、注销',
    faq: [
      { question: '领取营业执照后多长时间内要办理税务登记？', answer: '自领取营业执照之日起三十日内办理。' },
      { question: '组织机构代码证书还需要提交吗？', answer: '不需要，窗口通过部门信息共享获取。' },
    ],
  },
];

/** Two or three questions people ask at the window; by item for the showcase items, else by type. */
export function faqOf(subject: ItemSubject, promisedDays: number | null): Faq {
  const specific = SPECIFIC.find((s) => subject.name.includes(s.keyword));
  if (specific) return specific.faq.map((q) => ({ ...q }));
  const timing = promisedDays === null
    ? { question: '多长时间可以办好？', answer: '材料齐全、符合法定形式的，当场办结。' }
    : { question: '多长时间可以办好？', answer: `自受理之日起${promisedDays}个工作日内办结，需要现场勘查、专家评审等特别程序的，所需时间不计算在内。` };
  const progress = { question: '如何查询办理进度？', answer: '可凭受理通知书上的办件编号在陕西政务服务网或勉县政务服务中心查询，也可拨打咨询电话。' };
  switch (subject.type) {
    case 'DISCLOSURE':
      return [
        { question: '申请公开政府信息需要说明用途吗？', answer: '需要在申请表中说明所需信息的内容描述，以便查找；申请人应当对所提供的身份信息负责。' },
        timing,
        { question: '获取政府信息收费吗？', answer: '不收取检索、复制、邮寄费用以外的费用（示例数据）。' },
      ];
    case 'LEVY':
      return [
        { question: '可以网上申报缴纳吗？', answer: '可以，通过电子税务局网上申报、网上缴款，无需到现场。' },
        progress,
      ];
    default:
      return [timing, progress, { question: '材料不齐全怎么办？', answer: '窗口将一次性告知需补正的全部内容；标注为容缺的材料可先行受理、限期补正。' }];
  }
}
