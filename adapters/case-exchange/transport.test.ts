import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ExchangeFault } from './faults.ts';
import { checkDepth, decodeCharset, decodeContentEncoding, refuseDtd } from './transport.ts';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as ExchangeFault).code;
  }
  return null;
};

describe('transport checks before any XML parser', () => {
  it('counts nesting, stepping over comments, instructions, CDATA and quoted ">"', () => {
    const nest = (n: number) => `${'<a x="1>2">'.repeat(n)}${'</a>'.repeat(n)}`;
    expect(codeOf(() => checkDepth(`<?xml version="1.0"?><!-- <b><b><b> -->${nest(4)}`, 4))).toBeNull();
    expect(codeOf(() => checkDepth(nest(5), 4))).toBe('soap:Client.TOO_DEEP');
    expect(codeOf(() => checkDepth(`<a><b/><b/><b/><b/><b/></a>`, 2))).toBeNull();
    expect(codeOf(() => checkDepth(`<a><![CDATA[<b><b><b><b>]]></a>`, 2))).toBeNull();
    // CDATA holding an XML document is parsed by node-soap in turn, so it counts.
    expect(codeOf(() => checkDepth(`<a><![CDATA[<?xml version="1.0"?><b><b><b></b></b></b>]]></a>`, 3))).toBe('soap:Client.TOO_DEEP');
  });

  it('refuses every kind of markup declaration, wherever it hides', () => {
    for (const text of ['<!DOCTYPE a>', '<a><![CDATA[<!DOCTYPE b>]]></a>', '<!-- --><!ENTITY x "y">', '<! doctype a>']) {
      expect(codeOf(() => refuseDtd(text))).toBe('soap:Client.DTD_FORBIDDEN');
    }
    expect(codeOf(() => refuseDtd('<a>&lt;!DOCTYPE is only text here&gt;</a>'))).toBeNull();
  });

  it('reads UTF-8, GBK, GB2312 and GB18030 from the header or the declaration, the header first', () => {
    const gbk = Buffer.from([0xd6, 0xd0, 0xce, 0xc4]); // 中文
    expect(decodeCharset(Buffer.concat([Buffer.from('<?xml version="1.0" encoding="gb2312"?><a>'), gbk, Buffer.from('</a>')]), 'text/xml').xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><a>中文</a>',
    );
    expect(decodeCharset(Buffer.concat([Buffer.from('<a>'), gbk, Buffer.from('</a>')]), 'text/xml; charset="GB18030"').xml).toBe('<a>中文</a>');
    expect(decodeCharset(Buffer.from('\uFEFF<a>中文</a>'), undefined)).toEqual({ xml: '<a>中文</a>', charset: 'utf-8' });
    expect(codeOf(() => decodeCharset(Buffer.from('<a>中文</a>'), 'text/xml; charset=latin1'))).toBe('soap:Client.BAD_ENCODING');
    expect(codeOf(() => decodeCharset(Buffer.from([0xff, 0xfe, 0x3c, 0x00]), undefined))).toBe('soap:Client.BAD_ENCODING');
  });

  it('gunzips up to the bound and no further', () => {
    expect(decodeContentEncoding(gzipSync('<a/>'), 'gzip').toString()).toBe('<a/>');
    expect(codeOf(() => decodeContentEncoding(gzipSync(Buffer.alloc(2048)), 'gzip', 1024))).toBe('soap:Client.TOO_LARGE');
    expect(codeOf(() => decodeContentEncoding(Buffer.from('not gzip'), 'gzip'))).toBe('soap:Client.BAD_ENCODING');
  });
});
