import CFB from 'cfb';
import { describe, expect, it } from 'vitest';
import { FenjieError } from '../../src/errors.js';
import { parse } from '../../src/index.js';
import { sniffBinary } from '../../src/read/container.js';
import { isOle } from '../../src/read/detect.js';
import { openOle } from '../../src/read/ole.js';

/** Builds an OLE compound file holding the named streams, with cfb's writer. */
function oleWith(streams: Record<string, string>): Uint8Array {
  const container = CFB.utils.cfb_new();
  for (const [name, content] of Object.entries(streams)) CFB.utils.cfb_add(container, `/${name}`, new TextEncoder().encode(content));
  return new Uint8Array(CFB.write(container, { type: 'array' }) as number[]);
}

describe('OLE compound files', () => {
  it('tells Word, Excel and other OLE files apart by their streams', () => {
    expect(openOle(oleWith({ WordDocument: 'x', '1Table': 'y' }), 'a.doc').kind).toBe('doc');
    expect(openOle(oleWith({ Workbook: 'x' }), 'a.xls').kind).toBe('xls');
    expect(openOle(oleWith({ Book: 'x' }), 'a.xls').kind).toBe('xls');
    expect(openOle(oleWith({ EncryptionInfo: 'x', EncryptedPackage: 'y' }), 'a.docx').kind).toBe('encrypted-ooxml');
    expect(openOle(oleWith({ 'PowerPoint Document': 'x' }), 'a.ppt').kind).toBe('powerpoint');
    expect(openOle(oleWith({ Contents: 'x' }), 'a.bin').kind).toBe('other');
  });

  it('gives a stream by name, case-insensitively', () => {
    const ole = openOle(oleWith({ WordDocument: 'hello' }), 'a.doc');
    expect(new TextDecoder().decode(ole.stream('worddocument') ?? undefined)).toBe('hello');
    expect(ole.stream('1Table')).toBeNull();
  });

  it('refuses a damaged container with a FenjieError, and names what other OLE files are', () => {
    const bytes = oleWith({ WordDocument: 'x' });
    expect(isOle(bytes)).toBe(true);
    expect(() => openOle(bytes.subarray(0, 600), 'cut.doc')).toThrow(FenjieError);
    expect(() => sniffBinary(oleWith({ EncryptionInfo: 'x', EncryptedPackage: 'y' }), 'a.docx')).toThrow(/password-protected/);
    expect(() => sniffBinary(oleWith({ 'PowerPoint Document': 'x' }), 'a.ppt')).toThrow(/PowerPoint/);
  });

  it('routes a Word or Excel OLE file to its format', async () => {
    expect(sniffBinary(oleWith({ WordDocument: 'x' }), 'a.doc')?.format).toBe('doc');
    expect(sniffBinary(oleWith({ Workbook: 'x' }), 'a.et')?.format).toBe('xls');
    await expect(parse(new Uint8Array([1, 2, 3]), { format: 'xls' })).rejects.toThrow(/not a .xls file/);
  });
});

describe('zip packages', () => {
  it('tells OpenDocument, OFD and presentations from Word and Excel files', async () => {
    const { zipSync, strToU8 } = await import('fflate');
    const zip = (files: Record<string, string>) => zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])));
    expect(sniffBinary(zip({ 'word/document.xml': '<w:document/>' }), 'a.docx')?.format).toBe('docx');
    expect(sniffBinary(zip({ 'xl/workbook.xml': '<workbook/>' }), 'a.xlsx')?.format).toBe('xlsx');
    expect(() => sniffBinary(zip({ mimetype: 'application/vnd.oasis.opendocument.text', 'content.xml': '' }), 'a.odt')).toThrow(/OpenDocument text/);
    expect(() => sniffBinary(zip({ mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'content.xml': '' }), 'a.ods')).toThrow(/OpenDocument spreadsheet/);
    expect(() => sniffBinary(zip({ 'OFD.xml': '<ofd/>' }), 'a.ofd')).toThrow(/OFD/);
    expect(() => sniffBinary(zip({ 'ppt/presentation.xml': '<p/>' }), 'a.pptx')).toThrow(/PowerPoint/);
  });
});
