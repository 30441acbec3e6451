import type { Deadline } from '../model/schema.js';
import { chineseNumeralValue } from './markers.js';
import { simplify } from './script.js';
import { normalizeWhitespace } from './whitespace.js';

type Token = { kind: 'num'; value: number } | { kind: 'word'; word: string };

/** A date expression: the day it fixes (null when the wording leaves the day open) and the token after it. */
interface Mention {
  due: string | null;
  next: number;
}

/** Words of more than one character read as one token, and spellings read as the word they mean; any other character is a word of its own. */
const WORDS: ReadonlyMap<string, string> = new Map([
  ['上半年', '上半年'],
  ['下半年', '下半年'],
  ['全年', '全年'],
  ['月份', '月'],
  ['季度', '季'],
  ['号', '日'],
  ['之前', '前'],
  ['以前', '前'],
  ['以后', '起'],
  ['之后', '起'],
  ['开始', '起'],
  ['后', '起'],
  // Drafting, not "from": "6月底起草完成" still ends in June.
  ['起草', '起草'],
  ['左右', '左右'],
  ['前后', '左右'],
  ['明年', '明年'],
  ['次年', '明年'],
  ['翌年', '明年'],
  ['下年', '明年'],
  ['下一年', '明年'],
  ['去年', '去年'],
  ['上年', '去年'],
]);
const WORD_LENGTHS = [...new Set([...WORDS.keys()].map((word) => word.length))].sort((a, b) => b - a);

const CJK_NUMERALS: ReadonlySet<string> = new Set('〇零一二两三四五六七八九十');
const ARABIC_DIGITS: ReadonlySet<string> = new Set('0123456789');

/** Year words that name a year relative to the table's: "明年底前". */
const YEAR_OFFSETS: ReadonlyMap<string, number> = new Map([
  ['明年', 1],
  ['去年', -1],
]);
/** Words after 年 and the month whose last day they name; null where the day stays open (年初). */
const YEAR_PARTS: ReadonlyMap<string, number | null> = new Map([
  ['底', 12],
  ['末', 12],
  ['内', 12],
  ['中', 6],
  ['初', null],
]);
/** Periods of the table's year named by one word, and the month each ends with. */
const HALVES: ReadonlyMap<string, number> = new Map([
  ['上半年', 6],
  ['下半年', 12],
  ['全年', 12],
]);
const MONTH_ENDS: ReadonlySet<string> = new Set(['底', '末', '内']);
const QUARTER_ENDS: ReadonlySet<string> = new Set(['底', '末']);
const DATE_SEPARATORS: ReadonlySet<string> = new Set(['.', '-', '/']);

// Roots, so that one entry covers its compounds: 持续 covers 持续推进, 持续开展 and 全年持续.
const ONGOING_WORDS: readonly string[] = [
  '持续',
  '长期',
  '常态化',
  '常年',
  '日常',
  '每年',
  '每半年',
  '每季',
  '每月',
  '每周',
  '每日',
  '每天',
  '定期',
  '按月',
  '按季',
  '逐年',
  '常抓不懈',
  '不间断',
];

function numeralValue(run: string): number | null {
  if (ARABIC_DIGITS.has(run.charAt(0))) return Number(run);
  // 二〇一六 is written digit by digit; other runs are ordinary numerals such as 十二 or 三十.
  if (run.length === 4 && !run.includes('十')) {
    let value = 0;
    for (const char of run) value = value * 10 + (chineseNumeralValue(char) ?? 0);
    return value;
  }
  return chineseNumeralValue(run);
}

function tokenize(scan: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < scan.length) {
    const length = WORD_LENGTHS.find((candidate) => WORDS.has(scan.slice(index, index + candidate)));
    if (length !== undefined) {
      tokens.push({ kind: 'word', word: WORDS.get(scan.slice(index, index + length)) ?? '' });
      index += length;
      continue;
    }
    const char = scan.charAt(index);
    const digits = ARABIC_DIGITS.has(char) ? ARABIC_DIGITS : CJK_NUMERALS.has(char) ? CJK_NUMERALS : null;
    if (digits === null) {
      tokens.push({ kind: 'word', word: char });
      index++;
      continue;
    }
    let end = index + 1;
    while (end < scan.length && digits.has(scan.charAt(end))) end++;
    const run = scan.slice(index, end);
    const value = numeralValue(run);
    tokens.push(value === null ? { kind: 'word', word: run } : { kind: 'num', value });
    index = end;
  }
  return tokens;
}

function wordAt(tokens: readonly Token[], index: number): string | undefined {
  const token = tokens[index];
  return token?.kind === 'word' ? token.word : undefined;
}

function numAt(tokens: readonly Token[], index: number): number | undefined {
  const token = tokens[index];
  return token?.kind === 'num' ? token.value : undefined;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isoDate(year: number | null, month: number, day: number | 'end'): string | null {
  if (year === null || year < 1000 || year > 9999 || month < 1 || month > 12) return null;
  const last = daysInMonth(year, month);
  const date = day === 'end' ? last : day;
  if (date < 1 || date > last) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')}`;
}

/** A month, quarter or part of a year in the given year: "6月底", "6月30日", "第三季度末", "上半年", "年底". */
function readPeriod(tokens: readonly Token[], index: number, year: number | null): Mention | null {
  const word = wordAt(tokens, index);
  const half = HALVES.get(word ?? '');
  if (half !== undefined) return { due: isoDate(year, half, 'end'), next: index + 1 };
  // "两年内" is a span of two years: 年 after a number that is not a year never means the table's year.
  if (word === '年' && numAt(tokens, index - 1) === undefined) {
    const month = YEAR_PARTS.get(wordAt(tokens, index + 1) ?? '');
    if (month === undefined) return null;
    return { due: month === null ? null : isoDate(year, month, 'end'), next: index + 2 };
  }
  const start = word === '第' ? index + 1 : index;
  const value = numAt(tokens, start);
  if (value === undefined) return null;
  const unit = wordAt(tokens, start + 1);
  if (unit === '月') {
    const day = numAt(tokens, start + 2);
    if (day !== undefined && wordAt(tokens, start + 3) === '日') {
      return { due: isoDate(year, value, day), next: start + 4 };
    }
    if (MONTH_ENDS.has(wordAt(tokens, start + 2) ?? '')) return { due: isoDate(year, value, 'end'), next: start + 3 };
    return { due: null, next: start + 2 };
  }
  if (unit === '季') {
    const ends = QUARTER_ENDS.has(wordAt(tokens, start + 2) ?? '') && value >= 1 && value <= 4;
    return ends ? { due: isoDate(year, value * 3, 'end'), next: start + 3 } : { due: null, next: start + 2 };
  }
  return null;
}

/** A date that names its year, "2016年6月底", "2016.6.30", "明年底", with that year; a year alone leaves the day open. */
function readDated(
  tokens: readonly Token[],
  index: number,
  year: number | null,
): { mention: Mention; year: number | null } | null {
  const value = numAt(tokens, index);
  let named: number | null;
  let next: number;
  if (value === undefined) {
    const offset = YEAR_OFFSETS.get(wordAt(tokens, index) ?? '');
    if (offset === undefined) return null;
    named = year === null ? null : year + offset;
    next = index + 1;
  } else {
    if (value < 1000 || value > 9999) return null;
    const unit = wordAt(tokens, index + 1);
    if (unit !== undefined && DATE_SEPARATORS.has(unit)) {
      const month = numAt(tokens, index + 2);
      // "2016-2017年" is a range of years, not a month.
      if (month === undefined || month >= 100) return null;
      const day = wordAt(tokens, index + 3) === unit ? numAt(tokens, index + 4) : undefined;
      const mention = day === undefined ? { due: null, next: index + 3 } : { due: isoDate(value, month, day), next: index + 5 };
      return { mention, year: value };
    }
    if (unit !== '年') return null;
    named = value;
    next = index + 2;
  }
  const part = YEAR_PARTS.get(wordAt(tokens, next) ?? '');
  if (part !== undefined) {
    return { mention: { due: part === null ? null : isoDate(named, part, 'end'), next: next + 1 }, year: named };
  }
  return { mention: readPeriod(tokens, next, named) ?? { due: null, next }, year: named };
}

/** White space, made once: a regular expression literal makes a new object each time it runs. */
const WHITE_SPACE = /\s/gu;

/**
 * Reads a deadline cell ("2016年6月底前", "第三季度末", "持续推进"): `due` is an ISO date only where the
 * wording fixes the day, taking the year from the cell or else from `year`, the table's; null for a blank cell.
 */
export function parseDeadline(text: string, year: number | null): Deadline | null {
  const written = normalizeWhitespace(text);
  if (written === '') return null;
  // NFKC turns full-width digits and separators, and the Kangxi radical ⽉ that PDF extraction leaves, into plain ones;
  // 年度 means 年 here (本年度内, 2016年度).
  // Words are matched in Simplified script (長期堅持, 年內).
  const scan = simplify(written.normalize('NFKC').replace(WHITE_SPACE, '')).replaceAll('年度', '年');
  const tokens = tokenize(scan);
  let context = year;
  let due: string | null = null;
  let index = 0;
  while (index < tokens.length) {
    const dated = readDated(tokens, index, context);
    // A year named in the cell holds for the dates after it: "2017年3月底前完成初稿，6月底前定稿".
    if (dated !== null) context = dated.year;
    const mention = dated?.mention ?? readPeriod(tokens, index, context);
    if (mention === null) {
      index++;
      continue;
    }
    const after = wordAt(tokens, mention.next);
    // The last date named is when the measure is finished ("6月底前完成初稿，9月底前完成"), unless it is a
    // start ("7月起") or only approximate ("6月底左右").
    if (after !== '起') due = after === '左右' ? null : mention.due;
    index = mention.next;
  }
  return { text: written, due, ongoing: ONGOING_WORDS.some((word) => scan.includes(word)) };
}
