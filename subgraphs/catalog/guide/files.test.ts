import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crc32, DOCX_MEDIA_TYPE, docxDocument, fileRefOf, pdfDocument } from './files.ts';

interface ZipEntry {
  name: string;
  crc: number;
  data: Buffer;
}

/** Reads an archive the way unzip does: from the end record through the central directory. */
function readZip(zip: Buffer): ZipEntry[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(end).toBe(zip.length - 22);
  const count = zip.readUInt16LE(end + 10);
  const directorySize = zip.readUInt32LE(end + 12);
  let at = zip.readUInt32LE(end + 16);
  expect(at + directorySize).toBe(end);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localOffset = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    expect(method).toBe(0);
    expect(zip.readUInt32LE(localOffset)).toBe(0x04034b50);
    const localNameLength = zip.readUInt16LE(localOffset + 26);
    const localExtraLength = zip.readUInt16LE(localOffset + 28);
    expect(zip.toString('utf8', localOffset + 30, localOffset + 30 + localNameLength)).toBe(name);
    const dataStart = localOffset + 30 + localNameLength + localExtraLength;
    entries.push({ name, crc, data: zip.subarray(dataStart, dataStart + size) });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

describe('crc32', () => {
  it('matches the IEEE check value', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.alloc(0))).toBe(0);
  });
});

describe('docxDocument', () => {
  const docx = docxDocument('旅馆业特种行业许可证申请表', ['申请人姓名：____________', '经营地址：<定军大道> & 88号']);

  it('is a ZIP with the three Office Open XML parts and correct checksums', () => {
    const entries = readZip(docx);
    expect(entries.map((e) => e.name)).toEqual(['[Content_Types].xml', '_rels/.rels', 'word/document.xml']);
    for (const entry of entries) expect(crc32(entry.data), entry.name).toBe(entry.crc);
    const document = entries[2]!.data.toString('utf8');
    expect(document).toContain('旅馆业特种行业许可证申请表');
    expect(document).toContain('经营地址：&lt;定军大道&gt; &amp; 88号');
    expect(entries[0]!.data.toString('utf8')).toContain('/word/document.xml');
    expect(entries[1]!.data.toString('utf8')).toContain('Target="word/document.xml"');
  });

  it('passes unzip -t where the OS has unzip', () => {
    if (!existsSync('/usr/bin/unzip')) return;
    const dir = mkdtempSync(join(tmpdir(), 'docx-'));
    try {
      const path = join(dir, 'form.docx');
      writeFileSync(path, docx);
      const out = execFileSync('/usr/bin/unzip', ['-t', path], { encoding: 'utf8' });
      expect(out).toContain('No errors detected');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is deterministic', () => {
    expect(docxDocument('表', ['a']).equals(docxDocument('表', ['a']))).toBe(true);
    expect(docxDocument('表', ['a']).equals(docxDocument('表', ['b']))).toBe(false);
  });
});

describe('pdfDocument', () => {
  const pdf = pdfDocument('Lvguanye tezhong hangye xukezheng (sample)', ['Applicant: Zhang San', 'Note (a) \\ b']);
  const text = pdf.toString('latin1');

  it('starts with a PDF header and ends with %%EOF', () => {
    expect(text.startsWith('%PDF-1.4\n')).toBe(true);
    expect(text.endsWith('%%EOF\n')).toBe(true);
  });

  it('has a cross-reference table whose offsets point at their objects', () => {
    const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)![1]);
    expect(text.slice(startxref, startxref + 5)).toBe('xref\n');
    const header = /^xref\n0 (\d+)\n/.exec(text.slice(startxref))!;
    const size = Number(header[1]);
    const table = text.slice(startxref + header[0].length, startxref + header[0].length + 20 * size);
    const rows = table.match(/.{20}/gs)!;
    expect(rows).toHaveLength(size);
    expect(rows[0]).toBe('0000000000 65535 f \n');
    rows.slice(1).forEach((row, i) => {
      expect(row).toMatch(/^\d{10} 00000 n \n$/);
      const offset = Number(row.slice(0, 10));
      expect(text.slice(offset).startsWith(`${i + 1} 0 obj\n`)).toBe(true);
    });
    expect(text).toContain(`/Size ${size} /Root 1 0 R`);
  });

  it('declares the true length of its content stream and escapes string delimiters', () => {
    const match = /<< \/Length (\d+) >>\nstream\n/.exec(text)!;
    const start = match.index + match[0].length;
    const length = Number(match[1]);
    expect(text.slice(start + length, start + length + 10)).toBe('\nendstream');
    expect(text).toContain('(Note \\(a\\) \\\\ b)');
  });

  it('refuses text the standard fonts cannot show', () => {
    expect(() => pdfDocument('旅馆业', [])).toThrow(RangeError);
    expect(() => pdfDocument('ok', ['tab\there'])).toThrow(RangeError);
  });
});

describe('fileRefOf', () => {
  it('derives size, SHA-256 and a content-addressed id', () => {
    const bytes = Buffer.from('hello');
    const ref = fileRefOf('hello.docx', DOCX_MEDIA_TYPE, bytes);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    expect(ref).toEqual({ id: sha256.slice(0, 24), name: 'hello.docx', mediaType: DOCX_MEDIA_TYPE, size: 5, sha256 });
    expect(fileRefOf('other.docx', DOCX_MEDIA_TYPE, Buffer.from('hello')).id).toBe(ref.id);
  });
});
