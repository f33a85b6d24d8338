import { describe, expect, it } from 'vitest';
import { tokenize } from './tokenize.ts';

const terms = (text: string, kind?: string) => tokenize(text).filter((t) => !kind || t.kind === kind).map((t) => t.term);

describe('tokenize', () => {
  it('indexes a Han run as overlapping bigrams plus unigrams', () => {
    expect(terms('准生证', 'BIGRAM')).toEqual(['准生', '生证']);
    expect(terms('准生证', 'UNIGRAM')).toEqual(['准', '生', '证']);
  });

  it('gives a lone Han character only its unigram', () => {
    expect(tokenize('证')).toEqual([{ term: '证', kind: 'UNIGRAM', start: 0, length: 1 }]);
  });

  it('makes no bigram across a separator', () => {
    expect(terms('减税、免税', 'BIGRAM')).toEqual(['减税', '免税']);
  });

  it('keeps Latin and digit runs as words, split from Han runs', () => {
    expect(tokenize('A1驾照')).toEqual([
      { term: 'a1', kind: 'WORD', start: 0, length: 2 },
      { term: '驾', kind: 'UNIGRAM', start: 2, length: 1 },
      { term: '驾照', kind: 'BIGRAM', start: 2, length: 2 },
      { term: '照', kind: 'UNIGRAM', start: 3, length: 1 },
    ]);
    expect(terms('开KTV', 'WORD')).toEqual(['ktv']);
    expect(terms('2019年 ICP备案', 'WORD')).toEqual(['2019', 'icp']);
  });

  it('is the same for a document and a query that spell a word differently', () => {
    expect(terms('身份證')).toEqual(terms('身份证'));
    expect(terms('Ｃ１')).toEqual(terms('c1'));
  });

  it('returns nothing for text with no letters or digits, and never throws', () => {
    for (const text of ['', '!!!!', '😀😀😀', "%_'\";--", '\uD800', '   ']) {
      expect(tokenize(text)).toEqual([]);
    }
  });

  it('counts offsets in code points, so astral characters do not shift them', () => {
    expect(tokenize('𠀀证').map((t) => [t.term, t.start])).toEqual([
      ['𠀀', 0],
      ['𠀀证', 0],
      ['证', 1],
    ]);
  });
});
