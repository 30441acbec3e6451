import { describe, expect, it } from 'vitest';
import { departmentIndex, flatRows, parse } from '../../src/index.js';
import { rowColumns } from '../../src/output/rows.js';
import { tabLed } from '../helpers/raw.js';
import { fixtureTable, seedTable } from './tables.js';

/** A small table with a leader column and a notes column (both end up in the model's extra and notes). */
function withExtras(header = '责任领导') {
  return parse(
    tabLed('2021年某局重点工作任务分解表', [
      ['序号', '工作任务', '具体措施', '牵头单位', '配合单位', header, '备注'],
      ['1', '一、优化服务', '推行“一网通办”', '办公室', '财务处、法规处', '张三', '按季度报送'],
      ['2', '', '压缩办理时限', '', '', '李四', ''],
    ]),
    { fileName: 'extras.txt' },
  );
}

describe('flatRows', () => {
  it('gives one row per measure of the seed, with section and task repeated', async () => {
    const rows = flatRows(await seedTable());
    expect(rows).toHaveLength(49);
    expect(rows[2]).toMatchObject({
      file: 'seeds/2016-shanghai-psb-zwgk-task-table.txt',
      section: 1,
      task: 1,
      measure: 3,
      sectionNumber: 1,
      sectionTitle: '推进重点领域信息公开',
      taskNumber: 1,
      taskTitle: '完善执法信息公开',
      text: '有针对性地主动公开新出台公安改革政策措施',
      departments: ['指挥部', '法制办', '市局相关单位', '各分（县）局'],
      inherited: true,
      deadline: null,
      ongoing: null,
      table: 1,
      row: 4,
      column: 3,
    });
    expect(new Set(rows.map((r) => r.sectionTitle)).size).toBe(4);
    expect(new Set(rows.map((r) => `${r.section}.${r.task}`)).size).toBe(14);
    expect(rows.at(-1)).toMatchObject({ section: 4, task: 3, text: expect.stringMatching(/^加强专门机构建设和人员配备/), inherited: true });
  });

  it('carries deadlines, lead and support, serial numbers', async () => {
    const [first] = flatRows(await fixtureTable('family-lead-support-text'));
    expect(first).toMatchObject({
      measureNumber: 1,
      lead: ['市市场监管局'],
      support: ['市公安局', '市税务局', '市人力资源社会保障局'],
      deadline: '2020年6月底前',
      due: '2020-06-30',
      ongoing: false,
    });
  });

  it('adds a column per extra header, after the fixed ones and before the place', async () => {
    const table = await withExtras();
    const headers = rowColumns([table]).map((c) => c.header);
    expect(headers.slice(0, 8)).toEqual(['文件', '部分编号', '部分', '任务编号', '任务', '序号', '具体措施', '责任部门']);
    expect(headers.slice(-5)).toEqual(['责任领导', '表', '行', '列', '源文件行']);
    const rows = flatRows(table);
    expect(rows.map((r) => r.extra['责任领导'])).toEqual(['张三', '李四']);
    expect(rows[0]?.notes).toBe('按季度报送');
  });

  it('renames an extra header that clashes with a fixed one', async () => {
    const table = await withExtras('文件');
    expect(rowColumns([table]).map((c) => c.header)).toContain('文件（原表）');
  });
});

describe('departmentIndex', () => {
  it('lists every department of the seed with the measures it shares', async () => {
    const table = await seedTable();
    const index = departmentIndex(table);
    expect(index.departments.map((d) => d.name)).toEqual(table.departments);
    expect(index.tasks).toHaveLength(14);
    expect(index.tasks[0]).toMatchObject({ id: '1.1', marker: '1、', number: 1, title: '完善执法信息公开', sectionTitle: '推进重点领域信息公开' });
    const fazhiban = index.departments.find((d) => d.name === '法制办');
    // The seed names no lead, so every department shares its measures.
    expect(fazhiban?.counts).toEqual({ lead: 0, support: 0, shared: 10, total: 10 });
    expect(fazhiban?.measures.map((m) => m.id)).toContain('2.3.3');
    expect(fazhiban?.measures.find((m) => m.id === '1.1.3')).toMatchObject({ role: 'shared', inherited: true });
    // Every department's count is the number of measures that name it, and its matrix row sums to it.
    const measures = table.sections.flatMap((s) => s.tasks.flatMap((t) => t.measures));
    index.departments.forEach((d, i) => {
      expect(d.counts.total).toBe(measures.filter((m) => m.departments.includes(d.name)).length);
      expect(index.matrix[i]?.reduce((n, c) => n + c.total, 0)).toBe(d.counts.total);
      expect(d.taskCount).toBe(index.matrix[i]?.filter((c) => c.total > 0).length);
    });
  });

  it('tells leads from supports', async () => {
    const index = departmentIndex(await fixtureTable('family-lead-support-text'));
    const market = index.departments.find((d) => d.name === '市市场监管局');
    expect(market?.counts.lead).toBeGreaterThan(0);
    expect(market?.measures[0]).toMatchObject({ id: '1.1.1', role: 'lead' });
    const police = index.departments.find((d) => d.name === '市公安局');
    expect(police?.measures[0]).toMatchObject({ id: '1.1.1', role: 'support' });
    expect(index.matrix[index.departments.indexOf(police!)]?.[0]).toMatchObject({ support: 3, lead: 0 });
  });

  it('combines several tables, their tasks carrying the file', async () => {
    const a = await seedTable();
    const b = await fixtureTable('family-lead-support-text');
    const index = departmentIndex([a, b]);
    expect(index.tasks.length).toBe(departmentIndex(a).tasks.length + departmentIndex(b).tasks.length);
    expect(index.tasks.at(-1)?.file).toBe('family-lead-support-text.txt');
    expect(index.departments.length).toBe(new Set([...a.departments, ...b.departments]).size);
  });
});
