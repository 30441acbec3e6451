import { describe, expect, it } from 'vitest';
import { parse } from '../../src/index.js';
import { readKeyValue } from '../../src/read/key-value.js';

// Key–value tables (issue #13): one task a block of `label: | value |` rows; a block is one record.

describe('key–value tables', () => {
  it('reads each block of label rows as one record, a value on the lines after its label row too', async () => {
    const table = await parse(
      [
        '重点工作: | 1.推进违法建设治理。 |',
        '牵头单位: | 市城管执法局 |',
        '',
        '重点工作: | 2.推进城市更新。 |',
        '牵头单位: | 市住建局 |',
        '进展情况、存在问题 及下一步工作建议: |',
        '已完成。 |',
        '打印本页',
      ].join('\n'),
    );
    expect(table.source.dialect).toBe('key-value');
    expect(table.columns.map((c) => [c.header, c.role])).toEqual([
      ['重点工作', 'measure'],
      ['牵头单位', 'lead'],
      ['进展情况、存在问题及下一步工作建议', 'other'],
    ]);
    const measures = table.sections[0]!.tasks[0]!.measures;
    expect(measures.map((m) => [m.number, m.text, m.lead, m.departments, m.extra['进展情况、存在问题及下一步工作建议'] ?? null])).toEqual([
      [1, '1.推进违法建设治理。', ['市城管执法局'], ['市城管执法局'], null],
      [2, '2.推进城市更新。', ['市住建局'], ['市住建局'], '已完成。'],
    ]);
    expect(table.diagnostics.map((d) => d.ruleId)).toContain('guessed-layout');
  });

  it('finds none without labels naming both a text and the departments', () => {
    expect(readKeyValue(['索引号: | 1137/2022 |', '发布机构: | 某局 |'])).toBeNull();
    expect(readKeyValue(['一句话。'])).toBeNull();
  });
});
