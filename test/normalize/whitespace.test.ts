import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collapseWhitespace, isCjk, normalizeParagraphs, normalizeWhitespace } from '../../src/normalize/whitespace.js';
import { count, sized } from '../helpers/stress.js';

describe('normalizeWhitespace', () => {
  it.each([
    ['trims', '  指挥部  ', '指挥部'],
    ['drops spaces between Han characters', '建   设', '建设'],
    ['drops a space between two names', '指挥部 法制办', '指挥部法制办'],
    ['keeps a space between ASCII and Han', 'WEB 攻击', 'WEB 攻击'],
    ['keeps a space between Han and ASCII', '攻击 WEB', '攻击 WEB'],
    ['keeps a space between digits and Han', '2016年 6月', '2016年 6月'],
    ['collapses ASCII runs to one space', 'a  \t b', 'a b'],
    ['collapses line breaks', 'a\r\n\nb', 'a b'],
    ['treats a tab between Han as droppable', '建\t设', '建设'],
    ['treats a line break between Han as droppable', '建\n设', '建设'],
    ['collapses NBSP', 'a\u00a0b', 'a b'],
    ['collapses the ideographic space', 'a\u3000b', 'a b'],
    ['drops the ideographic space between Han', '指挥部\u3000法制办', '指挥部法制办'],
    ['collapses other Unicode spaces', 'a\u2003\u2009\u202fb', 'a b'],
    ['collapses NEL', 'a\u0085b', 'a b'],
    ['removes zero-width spaces', 'a\u200bb', 'ab'],
    ['removes a BOM', '\ufeff一、任务', '一、任务'],
    ['removes zero-width characters inside runs', 'a \u200b b', 'a b'],
    ['drops spaces around CJK punctuation', '加强 ， 推进', '加强，推进'],
    ['drops spaces around fullwidth brackets', '各分 （县） 局', '各分（县）局'],
    ['drops spaces inside Chinese quotes', '“ 市局网上政务大厅 ” 建设', '“市局网上政务大厅”建设'],
    ['drops spaces around book-title marks', '《 条例 》', '《条例》'],
    ['drops spaces around curly single quotes', '‘ 一网通 ’', '‘一网通’'],
    ['drops a space before an ellipsis', '等 …', '等…'],
    ['drops spaces between extension A ideographs', '\u3400 \u4db5', '\u3400\u4db5'],
    ['drops spaces between extension B ideographs', '\u{20000} \u{2A6D6}', '\u{20000}\u{2A6D6}'],
    ['drops every space in a chain', '建 设 局', '建设局'],
    ['keeps an ASCII quote apart', '"a" 建设', '"a" 建设'],
    ['leaves an empty string empty', '', ''],
    ['leaves only-whitespace empty', ' \t\u3000\u200b\n', ''],
  ])('%s', (_name, input, expected) => {
    expect(normalizeWhitespace(input)).toBe(expected);
  });

  // A million characters in npm run test:stress (see test/helpers/stress.ts).
  const length = sized(1_000_000);

  it(`returns for ${count(length)} characters of spaces and brackets`, () => {
    const input = '（ '.repeat(length / 2);
    expect(normalizeWhitespace(input)).toBe('（'.repeat(length / 2));
  });

  it(`returns for ${count(length)} characters of alternating Han and spaces`, () => {
    expect(normalizeWhitespace('建 '.repeat(length / 2))).toHaveLength(length / 2);
  });
});

describe('collapseWhitespace', () => {
  it.each([
    ['keeps one space between Han', '指挥部   法制办', '指挥部 法制办'],
    ['trims and removes zero-width characters', ' \ufeffa\u200b\u2060 b ', 'a b'],
    ['joins two white space runs a zero-width character stands between', 'a \u200b b', 'a b'],
    ['makes NEL a space', 'a\u0085b', 'a b'],
  ])('%s', (_name, input, expected) => {
    expect(collapseWhitespace(input)).toBe(expected);
  });

  // What collapsing did with regular expressions until a run of millions of spaces overflowed one.
  const byPatterns = (text: string) => text.replace(/[\u200b\u2060\ufeff]/gu, '').replace(/[\s\u0085]+/gu, ' ').trim();

  it('collapses as removing zero-width characters, replacing white space runs and trimming does', () => {
    const pieces = ['a', '建', '局', '\u{20000}', '\ud800', ' ', '  ', '\t', '\n', '\r\n', '\u3000', '\u00a0', '\u2028', '\u0085', '\u200b', '\u2060', '\ufeff', '\u200a', '\u180e', '，'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 16 }), (parts) => {
        const text = parts.join('');
        expect(collapseWhitespace(text)).toBe(byPatterns(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('collapses a run of 8 million spaces (a regular expression overflowed its stack on it)', () => {
    const run = ' '.repeat(8 * 1024 * 1024);
    expect(collapseWhitespace(`指挥部${run}\u200b${run}法制办`)).toBe('指挥部 法制办');
    expect(normalizeWhitespace(`指挥部${run}法制办`)).toBe('指挥部法制办');
    expect(normalizeWhitespace(run)).toBe('');
  });
});

describe('isCjk', () => {
  it.each([
    ['建', true],
    ['、', true],
    ['（', true],
    ['“', true],
    ['》', true],
    ['Ａ', true],
    ['\u{20000}', true],
    ['A', false],
    ['1', false],
    ['(', false],
    ['', false],
    ['建设', false],
  ])('%j → %s', (char, expected) => {
    expect(isCjk(char)).toBe(expected);
  });
});

describe('normalizeParagraphs', () => {
  it.each([
    ['normalizes each paragraph', ['建   设', ' a  b '], ['建设', 'a b']],
    ['drops empty paragraphs', ['', '指挥部', ' \t', '\u3000', '法制办'], ['指挥部', '法制办']],
    ['returns nothing for nothing', [], []],
  ])('%s', (_name, input, expected) => {
    expect(normalizeParagraphs(input)).toEqual(expected);
  });
});
