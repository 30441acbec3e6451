import { describe, expect, it } from 'vitest';
import { chineseNumeralValue, markerKind, splitMarker } from '../../src/normalize/markers.js';

const marked = (marker: string, number: number, rest: string) => ({ marker, number, rest });

describe('splitMarker', () => {
  it.each([
    // 一、 style
    ['一、推进重点领域信息公开', marked('一、', 1, '推进重点领域信息公开')],
    ['十一、加强', marked('十一、', 11, '加强')],
    ['二十、加强', marked('二十、', 20, '加强')],
    ['一百零五、加强', marked('一百零五、', 105, '加强')],
    ['两百、加强', marked('两百、', 200, '加强')],
    ['一.加强', marked('一.', 1, '加强')],
    ['一．加强', marked('一．', 1, '加强')],
    ['一、 加强', marked('一、', 1, '加强')],
    ['一、', marked('一、', 1, '')],
    // （一） style
    ['（一）进一步加强', marked('（一）', 1, '进一步加强')],
    ['(一)进一步加强', marked('(一)', 1, '进一步加强')],
    ['（二十）进一步加强', marked('（二十）', 20, '进一步加强')],
    ['（一）、进一步加强', marked('（一）、', 1, '进一步加强')],
    ['（一）.进一步加强', marked('（一）.', 1, '进一步加强')],
    ['(一）进一步加强', marked('(一）', 1, '进一步加强')],
    ['（一） 进一步加强', marked('（一）', 1, '进一步加强')],
    ['（一）', marked('（一）', 1, '')],
    // 1、 style
    ['1、完善执法信息公开', marked('1、', 1, '完善执法信息公开')],
    ['10、“市局网上政务大厅”建设', marked('10、', 10, '“市局网上政务大厅”建设')],
    ['12、完善', marked('12、', 12, '完善')],
    ['1.完善', marked('1.', 1, '完善')],
    ['1. 完善', marked('1.', 1, '完善')],
    ['1．完善', marked('1．', 1, '完善')],
    ['1)完善', marked('1)', 1, '完善')],
    ['1）完善', marked('1）', 1, '完善')],
    ['１２、完善', marked('１２、', 12, '完善')],
    ['１．完善', marked('１．', 1, '完善')],
    // （1） style
    ['（1）梳理', marked('（1）', 1, '梳理')],
    ['(1)梳理', marked('(1)', 1, '梳理')],
    ['（12）梳理', marked('（12）', 12, '梳理')],
    ['（１２）梳理', marked('（１２）', 12, '梳理')],
    ['（1）、梳理', marked('（1）、', 1, '梳理')],
    // circled
    ['①梳理', marked('①', 1, '梳理')],
    ['⑳梳理', marked('⑳', 20, '梳理')],
    ['㉑梳理', marked('㉑', 21, '梳理')],
    ['㉟梳理', marked('㉟', 35, '梳理')],
    ['㊱梳理', marked('㊱', 36, '梳理')],
    ['㊿梳理', marked('㊿', 50, '梳理')],
    ['① 梳理', marked('①', 1, '梳理')],
    ['①、梳理', marked('①、', 1, '梳理')],
    // 第一条 style
    ['第一条 总则', marked('第一条', 1, '总则')],
    ['第十二条、规定', marked('第十二条、', 12, '规定')],
    ['第3条 规定', marked('第3条', 3, '规定')],
    ['第二项工作', marked('第二项', 2, '工作')],
    ['第一章 总则', marked('第一章', 1, '总则')],
    ['第四节 附则', marked('第四节', 4, '附则')],
    ['第二部分 主要任务', marked('第二部分', 2, '主要任务')],
    ['第１２条 规定', marked('第１２条', 12, '规定')],
  ])('%s', (text, expected) => {
    expect(splitMarker(text)).toEqual(expected);
  });

  it.each([
    ['1.5亿元', 'a digit after the dot'],
    ['1．5亿元', 'a digit after a full-width dot'],
    ['一.5', 'a digit after the dot of a Chinese numeral'],
    ['2016年政务公开工作要点', 'a year'],
    ['2016、2017年', 'a four-digit number'],
    ['12完善', 'a bare number'],
    ['12', 'a bare number alone'],
    ['一是加强', 'no delimiter'],
    ['一', 'a bare Chinese numeral'],
    ['一加强', 'a Chinese numeral without delimiter'],
    ['10%', 'a percentage'],
    ['二〇一六、', 'digits read one by one'],
    ['一百五、', 'a colloquial numeral'],
    ['（二〇一六）', 'a year in brackets'],
    ['（2016）', 'four digits in brackets'],
    ['（一是）', 'words in brackets'],
    ['（一', 'an unclosed bracket'],
    ['第三方评估', 'an ordinal without a unit'],
    ['第一批', 'an ordinal with another unit'],
    ['加强', 'no marker at all'],
    ['', 'an empty string'],
    [' 一、加强', 'leading whitespace'],
  ])('rejects %s (%s)', (text) => {
    expect(splitMarker(text)).toBeNull();
  });

  it('returns for a million characters of spaces and brackets', () => {
    expect(splitMarker('（'.repeat(500_000) + ' '.repeat(500_000))).toBeNull();
  });

  it('returns for a million numerals without a delimiter', () => {
    expect(splitMarker('一'.repeat(1_000_000))).toBeNull();
  });
});

describe('chineseNumeralValue', () => {
  it.each([
    ['〇', 0],
    ['零', 0],
    ['一', 1],
    ['九', 9],
    ['十', 10],
    ['十一', 11],
    ['一十一', 11],
    ['二十', 20],
    ['二十三', 23],
    ['两百', 200],
    ['一百', 100],
    ['一百零五', 105],
    ['一百一十', 110],
    ['一百二十三', 123],
    ['一千零五十', 1050],
    ['一千零五', 1005],
    ['九千九百九十九', 9999],
  ])('%s → %i', (text, expected) => {
    expect(chineseNumeralValue(text)).toBe(expected);
  });

  it.each([
    [''],
    ['二三'],
    ['二〇一六'],
    ['十十'],
    ['百'],
    ['一百十'],
    ['一百五'],
    ['一千五十'],
    ['一千零一百'],
    ['一百零'],
    ['零五'],
    ['十百'],
    ['一是'],
    ['1'],
  ])('%j → null', (text) => {
    expect(chineseNumeralValue(text)).toBeNull();
  });
});

describe('markerKind', () => {
  it.each([
    ['一、', 'cjk'],
    ['十一．', 'cjk'],
    ['（一）', 'paren-cjk'],
    ['(一)、', 'paren-cjk'],
    ['1、', 'arabic'],
    ['1.', 'arabic'],
    ['1)', 'arabic'],
    ['１２、', 'arabic'],
    ['（1）', 'paren-arabic'],
    ['(12)', 'paren-arabic'],
    ['①', 'circled'],
    ['㊿', 'circled'],
    ['第一条', 'ordinal'],
    ['第3部分、', 'ordinal'],
  ])('%s → %s', (marker, expected) => {
    expect(markerKind(marker)).toBe(expected);
  });

  it.each([['一、加强'], ['一'], ['加强'], ['']])('%j → null', (marker) => {
    expect(markerKind(marker)).toBeNull();
  });

  it('names the kind of every marker splitMarker finds', () => {
    const found = splitMarker('（二十）进一步加强');
    expect(found && markerKind(found.marker)).toBe('paren-cjk');
  });
});
