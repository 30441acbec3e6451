import type { SourceFormat } from '../model/schema.js';

/** The formats fenjie reads from text, after decoding. */
export type TextFormat = 'text' | 'html' | 'markdown';

/** The formats fenjie reads from bytes: zip packages and OLE compound files. */
export type BinaryFormat = Exclude<SourceFormat, TextFormat>;

/** True when bytes start like a zip archive, as every .docx does. */
export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05) && (bytes[3] === 0x04 || bytes[3] === 0x06);
}

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] as const;

/** True when bytes start with the OLE compound file signature, as .doc, .xls, .et and .wps files do. */
export function isOle(bytes: Uint8Array): boolean {
  return OLE_MAGIC.every((byte, i) => bytes[i] === byte);
}

/** How much of the start of a text is looked at to tell its format. */
const SNIFF_LENGTH = 4096;

/**
 * Tells the format of decoded text from its content: markup that opens with a tag or names a
 * table is HTML; a GFM table delimiter row (|---|---|) makes Markdown. Where the content says
 * neither, a .md or .html file name does, so that an error speaks of the format the user meant.
 */
export function detectTextFormat(text: string, fileName = ''): TextFormat {
  const head = text.slice(0, SNIFF_LENGTH).trimStart();
  if (/^<(!doctype|html|\?xml|head|body|table|meta|div|p)\b/i.test(head) || /<table[\s>]/i.test(text.slice(0, SNIFF_LENGTH * 16))) {
    return 'html';
  }
  if (/^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(\|[ \t]*:?-{3,}:?[ \t]*)+\|?[ \t]*$/m.test(text.slice(0, SNIFF_LENGTH * 16))) return 'markdown';
  if (/\.(md|markdown)$/i.test(fileName)) return 'markdown';
  if (/\.x?html?$/i.test(fileName)) return 'html';
  return 'text';
}

/** File signatures of formats people mistake for readable tables, with what to do instead. */
const FOREIGN_FORMATS: readonly { magic: readonly number[]; what: string }[] = [
  { magic: [0x25, 0x50, 0x44, 0x46, 0x2d], what: 'a PDF; fenjie reads Word, Excel, HTML, text and Markdown tables (save the original as .docx or .xlsx)' },
  { magic: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image; fenjie reads tables as text, not pictures of them' },
  { magic: [0xff, 0xd8, 0xff], what: 'a JPEG image; fenjie reads tables as text, not pictures of them' },
  { magic: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image; fenjie reads tables as text, not pictures of them' },
  { magic: [0x49, 0x49, 0x2a, 0x00], what: 'a TIFF image; fenjie reads tables as text, not pictures of them' },
  { magic: [0x4d, 0x4d, 0x00, 0x2a], what: 'a TIFF image; fenjie reads tables as text, not pictures of them' },
  { magic: [0x7b, 0x5c, 0x72, 0x74, 0x66], what: 'an RTF file; save it as .docx' },
];

/** Names a format fenjie does not read, from the first bytes, or null. */
export function foreignFormat(bytes: Uint8Array): string | null {
  return FOREIGN_FORMATS.find(({ magic }) => magic.every((byte, i) => bytes[i] === byte))?.what ?? null;
}

