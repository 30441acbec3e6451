import { describe, expect, it } from 'vitest';
import { parseDeadline } from '../../src/normalize/deadlines.js';
import { splitMarker } from '../../src/normalize/markers.js';
import { simplify, withoutGlosses } from '../../src/normalize/script.js';

describe('simplify', () => {
  it.each([
    ['重點任務', '重点任务'],
    ['負責科室', '负责科室'],
    ['牽頭單位', '牵头单位'],
    ['按職責分工負責', '按职责分工负责'],
    ['長期堅持', '长期坚持'],
  ])('%s → %s', (traditional, simplified) => {
    expect(simplify(traditional)).toBe(simplified);
  });

  it('keeps the length, character for character, and leaves Simplified text alone', () => {
    const text = '市財政局牽頭，2016年6月底前完成 (abc)';
    expect(simplify(text)).toHaveLength(text.length);
    expect(simplify('市财政局牵头')).toBe('市财政局牵头');
  });

  it('lets markers and deadlines be read in Traditional script, kept as written', () => {
    expect(splitMarker('第一條 總則')).toEqual({ marker: '第一條', number: 1, rest: '總則' });
    expect(parseDeadline('長期堅持', 2016)).toEqual({ text: '長期堅持', due: null, ongoing: true });
    expect(parseDeadline('年內完成', 2016)).toEqual({ text: '年內完成', due: '2016-12-31', ongoing: false });
  });
});

describe('simplify (the lead\'s vocabulary)', () => {
  it('maps the Traditional vocabulary of task tables to Simplified, character for character', () => {
    const traditional = '重點任務 工作內容 負責科室 牽頭單位 責任單位 完成時限 按職責分工負責 各區縣';
    const simplified = simplify(traditional);
    expect(simplified).toBe('重点任务 工作内容 负责科室 牵头单位 责任单位 完成时限 按职责分工负责 各区县');
    expect(Array.from(simplified)).toHaveLength(Array.from(traditional).length);
  });

  it('keeps Simplified and other text as it is', () => {
    expect(simplify('市发改委牵头，2024年6月底前完成 (ABC)')).toBe('市发改委牵头，2024年6月底前完成 (ABC)');
  });
});

describe('withoutGlosses', () => {
  it('drops the pinyin a copying site writes in brackets after a character, and nothing else in brackets', () => {
    expect(withoutGlosses('縣農(nóng)業(yè)農(nóng)村局')).toBe('縣農業農村局');
    expect(withoutGlosses('重點（diǎn）工作')).toBe('重點工作');
    expect(withoutGlosses('科技处（信息办）')).toBe('科技处（信息办）');
    expect(withoutGlosses('完成时限(月)')).toBe('完成时限(月)');
    expect(withoutGlosses('附件(a)')).toBe('附件');
    expect(withoutGlosses('Plan (draft)')).toBe('Plan (draft)');
    expect(withoutGlosses('市财政局')).toBe('市财政局');
  });
});
