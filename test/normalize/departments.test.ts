import { describe, expect, it } from 'vitest';
import { splitDepartments, toFullWidthBrackets } from '../../src/normalize/departments.js';
import { count, sized } from '../helpers/stress.js';

/** A department cell as the lines it was written on. */
const cell = (...lines: string[]) => lines;

describe('splitDepartments', () => {
  it.each([
    ['one name per line', cell('指挥部', '法制办', '市局相关单位', '各分（县）局'), ['指挥部', '法制办', '市局相关单位', '各分（县）局']],
    ['、', cell('指挥部、法制办'), ['指挥部', '法制办']],
    ['，', cell('指挥部，法制办'), ['指挥部', '法制办']],
    [',', cell('指挥部,法制办'), ['指挥部', '法制办']],
    ['；', cell('指挥部；法制办'), ['指挥部', '法制办']],
    [';', cell('指挥部;法制办'), ['指挥部', '法制办']],
    ['a space between CJK names', cell('指挥部 法制办'), ['指挥部', '法制办']],
    ['a run of spaces between CJK names', cell('指挥部   法制办'), ['指挥部', '法制办']],
    ['an ideographic space', cell('指挥部\u3000法制办'), ['指挥部', '法制办']],
    ['a tab', cell('指挥部\t法制办'), ['指挥部', '法制办']],
    ['trailing spaces', cell('政治部            '), ['政治部']],
    ['a space after a bracket', cell('各分（县）局 政治部'), ['各分（县）局', '政治部']],
    ['a space after an ASCII bracket', cell('规划信息处(爱卫办) 法制办'), ['规划信息处（爱卫办）', '法制办']],
    ['a space after a separator', cell('指挥部、 法制办'), ['指挥部', '法制办']],
    ['a space between ASCII and CJK is not a separator', cell('IT 中心'), ['IT 中心']],
    ['a space between ASCII words is kept', cell('IT Center、法制办'), ['IT Center', '法制办']],
    ['never inside （）', cell('各县（市、区）人民政府'), ['各县（市、区）人民政府']],
    ['等 closing a list', cell('市发展改革委、农业局等'), ['市发展改革委', '农业局']],
    ['等 of a name of two characters stays', cell('中等'), ['中等']],
    ['places sharing one body are one collective name', cell('城乡一体化示范区、高新区党工委和管委会'), ['城乡一体化示范区、高新区党工委和管委会']],
    ['a place before a body of its own list is still split', cell('各县市区、市直各部门'), ['各县市区', '市直各部门']],
    ['bodies after a place name are split', cell('示范区管委会、高新区管委会'), ['示范区管委会', '高新区管委会']],
    ['never inside ()', cell('各县(市、区)人民政府'), ['各县（市、区）人民政府']],
    ['never inside 【】', cell('市局【法制办、指挥部】'), ['市局【法制办、指挥部】']],
    ['never inside []', cell('市局[法制办，指挥部]'), ['市局[法制办，指挥部]']],
    ['never inside 〔〕', cell('市局〔法制办；指挥部〕'), ['市局〔法制办；指挥部〕']],
    ['never inside 《》', cell('《条例、办法》起草组'), ['《条例、办法》起草组']],
    ['never at a space inside brackets', cell('各分（县 局）'), ['各分（县局）']],
    ['nested brackets', cell('市局（法制办（政策、研究室）、指挥部）、政治部'), ['市局（法制办（政策、研究室）、指挥部）', '政治部']],
    ['mixed ASCII and full-width brackets', cell('各县(市、区）人民政府、法制办'), ['各县（市、区）人民政府', '法制办']],
    ['a closer closes brackets left open inside it', cell('【各县（市、区】、法制办'), ['【各县（市、区】', '法制办']],
    ['ASCII brackets become full-width', cell('规划信息处(爱卫办)'), ['规划信息处（爱卫办）']],
    ['an unbalanced opener keeps the rest inside', cell('指挥部（法制办、市局'), ['指挥部（法制办、市局']],
    ['an unbalanced opener does not leak into the next line', cell('指挥部（法制办', '政治部、市局'), ['指挥部（法制办', '政治部', '市局']],
    ['a stray closer is an ordinary character', cell('法制办）、指挥部'), ['法制办）', '指挥部']],
    ['a mismatched closer does not close', cell('市局（法制办】、指挥部'), ['市局（法制办】、指挥部']],
    ['trailing 。', cell('市局相关单位。'), ['市局相关单位']],
    ['trailing .', cell('指挥部、法制办.'), ['指挥部', '法制办']],
    ['trailing 。 before a space', cell('法制办 。'), ['法制办']],
    ['duplicates keep the first', cell('指挥部、法制办', '指挥部', '法制办、政治部'), ['指挥部', '法制办', '政治部']],
    ['duplicates after normalization', cell('规划信息处(爱卫办)', '规划信息处（爱卫办）'), ['规划信息处（爱卫办）']],
    ['empty names between separators', cell('、、指挥部，，;法制办、'), ['指挥部', '法制办']],
    ['empty and blank lines', cell('', '  ', '\u3000', '指挥部'), ['指挥部']],
    ['zero-width characters', cell('\ufeff指挥部\u200b、法制办'), ['指挥部', '法制办']],
    ['nothing', cell(), []],
  ])('%s', (_name, input, expected) => {
    expect(splitDepartments(input)).toEqual(expected);
  });

  // A million characters in npm run test:stress (see test/helpers/stress.ts).
  const length = sized(1_000_000);
  it.each([
    ['spaces and openers', '（ '.repeat(length / 2)],
    ['spaces and closers', '） '.repeat(length / 2)],
    ['openers then mismatched closers', '（'.repeat(length / 2) + '】'.repeat(length / 2)],
    ['separators', '、'.repeat(length)],
    ['sentence ends', '.'.repeat(length - 1) + '指'],
  ])(`returns for ${count(length)} characters of %s`, (_name, input) => {
    expect(Array.isArray(splitDepartments([input]))).toBe(true);
  });
});

describe('toFullWidthBrackets', () => {
  it.each([
    ['规划信息处(爱卫办)', '规划信息处（爱卫办）'],
    ['(a(b))', '（a（b））'],
    ['（已是全角）', '（已是全角）'],
    ['[不变]', '[不变]'],
    ['', ''],
  ])('%s → %s', (input, expected) => {
    expect(toFullWidthBrackets(input)).toBe(expected);
  });
});
