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
// U+FEFF is matched by \s, but as a BOM or zero-width no-break space it must vanish, not become a space.
const INVISIBLE = /[\u200b\u2060\ufeff]/gu;
const WHITESPACE_RUN = /[\s\u0085]+/gu;

/** Whether a single character (one code point) is a Han ideograph, CJK punctuation, a fullwidth form or a Chinese quote. */
export function isCjk(char: string): boolean {
  return CJK_CHAR.test(char);
}

/** Trims text, removes zero-width characters and collapses every whitespace run to one ASCII space. */
export function collapseWhitespace(text: string): string {
  return text.replace(INVISIBLE, '').replace(WHITESPACE_RUN, ' ').trim();
}

/** Collapses whitespace like `collapseWhitespace` and then drops each space that sits between two CJK characters. */
export function normalizeWhitespace(text: string): string {
  return collapseWhitespace(text).replace(SPACE_BETWEEN_CJK, '');
}

/** Normalizes the whitespace of each paragraph and drops the paragraphs left empty. */
export function normalizeParagraphs(paragraphs: readonly string[]): string[] {
  return paragraphs.map(normalizeWhitespace).filter((paragraph) => paragraph !== '');
}
