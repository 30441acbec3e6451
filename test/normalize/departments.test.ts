import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BODY_ENDING, mayNameBody, splitDepartments, toFullWidthBrackets } from '../../src/normalize/departments.js';
import { readResponsibility } from '../../src/normalize/responsibility.js';
import { simplify } from '../../src/normalize/script.js';
import { count, sized } from '../helpers/stress.js';

/** A department cell as the lines it was written on. */
const cell = (...lines: string[]) => lines;

describe('splitDepartments', () => {
  it.each([
    ['one name per line', cell('指挥部', '法制办', '市局相关单位', '各分（县）局'), ['指挥部', '法制办', '市局相关单位', '各分（县）局']],
    ['、', cell('指挥部、法制办'), ['指挥部', '法制办']],
    ['/ or 无 for none (fixtures/real/jindong)', cell('/'), []],
    ['— and 暂无 for none', cell('——', '暂无'), []],
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
    // fixtures/real/ankang-2021-aqsc-zxzz-cell-pipe-lines
    ['a space before a bracketed note', cell('市安委办 (工作专班办公室)'), ['市安委办（工作专班办公室）']],
    ['a space after a note on a place', cell('各县区(开发区) 安委会'), ['各县区（开发区）安委会']],
    ['a space before 《 still separates', cell('办公室 《政务公开》编辑部'), ['办公室', '《政务公开》编辑部']],
    ['a name after a note and a space', cell('市应急管理局 （市安委办） 市公安局'), ['市应急管理局（市安委办）', '市公安局']],
    ['a name starting at a level after a note on a place', cell('各县（市、区） 市教育局'), ['各县（市、区）', '市教育局']],
    ['各 and a level, then a body of that level', cell('各县、市直机关'), ['各县', '市直机关']],
    ['各 and levels with a bracket of more', cell('各市、县（市、区）教育局'), ['各市、县（市、区）教育局']],
    // fixtures/real/guandu-2016-wzz-prose-qiantou-peihe
    ['等部门 closing a list', cell('区财政局、区水务局等部门'), ['区财政局', '区水务局']],
    // fixtures/real/anhui-jyt-2024-zwgk-pipe-rows-semicolon-groups: 等 before a collective name
    ['等有关单位 names the others', cell('市场监管局等有关单位'), ['市场监管局', '有关单位']],
    ['等有关处室（单位）', cell('就业指导中心等有关处室（单位）'), ['就业指导中心', '有关处室（单位）']],
    // fixtures/real/yinzhou-2024-zfgzbg-fenjie-blank-line-cells-leader-sections: a level before 有关
    ['等区级有关部门', cell('区科技局等区级有关部门'), ['区科技局', '区级有关部门']],
    ['等市直有关单位', cell('市财政局等市直有关单位'), ['市财政局', '市直有关单位']],
    ['等 inside a word stays', cell('平等各方'), ['平等各方']],
    // fixtures/real/guangde-zwgk-line-cells-heading-rows: 各 and levels are one collective name
    ['各 and levels', cell('各乡镇、街道'), ['各乡镇、街道']],
    ['各 and levels and their body', cell('各县、市、区政府'), ['各县、市、区政府']],
    ['各 and levels, then a body of its own', cell('各乡镇、县直各部门'), ['各乡镇', '县直各部门']],
    ['各 and levels, then a body', cell('各镇、街道、开发区'), ['各镇、街道', '开发区']],
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
    ['notes on places before spaces', '各县（区） '.repeat(length / 6)],
    ['levels after 各', `各县${'、县'.repeat(length / 2 - 1)}`],
    ['a name, 等 and others', `市发改委${'等有关'.repeat(length / 3)}`],
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

describe('mayNameBody', () => {
  it('is the one source of BODY_ENDING', () => {
    expect(BODY_ENDING.source).toBe('(部|办|局|处|室|委|会|院|厅|所|中心|队|科|组|司|府|单位|部门|校|社|行|馆|团|镇|乡|街道|支队|大队|联|协|站|台|公司|镇街|开发区|高新区|园区|新区)(（[^）]*）)?$');
    expect(BODY_ENDING.test('市公安局（牵头）')).toBe(true);
  });

  it('tells texts that hold no body ending from those that may', () => {
    expect(mayNameBody('1001、完善依申请公开工作机制第1001项')).toBe(false);
    expect(mayNameBody('年底前')).toBe(false);
    expect(mayNameBody('市公安局')).toBe(true);
    // Endings split by white space or a zero-width character, and in Traditional script.
    expect(mayNameBody('信息中 心')).toBe(true);
    expect(mayNameBody('信息中\u200b心')).toBe(true);
    expect(mayNameBody('市教育辦')).toBe(true);
    // A private-use character that readResponsibility reads as a space, which normalizing then drops.
    expect(mayNameBody('市（中\ue001心')).toBe(true);
  });

  // The claim isDepartmentList relies on: where mayNameBody says no, no name either reading finds ends as a body's.
  it('says no only where neither reading of the text finds a name that ends as a body', () => {
    const pieces = ['市', '区', '教育', '财政', '中', '心', '局', '辦', '會', '部', '门', '单', '位', '街', '道', '开发', '园', '区', '、', '，', '；', ' ', '\u3000', '\u200b', '\ufeff', '（', '）', '(', ')', '牵头', '配合', '负责', '由', '及', '和', '等', '。', '\n', '1', '完善', '工作', '\ue000', '\ue001'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 14 }), (parts) => {
        const text = parts.join('');
        fc.pre(!mayNameBody(text));
        const paragraphs = text.split('\n');
        const names = [...splitDepartments(paragraphs), ...readResponsibility(paragraphs).departments];
        expect(names.filter((name) => BODY_ENDING.test(simplify(name)))).toEqual([]);
      }),
      { numRuns: 3000 },
    );
  });
});
