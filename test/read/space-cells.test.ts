import { describe, expect, it } from 'vitest';
import { parse, type TaskTable } from '../../src/index.js';
import { readSpaceCells, spaceHeader } from '../../src/read/space-cells.js';

// Rows flattened one a line with spaces between cells (issue #13, dialect `space-cells`), as browsers
// and page-to-text tools copy a table: cells split by what they hold, wrapped cells joined again.

/** Sections, tasks and measures as short lines: "M text [departments] lead/support inherited {extra}". */
function outline(table: TaskTable): string[] {
  return table.sections.flatMap((s) => [
    ...(s.title !== null ? [`S ${s.marker ?? ''}${s.title}`] : []),
    ...s.tasks.flatMap((t) => [
      ...(t.title !== '' ? [`T ${t.marker ?? ''}${t.title}`] : []),
      ...t.measures.map((m) =>
        [
          `M ${m.number ?? ''} ${m.text} [${m.departments.join('、')}]`,
          m.lead.length + m.support.length > 0 ? ` ${m.lead.join('、')}/${m.support.join('、')}` : '',
          m.inherited ? ' inherited' : '',
          m.deadline ? ` ${m.deadline.text}` : '',
          m.notes ? ` (${m.notes})` : '',
          Object.keys(m.extra).length > 0 ? ` ${JSON.stringify(m.extra)}` : '',
        ].join(''),
      ),
    ]),
  ]);
}

const read = (lines: string[]) => parse(lines.join('\n'));
const rules = (table: TaskTable) => table.diagnostics.map((d) => `${d.severity} ${d.ruleId}`);

/** One table written with `gap` between its cells: rows of cells, '' for a blank (merged) cell. */
const flatten = (rows: string[][], gap = ' ') => rows.map((cells) => cells.join(gap).trimEnd());

const ROWS = [
  ['序号', '工作任务', '具体措施', '责任单位', '完成时限'],
  ['1', '推进财政信息公开', '积极推进预算、决算公开。', '财政局', '2024年6月底前'],
  ['2', '', '公开“三公”经费。', '财政局、审计局', '2024年9月底前'],
  ['3', '做好网站信息公开', '及时更新网站概况信息。', '办公室', '持续推进'],
];

const OUTLINE = [
  'T 推进财政信息公开',
  'M 1 积极推进预算、决算公开。 [财政局] 2024年6月底前',
  'M 2 公开“三公”经费。 [财政局、审计局] 2024年9月底前',
  'T 做好网站信息公开',
  'M 3 及时更新网站概况信息。 [办公室] 持续推进',
];

describe('space-cells: the header', () => {
  it('is a line of known labels separated by white space', () => {
    expect(spaceHeader('序号 工作任务 具体措施 责任单位')).toEqual({ labels: ['序号', '工作任务', '具体措施', '责任单位'], gap: 1 });
    expect(spaceHeader('序号   工作任务   具体措施')).toEqual({ labels: ['序号', '工作任务', '具体措施'], gap: 3 });
  });

  it('joins labels a narrow column wrapped, by the width of the gaps or because only together they name a role', () => {
    const header = spaceHeader('序号 重点工作任务 牵头  领导 牵头         责任单位 主体          责任单位 配合         责任单位 备注');
    expect(header?.labels.map((label) => label.replace(/\s+/gu, ''))).toEqual(['序号', '重点工作任务', '牵头领导', '牵头责任单位', '主体责任单位', '配合责任单位', '备注']);
    expect(header?.gap).toBeNull();
    expect(spaceHeader('序号 具体措施 主体 责任单位 完成 时限')?.labels).toEqual(['序号', '具体措施', '主体 责任单位', '完成 时限']);
  });

  it('is not a sentence, a line of two words or a line of unknown words', () => {
    expect(spaceHeader('各单位要按照责任分工，抓好具体措施的落实。 责任单位')).toBeNull();
    expect(spaceHeader('具体措施 责任单位')).toBeNull();
    expect(spaceHeader('网站首页 政府信息公开 通知公告')).toBeNull();
    expect(spaceHeader('序号 | 具体措施 | 责任单位')).toBeNull();
  });
});

describe('space-cells: rows', () => {
  it('reads rows with one space between cells, a blank cell as a wider gap', async () => {
    const table = await read(flatten(ROWS));
    expect(table.source.dialect).toBe('space-cells');
    expect(table.columns.map((c) => c.role)).toEqual(['serial', 'task', 'measure', 'departments', 'deadline']);
    expect(outline(table)).toEqual(OUTLINE.map((line, i) => (i === 2 ? `${line.replace(' 2024', ' inherited 2024').replace('[财政局、审计局] inherited', '[财政局、审计局]')}` : line)));
    expect(rules(table)).toEqual(['warning missing-title', 'info guessed-layout']);
    expect(table.diagnostics[1]?.message).toBe(
      "Rows written one a line with spaces between cells (space-cells) were split into cells by what they hold: row 3; check it against the original.",
    );
  });

  it('reads rows with runs of spaces between cells the same', async () => {
    const one = await read(flatten(ROWS));
    const many = await read(flatten(ROWS, '    '));
    expect(outline(many)).toEqual(outline(one));
  });

  it('reads a row whose page left a merged cell out, by what its cells hold', async () => {
    const rows = flatten(ROWS);
    rows[2] = '2 公开“三公”经费。 财政局、审计局 2024年9月底前';
    const table = await read(rows);
    expect(outline(table)[2]).toBe('M 2 公开“三公”经费。 [财政局、审计局] 2024年9月底前');
    expect(table.diagnostics.at(-1)?.message).toContain('row 3;');
  });

  it('joins a cell wrapped by spaces of its own and a cell wrapped onto the next lines', async () => {
    const table = await read([
      '序号 类别 主要任务 细化措施 牵头单位 参与单位',
      '1 加强水资源保 护 严守水资源开发利用控制红线 实施水资源消耗总量和强度双控行动。 市水利局 市发展改革委、农业局等',
      '2  严守用水 效率控制 红线 落实用水效率评估体系。 市水利局 市发展改革委',
      '3 一般公共预算收入增长5%左右。 区财政局',
      '区税务局',
      '区政府有关部门,各乡镇人民政府、街道办事处。',
    ].map((line, i) => (i === 3 ? line.replace('3 ', '3   ') : line)));
    expect(outline(table)).toEqual([
      'S 加强水资源保护',
      'T 严守水资源开发利用控制红线',
      'M 1 实施水资源消耗总量和强度双控行动。 [市水利局、市发展改革委、农业局] 市水利局/市发展改革委、农业局',
      'T 严守用水效率控制红线',
      'M 2 落实用水效率评估体系。 [市水利局、市发展改革委] 市水利局/市发展改革委',
      'M 3 一般公共预算收入增长5%左右。 [区财政局、区税务局、区政府有关部门、各乡镇人民政府、街道办事处] 区财政局、区税务局/区政府有关部门、各乡镇人民政府、街道办事处',
    ]);
    expect(table.diagnostics.find((d) => d.ruleId === 'guessed-layout')?.message).toContain('rows 2, 3, 4;');
  });

  it('gives people in a 领导 column, spaces inside names and all, to that column; status words to a progress column; notes to 备注', async () => {
    const table = await read([
      '序号 重点工作任务 牵头  领导 牵头         责任单位 配合         责任单位 工作评价 进展情况 备注',
      '1 推进政务公开标准化规范化建设。 汪  峰   吴蓓蓓 县卫健委 县直有关单位 达到时序进度 完成目录编制',
      '2 新增托育机构2所以上。 吴蓓蓓 县卫健委 有关乡镇 已完成 完成备案工作 按季度报送',
    ]);
    expect(table.columns.map((c) => `${c.header}=${c.role}`)).toEqual([
      '序号=serial',
      '重点工作任务=measure',
      '牵头领导=leader',
      '牵头责任单位=lead',
      '配合责任单位=support',
      '工作评价=other',
      '进展情况=other',
      '备注=notes',
    ]);
    expect(outline(table)).toEqual([
      // White space between two Han characters goes (MODEL.md), between two people's names too.
      'M 1 推进政务公开标准化规范化建设。 [县卫健委、县直有关单位] 县卫健委/县直有关单位 {"牵头领导":"汪峰吴蓓蓓","工作评价":"达到时序进度","进展情况":"完成目录编制"}',
      'M 2 新增托育机构2所以上。 [县卫健委、有关乡镇] 县卫健委/有关乡镇 (按季度报送) {"牵头领导":"吴蓓蓓","工作评价":"已完成","进展情况":"完成备案工作"}',
    ]);
  });

  it('reads headers and names a copying site glossed with pinyin, and gives words that name no body after a name to the next column', async () => {
    // fixtures/real/huoqiu-2025-q1-zdgz-traditional-spaces: 重點(diǎn) carries its reading; 增長 11.9% is progress.
    const table = await read([
      '序號(hào) 重點(diǎn)工作任務(wù) 牽頭責(zé)任單位 一季度完成情況',
      '1 地區(qū)生產(chǎn)總值增長6%以上。 縣發(fā)改委 一季度地區(qū)生產(chǎn)總值增長6.8%',
      '2 規(guī)模工業(yè)增加值增長4.5%。 縣工信局 規(guī)模工業(yè)增加值增長 11.9%',
      '3 農(nóng)村常住居民人均可支配收入增速高于全省平均。 縣農(nóng)業(yè)農(nóng)村局 增長6.9%',
    ]);
    expect(table.columns.map((c) => c.role)).toEqual(['serial', 'measure', 'lead', 'other']);
    expect(outline(table)).toEqual([
      'M 1 地區(qū)生產(chǎn)總值增長6%以上。 [縣發（fā）改委] 縣發（fā）改委/ {"一季度完成情況":"一季度地區(qū)生產(chǎn)總值增長6.8%"}',
      'M 2 規(guī)模工業(yè)增加值增長4.5%。 [縣工信局] 縣工信局/ {"一季度完成情況":"規(guī)模工業(yè)增加值增長 11.9%"}',
      'M 3 農(nóng)村常住居民人均可支配收入增速高于全省平均。 [縣農（nóng）業（yè）農（nóng）村局] 縣農（nóng）業（yè）農（nóng）村局/ {"一季度完成情況":"增長6.9%"}',
    ]);
  });

  it('opens a row at a starred serial, and reads a row written one cell a line among rows on one line', async () => {
    // fixtures/real/huaiyuan-2021-q1-zdgz-spaces-line-cells: rows of two units are written a cell a line.
    const table = await read([
      '序号 目标任务 牵头县领导 牵头责任单位 一季度完成情况',
      '1 地区生产总值增长9%以上。 路 军 发展改革委 数据上报中',
      '★2',
      '做大做强汽车零部件产业。',
      '屈 磊',
      '招商服务中心',
      '怀远经济开发区',
      '招商服务中心:已签约项目9个。',
      '★3 融入长三角产业分工协作。 路 军 发展改革委 已申报15个项目。',
    ]);
    expect(outline(table)).toEqual([
      'M 1 地区生产总值增长9%以上。 [发展改革委] 发展改革委/ {"牵头县领导":"路军","一季度完成情况":"数据上报中"}',
      'M  做大做强汽车零部件产业。 [招商服务中心、怀远经济开发区] 招商服务中心、怀远经济开发区/ {"牵头县领导":"屈磊","一季度完成情况":"招商服务中心:已签约项目9个。","序号":"★2"}',
      'M  融入长三角产业分工协作。 [发展改革委] 发展改革委/ {"牵头县领导":"路军","一季度完成情况":"已申报15个项目。","序号":"★3"}',
    ]);
  });

  it('reads a line starting with a section marker as a section row, and keeps chrome and text before the table and after it', async () => {
    const table = await read([
      '首页 > 政府信息公开 > 重点工作',
      '谯城区2025年政府工作报告重点工作任务分解表',
      '序号 重点工作任务 主要责任单位 协同配合单位',
      '一、2025年经济社会发展的主要预期目标',
      '1 地区生产总值增长6.5%左右。 区发改委 区政府各部门,各乡镇人民政府。',
      '2 固定资产投资增长7.5%左右。 区发改委 区工信局、区住建局。',
      '',
      '注：各单位每季度末报送进展情况。',
      '打印本页 关闭窗口',
    ]);
    expect(table.title).toBe('谯城区2025年政府工作报告重点工作任务分解表');
    expect(outline(table)).toEqual([
      'S 一、2025年经济社会发展的主要预期目标',
      'M 1 地区生产总值增长6.5%左右。 [区发改委、区政府各部门、各乡镇人民政府] 区发改委/区政府各部门、各乡镇人民政府',
      'M 2 固定资产投资增长7.5%左右。 [区发改委、区工信局、区住建局] 区发改委/区工信局、区住建局',
    ]);
    expect(table.preamble).toEqual(['首页 > 政府信息公开 > 重点工作', '谯城区2025年政府工作报告重点工作任务分解表']);
    expect(table.postscript).toEqual(['注：各单位每季度末报送进展情况。', '打印本页关闭窗口']);
    expect(rules(table)).toEqual([]);
  });

  it('starts rows at serial numbers that go up, so that a number inside a wrapped cell continues it', async () => {
    const table = await read(['序号 具体措施 责任单位', '1 收到申请后', '1 个工作日内登记。 财政局', '2 公开决算。 审计局']);
    expect(outline(table)).toEqual(['M 1 收到申请后 1 个工作日内登记。 [财政局]', 'M 2 公开决算。 [审计局]']);
  });

  it('warns of a row that cannot be split with confidence instead of guessing silently', async () => {
    const table = await read(['序号 具体措施 责任单位 完成时限', '1 推进预算公开。 财政局 2024年底前', '2 财政局 2024年底前']);
    const warning = table.diagnostics.find((d) => d.severity === 'warning' && d.ruleId === 'ragged-row');
    expect(warning?.message).toBe(
      'Rows written one a line with spaces between cells (space-cells) could not be split into cells with confidence (a word fits no column, or no measure was found): row 3; check it against the original.',
    );
  });

  it('leaves files of other layouts alone: a pipe table after a space-separated title line', async () => {
    const table = await read(['序号 具体措施 责任单位', '说明', '| 序号 | 具体措施 | 责任单位 |', '| 1 | 推进预算公开。 | 财政局 |']);
    expect(table.source.dialect).toBe('pipe-rows');
  });

  it('reads the line numbers of the rows', () => {
    const doc = readSpaceCells(['标题', '序号 具体措施 责任单位', '1 推进预算公开。 财政局', '财务科', '2 公开决算。 审计局']);
    const [table] = doc.tables;
    expect(table?.rows.map((row) => row.line)).toEqual([2, 3, 5]);
    expect(table?.rows[1]?.cells.map((cell) => cell.paragraphs)).toEqual([['1'], ['推进预算公开。'], ['财政局', '财务科']]);
    expect(table?.before).toEqual(['标题']);
  });
});

describe('space-cells: a header at the end of a line of other text (fixtures/real/changshu)', () => {
  it('reads the header from 序号 on, the text before it as text before the table, and places at the lines as written', async () => {
    const table = await read([
      '编辑: 2018-06-25',
      '市政府办公室关于分解落实2018年政府工作任务的通知 附件:常熟市2018年政府工作任务分解表 序号 名称 工作任务 牵头责任单位',
      '',
      '1 地区生产总值增长7%以上. 发改委',
      '',
      '2 一般公共预算收入增长8%以上. 财政局',
      '',
      '3 高新技术产业产值增长10%. 科技局',
    ]);
    expect(table.source.dialect).toBe('space-cells');
    expect(table.columns.map((c) => c.role)).toEqual(['serial', 'measure', 'lead']);
    const measures = table.sections.flatMap((s) => s.tasks.flatMap((t) => t.measures));
    expect(measures.map((m) => [m.text, m.lead, m.place.line])).toEqual([
      ['地区生产总值增长7%以上.', ['发改委'], 4],
      ['一般公共预算收入增长8%以上.', ['财政局'], 6],
      ['高新技术产业产值增长10%.', ['科技局'], 8],
    ]);
    expect(table.preamble.join('')).toContain('常熟市2018年政府工作任务分解表');
  });
});
