import { describe, expect, it } from 'vitest';
import { CsvError, parseCsv } from './csv.ts';

describe('parseCsv', () => {
  it('reads plain records with LF, CRLF and a final line without a break', () => {
    expect(parseCsv('a,b,c\n1,2,3\r\n4,5,6')).toEqual([['a', 'b', 'c'], ['1', '2', '3'], ['4', '5', '6']]);
    expect(parseCsv('a,b\n1,2\n')).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('keeps commas, line breaks and doubled quotes inside quoted fields', () => {
    const text = 'name,note\r\n"汉江, 绿源","第一行\r\n第二行"\n"他说""好""",""\n';
    expect(parseCsv(text)).toEqual([['name', 'note'], ['汉江, 绿源', '第一行\r\n第二行'], ['他说"好"', '']]);
  });

  it('drops a UTF-8 byte order mark and keeps empty fields', () => {
    expect(parseCsv('\uFEFFidentifier,status\nX,\n,Y')).toEqual([['identifier', 'status'], ['X', ''], ['', 'Y']]);
  });

  it('refuses an unterminated quoted field and text after a closing quote', () => {
    expect(() => parseCsv('a\n"open')).toThrow(CsvError);
    expect(() => parseCsv('a\n"closed"x')).toThrow(/after a closing quote/);
  });
});
