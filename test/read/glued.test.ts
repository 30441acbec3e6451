import { describe, expect, it } from 'vitest';
import { parse, type TaskTable } from '../../src/index.js';
import { findGluedHeader } from '../../src/read/glued.js';

// Tables whose cells a page flattened with no separator at all (issue #13): the glued header is split
// into known labels, the rows by what their parts look like, and what does not split is reported.

function outline(table: TaskTable): string[] {
  return table.sections.flatMap((s) =>
    s.tasks.flatMap((t) => [`T ${t.title}`, ...t.measures.map((m) => `M ${m.text} [${m.departments.join('、')}] ${m.lead.join('、')}/${m.support.join('、')} ${m.extra['区政府分管领导'] ?? ''}`.trim())]),
  );
}

describe('findGluedHeader', () => {
  it('splits a glued header into known labels, a short prefix kept with a leader or department label', () => {
    expect(findGluedHeader(['2021年民生实事分解表序号项目名称主要内容区政府分管领导牵头单位配合单位1增加…'])).toEqual({
      line: 0,
      start: 12,
      end: 37,
      labels: ['序号', '项目名称', '主要内容', '区政府分管领导', '牵头单位', '配合单位'],
    });
  });

  it('finds none in prose or in a header with separators', () => {
    expect(findGluedHeader(['各责任单位要按照工作任务抓好落实。'])).toBeNull();
    expect(findGluedHeader(['序号 | 具体措施 | 责任单位 |'])).toBeNull();
  });
});

describe('glued cells', () => {
  const header = '2021年民生实事项目责任分解表序号项目名称主要内容区政府分管领导牵头单位配合单位';

  it('reads rows by serial, title, measure, leader, lead and support; a row without a serial continues the one above', async () => {
    const table = await parse(
      [
        `${header}1增加教育资源供给实施新建学校12个;增加学位5000个。王建国教育局经开区各街道市国有公司2老城厢复兴发展完成纪念馆提升工程。王建国文体旅局晋陵公司推进大庙弄核心区改造。李明住建局五星街道南大街街道3优化养老服务为全区老年人提供上门服务。张菁民政局高新园(邹区镇)各街道`,
      ].join('\n'),
    );
    expect(table.source.dialect).toBe('glued-cells');
    expect(table.columns.map((c) => c.role)).toEqual(['serial', 'task', 'measure', 'leader', 'lead', 'support']);
    expect(outline(table)).toEqual([
      'T 增加教育资源供给',
      'M 实施新建学校12个;增加学位5000个。 [教育局、经开区、各街道、市国有公司] 教育局/经开区、各街道、市国有公司 王建国',
      'T 老城厢复兴发展',
      'M 完成纪念馆提升工程。 [文体旅局、晋陵公司] 文体旅局/晋陵公司 王建国',
      'M 推进大庙弄核心区改造。 [住建局、五星街道、南大街街道] 住建局/五星街道、南大街街道 李明',
      'T 优化养老服务',
      'M 为全区老年人提供上门服务。 [民政局、高新园（邹区镇）、各街道] 民政局/高新园（邹区镇）、各街道 张菁',
    ]);
    expect(table.preamble).toEqual(['2021年民生实事项目责任分解表']);
    expect(table.diagnostics[0]).toMatchObject({ ruleId: 'guessed-layout', severity: 'info' });
    expect(table.diagnostics.map((d) => d.ruleId)).not.toContain('text-outside-cells');
  });

  it('joins a site\'s numbered page chunks, skips a repeated header and reports what does not split', async () => {
    const table = await parse(
      [`1、${header}1增加教育资源供给实施新建学校12个。王建国教育局高新园(邹区`, '2、镇)各街道提升改造8家服务中心。对300户家庭进行改造。序号项目名称主要内容区政府分管领导牵头单位配合单位2文体惠民行动新建2家书'].join('\n'),
    );
    expect(outline(table)).toEqual(['T 增加教育资源供给', 'M 实施新建学校12个。 [教育局、高新园（邹区镇）、各街道] 教育局/高新园（邹区镇）、各街道 王建国']);
    expect(table.diagnostics.filter((d) => d.ruleId === 'text-outside-cells').map((d) => d.message)).toEqual([
      'Cells written together with no separator could not be split with confidence from here on and were not read: "提升改造8家服务中心。对300户家庭进行改造。".',
      'Cells written together with no separator could not be split with confidence from here on and were not read: "2文体惠民行动新建2家书".',
    ]);
    expect(table.postscript).toEqual(['提升改造8家服务中心。对300户家庭进行改造。', '2文体惠民行动新建2家书']);
  });

  it('reads a glued two-row header over cells on lines of their own, the first two cells glued', async () => {
    const table = await parse(['主题:', '实事内容工作任务责任单位进展情况', '一季度二季度三季度四季度', '教育惠民启动学校空调加装工程,年内完成加装。', '', '区教育局,各平台、镇街', '', '完成调查摸底工作。全部完成加装。', '?'].join('\n'));
    expect(table.columns.map((c) => c.role)).toEqual(['task', 'measure', 'departments', 'other']);
    expect(outline(table)).toEqual(['T 教育惠民', 'M 启动学校空调加装工程,年内完成加装。 [区教育局、各平台、镇街] /']);
    expect(table.sections[0]!.tasks[0]!.measures[0]!.extra['进展情况']).toBe('完成调查摸底工作。全部完成加装。');
    expect(table.diagnostics.map((d) => d.ruleId)).toEqual(['guessed-layout']);
  });
});
