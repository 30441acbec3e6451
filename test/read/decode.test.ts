import { describe, expect, it } from 'vitest';
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
