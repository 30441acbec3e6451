import type { SourceFormat } from '../model/schema.js';

/** True when bytes start like a zip archive, as every .docx does. */
export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05) && (bytes[3] === 0x04 || bytes[3] === 0x06);
}

/** How much of the start of a text is looked at to tell its format. */
const SNIFF_LENGTH = 4096;

/**
 * Tells the format of decoded text from its content: markup that opens with a tag or names a
 * table is HTML; a GFM table delimiter row (|---|---|) makes Markdown; anything else is text.
 */
export function detectTextFormat(text: string): Exclude<SourceFormat, 'docx'> {
  const head = text.slice(0, SNIFF_LENGTH).trimStart();
  if (/^<(!doctype|html|\?xml|head|body|table|meta|div|p)\b/i.test(head) || /<table[\s>]/i.test(text.slice(0, SNIFF_LENGTH * 16))) {
    return 'html';
  }
  if (/^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(\|[ \t]*:?-{3,}:?[ \t]*)+\|?[ \t]*$/m.test(text.slice(0, SNIFF_LENGTH * 16))) return 'markdown';
  return 'text';
}
