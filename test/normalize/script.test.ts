import { describe, expect, it } from 'vitest';
import { simplify } from '../../src/normalize/script.js';

describe('simplify', () => {
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
