import { isTraditionalUnit, simplify } from './script.js';
/** A numbering marker split off the start of a text. */
export interface Marker {
  /** The marker exactly as written, without the whitespace after it: "一、", "（1）", "第三条". */
  marker: string;
  /** The value of the marker: 1 for "一、", "（1）" and "①". */
  number: number;
  /** The text after the marker, leading whitespace trimmed. */
  rest: string;
}

/** The style family of a numbering marker, used to tell section markers from task markers. */
export type MarkerKind = 'ordinal' | 'paren-cjk' | 'paren-arabic' | 'circled' | 'cjk' | 'arabic';

const DIGIT_VALUES: Readonly<Record<string, number>> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNIT_VALUES: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/** First code point, last code point and value of the first, for each block of circled numbers. */
const CIRCLED_RANGES: readonly (readonly [number, number, number])[] = [
  [0x2460, 0x2473, 1], // ①–⑳
  [0x3251, 0x325f, 21], // ㉑–㉟
  [0x32b1, 0x32bf, 36], // ㊱–㊿
];

const NUMERAL_CHARACTERS = '〇零一二两三四五六七八九十百千';
const NUMERAL = `[${NUMERAL_CHARACTERS}]+`;
// Three digits at most, so that a year such as "2016、2017年" is never read as a marker.
const DIGITS = '[0-9０-９]{1,3}';
const CIRCLED = `[${CIRCLED_RANGES.map(([start, end]) => `\\u{${start.toString(16)}}-\\u{${end.toString(16)}}`).join('')}]`;

/** Each marker style: group 1 is the number, the whole match the marker; tried in order. */
const STYLES: readonly { kind: MarkerKind; pattern: RegExp }[] = [
  { kind: 'ordinal', pattern: new RegExp(`^第(${NUMERAL}|[0-9０-９]+)(?:条|项|章|节|部分)、?`, 'u') },
  { kind: 'paren-cjk', pattern: new RegExp(`^[（(](${NUMERAL})[）)][、.．]?`, 'u') },
  { kind: 'paren-arabic', pattern: new RegExp(`^[（(](${DIGITS})[）)][、.．]?`, 'u') },
  { kind: 'circled', pattern: new RegExp(`^(${CIRCLED})[、.．]?`, 'u') },
  { kind: 'cjk', pattern: new RegExp(`^(${NUMERAL})[、.．]`, 'u') },
  { kind: 'arabic', pattern: new RegExp(`^(${DIGITS})[、.．)）]`, 'u') },
];

/** The code units a marker starts with in Simplified script: 第, an opening bracket, a digit or a numeral (circled numbers aside). */
const MARKER_START: ReadonlySet<number> = new Set(Array.from(`第（(0123456789０１２３４５６７８９${NUMERAL_CHARACTERS}`, (char) => char.charCodeAt(0)));

/**
 * Whether a text can start with a marker, told from its first code unit: most texts cannot, and
 * are told so without slicing, simplifying and trying six patterns on them.
 */
function mayStartMarker(code: number): boolean {
  return MARKER_START.has(code) || isTraditionalUnit(code) || circledRange(code) !== undefined;
}

/** The block of circled numbers a code point is in. Indexed, not destructured: it is asked of most texts. */
function circledRange(codePoint: number): (typeof CIRCLED_RANGES)[number] | undefined {
  for (let i = 0; i < CIRCLED_RANGES.length; i += 1) {
    const range = CIRCLED_RANGES[i] as (typeof CIRCLED_RANGES)[number];
    if (codePoint >= range[0] && codePoint <= range[1]) return range;
  }
  return undefined;
}

function isDigit(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0xff10 && code <= 0xff19);
}

/** The value of a Chinese numeral such as 十一, 二十三, 一百零五 or 两百, or null if the text is not one. */
export function chineseNumeralValue(text: string): number | null {
  if (DIGIT_VALUES[text] === 0) return 0;
  let total = 0;
  let digit: number | null = null;
  let lastUnit = Infinity;
  // 零 stands for skipped places: 一百零五 has no tens, while 一百五 without it would be colloquial 150.
  let skipped = false;
  for (const char of text) {
    const value = DIGIT_VALUES[char];
    const unit = UNIT_VALUES[char];
    if (value === 0) {
      if (digit !== null || lastUnit === Infinity || skipped) return null;
      skipped = true;
    } else if (value !== undefined) {
      if (digit !== null) return null;
      digit = value;
    } else if (unit !== undefined) {
      const nextPlace = lastUnit === Infinity || (skipped ? unit < lastUnit / 10 : unit === lastUnit / 10);
      // A leading 十 means 一十 (十一 = 11), nowhere else may a unit stand without its digit.
      const hasDigit = digit !== null || (unit === 10 && lastUnit === Infinity);
      if (!nextPlace || !hasDigit) return null;
      total += (digit ?? 1) * unit;
      lastUnit = unit;
      digit = null;
      skipped = false;
    } else {
      return null;
    }
  }
  if (digit === null) return lastUnit === Infinity || skipped ? null : total;
  return lastUnit === Infinity || lastUnit === 10 || skipped ? total + digit : null;
}

const DIGIT_CHARACTERS = '零一二三四五六七八九';

/** Writes a whole number from 0 to 9999 as a Chinese numeral: 1 → 一, 11 → 十一, 20 → 二十, 105 → 一百零五. */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) return String(n);
  if (n < 10) return DIGIT_CHARACTERS[n] as string;
  const places: [number, string][] = [[1000, '千'], [100, '百'], [10, '十']];
  let out = '';
  let rest = n;
  let zero = false;
  for (const [value, unit] of places) {
    const digit = Math.floor(rest / value);
    rest %= value;
    if (digit === 0) {
      zero = out !== '';
      continue;
    }
    if (zero) out += '零';
    zero = false;
    // 十一, not 一十一, when ten is the highest place.
    out += (digit === 1 && value === 10 && out === '' ? '' : DIGIT_CHARACTERS[digit]) + unit;
  }
  if (rest > 0) out += (zero ? '零' : '') + DIGIT_CHARACTERS[rest];
  return out;
}

// Made once: a regular expression literal makes a new object each time it runs (two a marker were
// most of what reading a measure's number allocated).
const DIGITS_ONLY = /^[0-9０-９]+$/u;
const FULL_WIDTH_DIGIT = /[０-９]/u;
const FULL_WIDTH_DIGITS = /[０-９]/gu;

function markerNumber(token: string): number | null {
  const codePoint = token.codePointAt(0) ?? 0;
  const circled = circledRange(codePoint);
  if (circled) return circled[2] + codePoint - circled[0];
  if (DIGITS_ONLY.test(token)) {
    return Number(FULL_WIDTH_DIGIT.test(token) ? token.replace(FULL_WIDTH_DIGITS, (digit) => String(digit.charCodeAt(0) - 0xff10)) : token);
  }
  return chineseNumeralValue(token);
}

/** More characters than any numbering marker takes (第一百二十三条、 and its spaces). */
const MARKER_SPAN = 40;

function matchStyle(text: string): { kind: MarkerKind; length: number; number: number } | null {
  if (!mayStartMarker(text.charCodeAt(0))) return null;
  // Matched in Simplified script (第一條, 兩), kept as written; a marker is short, so only the start
  // of the text is simplified (a cell of megabytes costs nothing more).
  const simple = simplify(text.length > MARKER_SPAN ? text.slice(0, MARKER_SPAN) : text);
  for (const { kind, pattern } of STYLES) {
    const match = pattern.exec(simple);
    if (match === null) continue;
    const length = match[0].length;
    // "1.5亿元" is an amount, not item 1.
    const last = text.charCodeAt(length - 1);
    if ((last === 0x2e || last === 0xff0e) && isDigit(text.charCodeAt(length))) return null;
    const number = markerNumber(match[1] ?? '');
    return number === null ? null : { kind, length, number };
  }
  return null;
}

/** Splits a numbering marker such as "一、", "（1）", "①" or "第三条" off the start of whitespace-normalized text. */
export function splitMarker(text: string): Marker | null {
  const found = matchStyle(text);
  if (found === null) return null;
  return { marker: text.slice(0, found.length), number: found.number, rest: text.slice(found.length).trimStart() };
}

/** The value of the numbering marker that starts a whitespace-normalized text, or null: `splitMarker(text)?.number` without the parts. */
export function markerValue(text: string): number | null {
  return matchStyle(text)?.number ?? null;
}

/** The style family of a marker returned by `splitMarker`, or null if the string is not exactly one marker. */
export function markerKind(marker: string): MarkerKind | null {
  const found = matchStyle(marker);
  return found !== null && found.length === marker.length ? found.kind : null;
}
