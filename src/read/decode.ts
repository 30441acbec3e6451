import { FenjieError } from '../errors.js';
import { commonHanShare } from './common-han.js';

/** Text decoded from bytes, with the encoding that was used. */
export interface Decoded {
  text: string;
  /** Lower-case name of the encoding, e.g. 'utf-8', 'gb18030', 'utf-16le'. */
  encoding: string;
}

/** A byte-order mark and the encoding it announces. */
interface Bom {
  bytes: readonly number[];
  encoding: string;
}

const BOMS: readonly Bom[] = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
];

/** How far into the bytes a <meta charset> declaration is looked for, as browsers do. */
const META_SNIFF_BYTES = 4096;

/** Finds the encoding announced by a byte-order mark at the start of the bytes. */
export function sniffBom(bytes: Uint8Array): Bom | null {
  return BOMS.find((bom) => bom.bytes.every((byte, i) => bytes[i] === byte)) ?? null;
}

/**
 * Finds the charset an HTML document declares in a <meta> tag near its start (`<meta charset=gbk>`
 * or `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`), as an encoding name.
 */
export function sniffMetaCharset(bytes: Uint8Array): string | null {
  let head = '';
  for (const byte of bytes.subarray(0, META_SNIFF_BYTES)) head += String.fromCharCode(byte);
  for (const meta of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const charset = /charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(meta);
    if (charset?.[1]) return encodingName(charset[1]);
  }
  return null;
}

/**
 * The canonical name of an encoding label, or null when there is no decoder for it. GB2312 and GBK
 * labels decode with the GB18030 decoder (their superset, as the WHATWG Encoding Standard does).
 */
export function encodingName(label: string): string | null {
  try {
    const name = new TextDecoder(label.trim()).encoding;
    return name === 'gbk' ? 'gb18030' : name;
  } catch {
    return null;
  }
}

/**
 * Decodes bytes to text. The first that applies decides: a byte-order mark; valid UTF-8; a declared
 * <meta> charset that the bytes really are in; valid GB18030 that reads as Chinese text.
 * Throws FenjieError 'undecodable' when none does.
 */
export function decode(bytes: Uint8Array, name = 'input', encoding?: string): Decoded {
  const decoded = encoding ? decodeAs(bytes, encoding, name) : sniffAndDecode(bytes, name);
  if (!looksLikeText(decoded.text)) {
    throw new FenjieError('undecodable', `${name}: the bytes are not text (control characters in ${decoded.encoding})`);
  }
  return decoded;
}

/** Decodes with the encoding the caller named, skipping a BOM of that encoding. */
function decodeAs(bytes: Uint8Array, label: string, name: string): Decoded {
  const encoding = encodingName(label);
  if (encoding === null) throw new FenjieError('invalid-options', `${name}: unknown encoding '${label}'`);
  const bom = sniffBom(bytes);
  const body = bom?.encoding === encoding ? bytes.subarray(bom.bytes.length) : bytes;
  return { text: decodeStrict(body, encoding, name), encoding };
}

function sniffAndDecode(bytes: Uint8Array, name: string): Decoded {
  const bom = sniffBom(bytes);
  if (bom) return { text: decodeStrict(bytes.subarray(bom.bytes.length), bom.encoding, name), encoding: bom.encoding };
  const declared = sniffMetaCharset(bytes);
  // Pages often declare one charset and are saved in another. Valid UTF-8 with non-ASCII bytes is
  // almost never GBK or Big5 by accident, so it wins over a declaration; then the declaration, if
  // the bytes fit it; then GB18030, if the text reads as Chinese.
  const utf8 = tryDecode(bytes, 'utf-8');
  if (utf8 !== null && (declared === null || declared === 'utf-8' || bytes.some((b) => b > 0x7f))) return { text: utf8, encoding: 'utf-8' };
  if (declared !== null) {
    const text = tryDecode(bytes, declared);
    if (text !== null) {
      checkDeclaredFits(bytes, text, declared, name);
      return { text, encoding: declared };
    }
  }
  const gb = tryDecode(bytes, 'gb18030');
  if (gb !== null && readsAsChinese(gb)) return { text: gb, encoding: 'gb18030' };
  throw new FenjieError('undecodable', `${name}: not valid text in UTF-8, UTF-16 (with BOM) or GB18030${declared ? ` (declared: ${declared})` : ''}`);
}

/** The Chinese legacy encodings, each of which decodes most byte pairs of the other. */
const CHINESE_ENCODINGS = ['gb18030', 'big5'];

/**
 * GBK bytes declared as Big5 (or Big5 declared as GBK) decode without error, into mojibake: both
 * encodings map most byte pairs to some Han character. Text in the right encoding is mostly common
 * characters; when the declared decoding has few of them and another Chinese encoding gives many,
 * the declaration is wrong, and the input is refused with the encoding to use instead.
 */
function checkDeclaredFits(bytes: Uint8Array, text: string, declared: string, name: string): void {
  if (!CHINESE_ENCODINGS.includes(declared)) return;
  const share = commonHanShare(text);
  if (share === null || share >= 0.4) return;
  for (const other of CHINESE_ENCODINGS) {
    if (other === declared) continue;
    const otherText = tryDecode(bytes, other);
    const otherShare = otherText === null ? null : commonHanShare(otherText);
    if (otherShare !== null && otherShare >= 0.5 && otherShare >= 2 * share) {
      throw new FenjieError(
        'undecodable',
        `${name}: the page declares charset ${declared}, but its bytes are ${other} text (read as ${declared} they give mojibake); read it with --encoding ${other} (option encoding)`,
      );
    }
  }
}

/** Decodes with a named encoding, refusing invalid byte sequences instead of passing on U+FFFD. */
export function decodeStrict(bytes: Uint8Array, encoding: string, name = 'input'): string {
  const text = tryDecode(bytes, encoding);
  if (text === null) throw new FenjieError('undecodable', `${name}: not valid ${encoding} text`);
  return text;
}

/** Binary data decodes to NULs and other control characters; text has almost none. */
function looksLikeText(text: string): boolean {
  let controls = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === 0) return false;
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c) || code === 0x7f) controls += 1;
  }
  return controls <= text.length / 100;
}

function tryDecode(bytes: Uint8Array, encoding: string): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Bytes that are not UTF-8 often still decode as GB18030, which maps most byte pairs. Chinese text
 * is mostly common Han characters; binary junk decodes to rare symbols and private-use characters.
 */
function readsAsChinese(text: string): boolean {
  let han = 0;
  let other = 0;
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    if (code < 0x80) continue;
    if (code >= 0x4e00 && code <= 0x9fff) han += 1;
    else if (!(code >= 0x3000 && code <= 0x303f) && !(code >= 0xff00 && code <= 0xffef) && !(code >= 0x2010 && code <= 0x2027)) other += 1;
  }
  return han > 0 && other <= han / 4;
}
