import { describe, expect, it } from 'vitest';
import { documentsFromSeed } from './documents.ts';

describe('documentsFromSeed', () => {
  it('indexes a bare row by name and group, with the lexicon aliases of its name', () => {
    const items = [
      { basicCode: '0100001000', name: '减税、免税', group: '税务工作' },
      { basicCode: '0100002000', name: '减税、免税', group: '税务工作' },
    ];
    const documents = documentsFromSeed(items, { lexicon: { '减税、免税': ['免税'] } });
    expect(documents).toEqual([
      { basicCode: '0100001000', name: '减税、免税', aliases: ['免税'], themes: [], materials: [], faq: [], group: '税务工作' },
      { basicCode: '0100002000', name: '减税、免税', aliases: ['免税'], themes: [], materials: [], faq: [], group: '税务工作' },
    ]);
  });

  it('reads themes, materials and aliases from content, and FAQ from the item’s guides', () => {
    const [document] = documentsFromSeed(
      [
        {
          basicCode: '0100001000',
          name: '一孩生育服务证办理',
          group: '便民服务事项',
          content: {
            themes: { naturalPerson: ['生育收养'], legalPerson: [] },
            materials: [{ name: '结婚证' }, { name: '居民户口簿' }],
            aliases: ['生育证', '准生证'],
          },
        },
      ],
      {
        lexicon: { 一孩生育服务证办理: ['准生证'] },
        guides: [
          { basicCode: '0100001000', content: { faq: [{ question: '要本人去吗？', answer: '可以委托。' }] } },
          { basicCode: '0100001000', content: null },
          { basicCode: '0100009000', content: { faq: [{ question: '别的事项', answer: '不相干' }] } },
        ],
      },
    );
    expect(document).toEqual({
      basicCode: '0100001000',
      name: '一孩生育服务证办理',
      aliases: ['准生证', '生育证'],
      themes: ['生育收养'],
      materials: ['结婚证', '居民户口簿'],
      faq: ['要本人去吗？ 可以委托。'],
      group: '便民服务事项',
    });
  });

  it('does not take aliases from the lexicon’s prototype', () => {
    const [document] = documentsFromSeed([{ basicCode: '0100001000', name: 'constructor', group: 'g' }]);
    expect(document!.aliases).toEqual([]);
  });
});
