import { describe, expect, it } from 'vitest';
import { parse, toMarkdown, type TaskTable } from '../../src/index.js';
import { fixtureTable, seedTable } from './tables.js';

const measuresOf = (table: TaskTable) =>
  table.sections.flatMap((s) => s.tasks.flatMap((t) => t.measures.map((m) => ({ text: m.text, departments: m.departments, inherited: m.inherited }))));

describe('toMarkdown', () => {
  it('writes the seed as a report: summary, the table, the index and the matrix', async () => {
    const md = toMarkdown(await seedTable());
    expect(md).toMatch(/^# 2016年上海市公安局政务公开工作要点任务分解表\n/);
    expect(md).toContain('4 个部分，14 项任务，49 项措施，11 个部门，1 条问题。');
    expect(md).toContain('| 一、推进重点领域信息公开 | 1、完善执法信息公开 | 1.1.1 | 公开涉及公安执法相关的执法依据、执法程序、执法进度、执法结果 | 指挥部、法制办、各分（县）局 |');
    // The third measure's departments came from the merged cell above: written as a ditto mark.
    expect(md).toContain('|  |  | 1.1.3 | 有针对性地主动公开新出台公安改革政策措施 | 〃 |');
    expect(md).toContain('警告 `ragged-row` 第 50 行（源文件第 314 行）：Row 50 has 3 of 4 cells');
    expect(md).toContain('| 法制办 | 0 | 0 | 10 | 10 | 5 |');
    expect(md).toContain('## 部门 × 任务');
    expect(md).toContain('- 4.3 14、加强组织领导和机构队伍建设');
  });

  it('writes lead and support apart', async () => {
    const md = toMarkdown(await fixtureTable('family-lead-support-text'));
    expect(md).toContain('牵头：市市场监管局；配合：市公安局、市税务局、市人力资源社会保障局');
  });

  it('is read back by fenjie with the same measures, departments and merged cells', async () => {
    const table = await seedTable();
    const again = await parse(toMarkdown(table), { fileName: 'report.md' });
    expect(again.source.format).toBe('markdown');
    expect(again.title).toBe(table.title);
    expect(measuresOf(again)).toEqual(measuresOf(table));
    expect(again.sections.map((s) => s.title)).toEqual(table.sections.map((s) => s.title));
    expect(again.sections.map((s) => s.tasks.map((t) => t.title))).toEqual(table.sections.map((s) => s.tasks.map((t) => t.title)));
  });

  it('escapes pipes and line breaks inside cells', async () => {
    const table = await parse('<table><tr><th>基本任务</th><th>具体措施</th><th>责任部门</th></tr><tr><td>1、甲|乙</td><td>a | b</td><td>办公室</td></tr></table>');
    const md = toMarkdown(table);
    expect(md).toContain('| 1、甲\\|乙 | 1.1.1 | a \\| b | 办公室 |');
    const again = await parse(md);
    expect(again.sections[0]?.tasks[0]?.measures[0]?.text).toBe('a | b');
  });
});
