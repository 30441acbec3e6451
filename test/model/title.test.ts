import { describe, expect, it } from 'vitest';
import { findTitle, findYear } from '../../src/model/title.js';

describe('findTitle', () => {
  it.each([
    [['', '2016年上海市公安局政务公开工作要点任务分解表 '], '2016年上海市公安局政务公开工作要点任务分解表'],
    [['附件1', '关于印发   任务分解表的通知'], '关于印发任务分解表的通知'],
    [['附件：', '某某局重点工作台账', '（2018年7月）'], '某某局重点工作台账'],
    [['附件2', '某局重点工作'], '某局重点工作'],
    // fixtures/real/cangnan: a title ending in 表, above the page's chrome
    [['2022年度民生实事未完成项目进度表(截至10月31日)', '• 发布日期:2022-12-14', '• 字体:[ ]'], '2022年度民生实事未完成项目进度表(截至10月31日)'],
    [['某局2023年重点工作进展情况表', '• 来源:某局'], '某局2023年重点工作进展情况表'],
    // fixtures/real/huaiyuan: a metadata line ending in the title is no title
    [['怀远县2021年重点工作完成情况汇总表', '发布时间:2021-06-24 | 浏览次数: 次怀远县2021年重点工作完成情况汇总表'], '怀远县2021年重点工作完成情况汇总表'],
    [['', '  '], null],
    [[], null],
  ])('%j → %s', (before, title) => {
    expect(findTitle(before)).toBe(title);
  });
});

describe('findYear', () => {
  it.each([
    ['2016年上海市任务分解表', [], 2016],
    ['某局任务分解表', ['（2019年3月印发）'], 2019],
    ['某局任务分解表', ['第12020年'], null],
    ['1800年', [], null],
    [null, [], null],
  ] as const)('%s %j → %s', (title, before, year) => {
    expect(findYear(title, before)).toBe(year);
  });
});
