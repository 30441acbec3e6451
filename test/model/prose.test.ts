import { describe, expect, it } from 'vitest';
import { parse, type TaskTable } from '../../src/index.js';
import { buildProse } from '../../src/model/prose.js';
import type { RawParagraph } from '../../src/read/raw-table.js';

/** Paragraphs from lines, numbered as a text file numbers them. */
const lines = (...texts: string[]): RawParagraph[] => texts.map((text, i) => ({ text, line: i + 1 }));

/** The measures of a plan as [task title, text, departments, inherited]. */
function measures(plan: Pick<TaskTable, 'sections'>): [string, string, string[], boolean][] {
  return plan.sections.flatMap((s) => s.tasks.flatMap((t) => t.measures.map((m) => [t.title, m.text, m.departments, m.inherited] as [string, string, string[], boolean])));
}

describe('buildProse', () => {
  it('reads sections, tasks and measures from the markers, and a heading’s units go to measures that name none', () => {
    const plan = buildProse(
      lines(
        '一、推进决策公开',
        '（一）完善重大决策预公开制度。（牵头单位：市发改委；责任单位：各区人民政府）',
        '1. 及时更新网站概况信息。（责任单位：办公室，2024年6月底前完成）',
        '2. 建立决策事项目录。',
      ),
    );
    expect(plan?.sections.map((s) => [s.marker, s.title])).toEqual([['一、', '推进决策公开']]);
    expect(measures(plan as TaskTable)).toEqual([
      ['完善重大决策预公开制度。', '1. 及时更新网站概况信息。', ['办公室'], false],
      ['完善重大决策预公开制度。', '2. 建立决策事项目录。', ['市发改委', '各区人民政府'], true],
    ]);
    const second = plan?.sections[0]?.tasks[0]?.measures[1];
    expect([second?.lead, second?.support, second?.number]).toEqual([['市发改委'], ['各区人民政府'], 2]);
    expect(plan?.sections[0]?.tasks[0]?.measures[0]?.deadline).toEqual({ text: '2024年6月底前完成', due: '2024-06-30', ongoing: false });
  });

  it('reads a 部门分工 line as who is responsible, and a line naming a 领导 as a note (fixtures/real/guangdong-2021)', () => {
    const plan = buildProse(lines('一、主要预期目标', '1.地区生产总值增长6%以上。', '分管省领导:林克庆', '部门分工:省发展改革委牵头,各地、各部门配合。', '2.进出口实现正增长。', '责任分工：省商务厅负责。'));
    expect(measures(plan as TaskTable)).toEqual([
      ['主要预期目标', '1.地区生产总值增长6%以上。', ['省发展改革委', '各地', '各部门'], false],
      ['主要预期目标', '2.进出口实现正增长。', ['省商务厅'], false],
    ]);
    const first = plan?.sections[0]?.tasks[0]?.measures[0];
    expect([first?.lead, first?.support, first?.notes]).toEqual([['省发展改革委'], ['各地', '各部门'], '分管省领导:林克庆']);
  });

  it('with two levels reads the upper one as tasks in one untitled section', () => {
    const plan = buildProse(lines('一、甲', '1.做好政策解读。（市司法局负责）', '二、乙', '1.推进公开。（市财政局负责）'));
    expect(plan?.sections).toHaveLength(1);
    expect(plan?.sections[0]?.title).toBeNull();
    expect(plan?.sections[0]?.tasks.map((t) => t.title)).toEqual(['甲', '乙']);
  });

  it('gives label lines to the paragraph above, or to the heading of a group none of whose items names anyone', () => {
    const own = buildProse(lines('一、甲', '1.细化预算公开。', '牵头单位：市财政局', '配合单位：市审计局', '2.规范资金公开。', '责任单位：市审计局'));
    expect(measures(own as TaskTable)).toEqual([
      ['甲', '1.细化预算公开。', ['市财政局', '市审计局'], false],
      ['甲', '2.规范资金公开。', ['市审计局'], false],
    ]);
    const group = buildProse(lines('1.完善预案体系', '(1)加强预案管理。', '(2)加强预案演练。', '(责任单位:市应急局、各县人民政府)'));
    expect(measures(group as TaskTable)).toEqual([
      ['完善预案体系', '(1)加强预案管理。', ['市应急局', '各县人民政府'], true],
      ['完善预案体系', '(2)加强预案演练。', ['市应急局', '各县人民政府'], true],
    ]);
  });

  it('splits a paragraph after each responsibility bracket that ends a sentence, its first sentence heading them', () => {
    const plan = buildProse(lines('一、甲', '(一)围绕重点做好信息公开。发布规划信息。(市规划委负责落实)公开建设情况。(市交通委负责落实)'));
    expect(measures(plan as TaskTable)).toEqual([
      ['围绕重点做好信息公开。', '发布规划信息。', ['市规划委'], false],
      ['围绕重点做好信息公开。', '公开建设情况。', ['市交通委'], false],
    ]);
  });

  it('reads a plan copied as one line: an item after the sentences before it, a heading with its first item (fixtures/real/city-yigai)', () => {
    const plan = buildProse(
      lines('实施方案一、扩大覆盖(一)扩大医保覆盖面。到年底覆盖城乡。1、纳入退休人员。(市人社局负责,市国资委配合)2、纳入在校学生。(市人社局负责)(二)提高保障水平。3、提高补助标准。(市财政局负责)'),
    );
    expect(measures(plan as TaskTable)).toEqual([
      ['', '1、纳入退休人员。', ['市人社局', '市国资委'], false],
      ['', '2、纳入在校学生。', ['市人社局'], false],
      ['提高保障水平。', '3、提高补助标准。', ['市财政局'], false],
    ]);
    // A sentence that starts with a number ("1、2月份") numbered otherwise than the next item is no item.
    const dates = buildProse(lines('（一）做好招标。准备文件。1、2月份完成。(市财政局负责)3、开工建设。(市住建局负责)'));
    expect(measures(dates as TaskTable).map(([, text]) => text)).toEqual(['准备文件。1、2月份完成。', '3、开工建设。']);
  });

  it('reads "??" at a paragraph\'s start as its lost indentation (fixtures/real/putuo)', () => {
    const plan = buildProse(lines('??一、提升服务', '??(一)优化审批。', '??1.推行一窗通办。(責任單位:區府辦)', '??2.压减办理时限。(責任單位:區行政服務中心)'));
    expect(plan?.sections.map((s) => s.title)).toEqual(['提升服务']);
    expect(measures(plan as TaskTable)).toEqual([
      ['优化审批。', '1.推行一窗通办。', ['區府辦'], false],
      ['优化审批。', '2.压减办理时限。', ['區行政服務中心'], false],
    ]);
  });

  it('reads unnumbered paragraphs under a heading as its measures, and an introduction before numbered ones as unread text', () => {
    const plan = buildProse(lines('一、加强督查（牵头单位：市督查室）', '各区要建立台账。', '各部门要按月报送进展。'));
    expect(measures(plan as TaskTable)).toEqual([
      ['加强督查', '各区要建立台账。', ['市督查室'], true],
      ['加强督查', '各部门要按月报送进展。', ['市督查室'], true],
    ]);
    const intro = buildProse(lines('一、加强督查', '为抓好落实，做好以下工作：', '1.建立台账。（市督查室负责）'));
    expect(measures(intro as TaskTable)).toEqual([['加强督查', '1.建立台账。', ['市督查室'], false]]);
    expect(intro?.diagnostics.map((d) => [d.ruleId, d.place?.row])).toEqual([['unread-text', 2]]);
  });

  it('reports every paragraph outside the plan, and a measure with nobody responsible', () => {
    const plan = buildProse(lines('某市任务分工方案', '一、总体要求', '坚持问题导向。', '二、重点任务', '1.推进公开。（市财政局负责）', '2.做好解读。', '三、保障措施', '加强组织领导。'));
    expect(plan?.title).toBe('某市任务分工方案');
    expect(plan?.diagnostics.map((d) => [d.ruleId, d.severity, d.place?.row])).toEqual([
      ['unread-text', 'info', 2],
      ['unread-text', 'info', 3],
      ['missing-departments', 'error', 6],
      ['unread-text', 'info', 7],
      ['unread-text', 'info', 8],
    ]);
  });

  it('is null when no paragraph names anyone responsible', () => {
    expect(buildProse(lines('一、总体要求', '1.坚持问题导向。', '2.坚持系统观念。'))).toBeNull();
  });
});

describe('parse and prose', () => {
  it('keeps the paragraphs before the plan as the preamble, the title among them (fixtures/real/yuzhong)', async () => {
    const plan = await parse(['2023年重点工作目标任务分解', '近日，区政府办公室发布方案，共细分出171项目标任务，均明确牵头单位与责任单位。', '一、主要预期指标', '1.地区生产总值增长5%左右。', '牵头单位：区发改委'].join('\n\n'));
    expect(plan.preamble).toEqual(['2023年重点工作目标任务分解', '近日，区政府办公室发布方案，共细分出171项目标任务，均明确牵头单位与责任单位。']);
    expect(plan.title).toBe('2023年重点工作目标任务分解');
    expect(plan.sections.flatMap((s) => s.tasks.flatMap((t) => t.measures.map((m) => [m.text, m.departments])))).toEqual([['1.地区生产总值增长5%左右。', ['区发改委']]]);
  });

  it('reads a document without a task table as prose, with dialect prose and no columns', async () => {
    const model = await parse('某市分工方案\n一、甲\n1.推进公开。（市财政局负责）\n', { fileName: 'plan.txt' });
    expect([model.source.dialect, model.columns, model.departments]).toEqual(['prose', [], ['市财政局']]);
  });

  it('reads a document with a task table as a table, even when its cells name units inline', async () => {
    const model = await parse('| 具体措施 | 责任单位 |\n| --- | --- |\n| 推进公开（市财政局负责） | 市财政局 |\n', { fileName: 't.md' });
    expect(model.source.dialect).toBe('gfm');
  });

  it('refuses a document with neither, saying that both were looked for', async () => {
    await expect(parse('一、总体要求\n坚持问题导向。\n', { fileName: 'letter.txt' })).rejects.toThrow(
      /^letter\.txt: no table found: .*, and no plan written as numbered paragraphs either/,
    );
  });
});
