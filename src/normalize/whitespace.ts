/** Code point ranges counted as CJK when deciding whether a space between two characters matters. */
const CJK_RANGES: readonly (readonly [number, number])[] = [
  [0x2018, 0x2019], // ‘’
  [0x201c, 0x201d], // “”
  [0x2026, 0x2026], // …
  [0x3000, 0x303f], // CJK symbols and punctuation, 、。《》【】〔〕
  [0x3400, 0x4dbf], // extension A
  [0x4e00, 0x9fff],
  [0xf900, 0xfaff], // compatibility ideographs
  [0xfe30, 0xfe4f], // compatibility forms
  [0xff00, 0xffef], // fullwidth forms, （），；：
  [0x20000, 0x3134f], // extensions B to G and compatibility supplement
];

const CJK_CLASS = `[${CJK_RANGES.map(
  ([start, end]) => `\\u{${start.toString(16)}}-\\u{${end.toString(16)}}`,
).join('')}]`;
const CJK_CHAR = new RegExp(`^${CJK_CLASS}$`, 'u');
const SPACE_BETWEEN_CJK = new RegExp(`(?<=${CJK_CLASS}) (?=${CJK_CLASS})`, 'gu');

/** Whether a single character (one code point) is a Han ideograph, CJK punctuation, a fullwidth form or a Chinese quote. */
export function isCjk(char: string): boolean {
  return CJK_CHAR.test(char);
}

/** True when a UTF-16 code unit is white space as `\s` and `String.prototype.trim` know it: Unicode Zs, TAB, the line terminators, U+FEFF. */
export function isWhiteSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

/** True when a UTF-16 code unit is one that `collapseWhitespace` changes: white space, NEL, or a zero-width character. */
export function isSpaceOrInvisible(code: number): boolean {
  return isWhiteSpace(code) || code === 0x85 || code === 0x200b || code === 0x2060;
}

/**
 * Whether the text holds anything to collapse. Most cells of a Chinese table hold no space at all:
 * one pass over their code units spares them three regular-expression scans (the lookbehind for
 * spaces between CJK characters was the costliest step of telling a cell's kind).
 */
function hasSpaceOrInvisible(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) if (isSpaceOrInvisible(text.charCodeAt(i))) return true;
  return false;
}

/** Trims text, removes zero-width characters and collapses every whitespace run to one ASCII space. */
export function collapseWhitespace(text: string): string {
  return hasSpaceOrInvisible(text) ? collapse(text) : text;
}

/** Collapses whitespace like `collapseWhitespace` and then drops each space that sits between two CJK characters. */
export function normalizeWhitespace(text: string): string {
  if (!hasSpaceOrInvisible(text)) return text;
  const collapsed = collapse(text);
  return collapsed.includes(' ') ? collapsed.replace(SPACE_BETWEEN_CJK, '') : collapsed;
}

/**
 * Drops zero-width characters (U+FEFF too, which `\s` matches: as a BOM or a zero-width no-break
 * space it vanishes), makes each run of white space and NEL one ASCII space, and trims: a
 * scan of code units, not `replace` with a pattern such as /[\s\u0085]+/gu, whose run V8 matches
 * with a backtracking stack — a line of 8 million spaces overflowed it (RangeError), which a parse
 * reported as an internal error.
 */
function collapse(text: string): string {
  let out = '';
  // Where the text not yet copied starts, and whether white space came since the last text copied.
  let from = 0;
  let space = false;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (!isSpaceOrInvisible(code)) continue;
    const invisible = code === 0x200b || code === 0x2060 || code === 0xfeff;
    if (i > from) {
      out += space && out !== '' ? ` ${text.slice(from, i)}` : text.slice(from, i);
      space = false;
    }
    // A zero-width character vanishes: the white space on either side of it is one run.
    if (!invisible) space = true;
    from = i + 1;
  }
  if (from < text.length) out += space && out !== '' ? ` ${text.slice(from)}` : text.slice(from);
  return out;
}

/** Normalizes the whitespace of each paragraph and drops the paragraphs left empty. */
export function normalizeParagraphs(paragraphs: readonly string[]): string[] {
  return paragraphs.map(normalizeWhitespace).filter((paragraph) => paragraph !== '');
}
