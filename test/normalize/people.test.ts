import { describe, expect, it } from 'vitest';
import { isPersonList, isPersonName } from '../../src/normalize/people.js';

describe('isPersonName', () => {
  it.each(['徐国江', '刘福利', '叶林', '马振明', '张云峰', '欧阳明华', '陳國江'])('%s is a name', (name) => {
    expect(isPersonName(name)).toBe(true);
  });

  it.each(['城管局', '全年', '安全', '高质量', '党建', '王家镇', '李庄村', '任务', '张家港市', 'Zhang', '徐国江同志负责', ''])('%s is no name', (text) => {
    expect(isPersonName(text)).toBe(false);
  });
});

describe('isPersonList', () => {
  it('reads names one or several, separated as tables write them', () => {
    expect(isPersonList('徐国江')).toBe(true);
    expect(isPersonList('张三、李四')).toBe(true);
    expect(isPersonList('刘福利 王强')).toBe(true);
    expect(isPersonList('徐国江、城管局')).toBe(false);
    expect(isPersonList('')).toBe(false);
  });
});
