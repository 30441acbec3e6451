import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { FenjieError } from '../../src/errors.js';
import { decode } from '../../src/read/decode.js';
import { detectTextFormat, isZip } from '../../src/read/detect.js';

const TEXT = '\t具体措施\n\t公开执法依据';

function utf16(text: string, littleEndian: boolean): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, 0xfeff, littleEndian);
  for (let i = 0; i < text.length; i += 1) view.setUint16(2 + i * 2, text.charCodeAt(i), littleEndian);
  return bytes;
}

describe('decode', () => {
  it('reads UTF-8 with and without BOM', () => {
    const plain = new TextEncoder().encode(TEXT);
    expect(decode(plain)).toEqual({ text: TEXT, encoding: 'utf-8' });
    expect(decode(new Uint8Array([0xef, 0xbb, 0xbf, ...plain]))).toEqual({ text: TEXT, encoding: 'utf-8' });
  });

  it('reads UTF-16 announced by a BOM, either byte order', () => {
    expect(decode(utf16(TEXT, true))).toEqual({ text: TEXT, encoding: 'utf-16le' });
    expect(decode(utf16(TEXT, false))).toEqual({ text: TEXT, encoding: 'utf-16be' });
  });

  it('reads GB18030 bytes that are not UTF-8 when they read as Chinese', () => {
    expect(decode(new Uint8Array([0xc4, 0xe3, 0xba, 0xc3]), 'gbk.txt')).toEqual({ text: '你好', encoding: 'gb18030' });
  });

  it('refuses bytes that fit no encoding rather than passing on replacement characters', () => {
    expect(() => decode(new Uint8Array([0xc4, 0xe3, 0xba, 0xc3, 0xff]), 'junk.txt')).toThrow(
      'junk.txt: not valid text in UTF-8, UTF-16 (with BOM) or GB18030',
    );
  });
});

describe('format detection', () => {
  it('knows a zip by its magic number', () => {
    expect(isZip(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0]))).toBe(true);
    expect(isZip(new TextEncoder().encode('PK but text'))).toBe(false);
  });

  it.each([
    ['<!DOCTYPE html><html><body><table></table>', 'html'],
    ['  <table><tr><td>a</td></tr></table>', 'html'],
    ['# 标题\n\n| 基本任务 | 具体措施 |\n| --- | --- |\n| a | b |', 'markdown'],
    ['标题\n\t基本任务\n\t具体措施', 'text'],
  ] as const)('%j is %s', (text, format) => {
    expect(detectTextFormat(text)).toBe(format);
  });
});

describe('a declared charset that the bytes do not fit', () => {
  // A task table's text, real enough to judge by: the seed's first measures.
  const PAGE = (charset: string) =>
    `<meta charset="${charset}"><p>2016年上海市公安局政务公开工作要点任务分解表</p><table><tr><th>具体措施</th><th>责任部门</th></tr>` +
    '<tr><td>继续推行行政执法公示制度，有针对性地主动公开新出台公安改革政策措施</td><td>指挥部、法制办、市局相关单位</td></tr>' +
    '<tr><td>进一步加强制度和体系建设，完善政务公开工作机制，推进信息发布解读回应</td><td>政治部、各分县局</td></tr></table>';

  it('is refused when GBK bytes are declared Big5, naming the encoding to use', () => {
    const bytes = iconv.encode(PAGE('big5'), 'gbk');
    expect(() => decode(bytes, 'gbk-as-big5.html')).toThrowError(
      new FenjieError(
        'undecodable',
        'gbk-as-big5.html: the page declares charset big5, but its bytes are gb18030 text (read as big5 they give mojibake); read it with --encoding gb18030 (option encoding)',
      ),
    );
    expect(decode(bytes, 'gbk-as-big5.html', 'gbk').text).toBe(PAGE('big5'));
  });

  it('is refused when Big5 bytes are declared GBK', () => {
    const traditional = PAGE('gbk').replace(/务/g, '務').replace(/门/g, '門').replace(/进/g, '進');
    const bytes = iconv.encode(traditional, 'big5');
    expect(() => decode(bytes, 'big5-as-gbk.html')).toThrowError(/declares charset gb18030, but its bytes are big5 text/);
  });

  it('is read when the declaration is right, either way', () => {
    expect(decode(iconv.encode(PAGE('gbk'), 'gbk'), 'gbk.html')).toEqual({ text: PAGE('gbk'), encoding: 'gb18030' });
    const big5 = PAGE('big5').replace(/务/g, '務');
    expect(decode(iconv.encode(big5, 'big5'), 'big5.html').encoding).toBe('big5');
  });
});
