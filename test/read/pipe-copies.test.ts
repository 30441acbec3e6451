import { describe, expect, it } from 'vitest';
import { parse, type TaskTable } from '../../src/index.js';
import { outline } from '../helpers/outline.js';

// Pipe layouts of real web copies (issue #13): rows with the merged cells a page dropped, a task cell
// spanning the measure column, cells closed by pipes with a lone pipe after each row, a year before
// a header, a category column filled on a group's first row only, rows an excerpt cut off.

const rules = (table: TaskTable) => table.diagnostics.map((d) => d.ruleId);
const read = (lines: string[]) => parse(lines.join('\n'));

describe('cells closed by pipes, a lone pipe after each row', () => {
  const header = ['序号 |', '主要任务 |', '全年目标 |', '分管领导 |', '牵头单位 |', '责任主体与协同单位 |', '推进情况 |', '说明 |'];

  it('reads the rows the lone pipes end, placing short ones by what they hold (a leader by its names)', async () => {
    const table = await read([
      '2023年民生实事项目推进情况',
      ...header,
      ...['1 |', '新建口袋公园10个。 |', '王建国 |', '园林局 |', '住建局、各街道 |', '已完成6个。 |', '||'],
      ...['2 |', '改造老旧小区30个。 |', '李明 |', '住建局 |', '各街道 |', '已开工20个。 |', '资金已到位。 |', '|'],
      ...['3 |', '新增停车泊位500个。 |', '王建国 |', '城管局 |', '交警大队 |', '已完成300个。 |'],
    ]);
    expect(table.source.dialect).toBe('separated-cells');
    expect(table.columns.map((c) => c.role)).toEqual(['serial', 'measure', 'other', 'leader', 'lead', 'support', 'other', 'notes']);
    expect(outline(table)).toEqual([
      'T ',
      'M 新建口袋公园10个。 [园林局、住建局、各街道] 园林局/住建局、各街道',
      'M 改造老旧小区30个。 [住建局、各街道] 住建局/各街道',
      'M 新增停车泊位500个。 [城管局、交警大队] 城管局/交警大队',
    ]);
    const measures = table.sections[0]!.tasks[0]!.measures;
    expect(measures.map((m) => [m.number, m.extra['分管领导'], m.extra['推进情况']])).toEqual([
      [1, '王建国', '已完成6个。'],
      [2, '李明', '已开工20个。'],
      [3, '王建国', '已完成300个。'],
    ]);
    expect(measures.slice(0, 2).map((m) => m.notes)).toEqual([null, '资金已到位。']);
    // The last row stops where the text does: said, as its notes cell may take the row above's.
    expect(rules(table)).toEqual(['guessed-layout', 'ragged-row']);
    expect(table.diagnostics[1]!.message).toBe('Row 4 has 6 of 8 cells and the text ends inside it: it was cut off; check its last cells, which may take values from the row above.');
  });

  it('rebuilds rows from content when the lone pipes cannot be row ends (a run wider than the header)', async () => {
    const cells = ['1', '公开预算。', '财务科', '2', '公开决算。', '财务科', '3', '公开年报。', '办公室'];
    const table = await read(['序号 |', '具体措施 |', '责任部门 |', ...cells.map((cell) => `${cell} |`), '|']);
    expect(outline(table)).toEqual(['T ', 'M 公开预算。 [财务科]', 'M 公开决算。 [财务科]', 'M 公开年报。 [办公室]']);
  });
});

describe('cells between lone pipes, rows rebuilt from what they hold (fixtures/real/guangde)', () => {
  const table = (tail: string[]) =>
    read([
      ...['工作任务', '具体要求', '责任单位'].flatMap((label) => [label, '|']),
      ...['一、围绕中心工作抓好主动公开', '（一）以公开助力高质量发展', '1', '围绕构建产业体系做好信息公开。', '市工信局、市发改委'].flatMap((cell) => [cell, '|']),
      ...['2', '围绕扩大有效投资做好信息公开。', '市招商合作中心', '（二）以公开保障和改善民生', '3', '做好民生实事信息公开。', '市人社局，各乡镇、街道'].flatMap((cell) => [cell, '|']),
      ...tail,
    ]);

  it('reads a section marker standing alone between rows as a section row', async () => {
    const read = await table([]);
    expect(read.source.dialect).toBe('separated-cells');
    expect(outline(read)).toEqual([
      'S 一、围绕中心工作抓好主动公开',
      'T （一）以公开助力高质量发展',
      'M 围绕构建产业体系做好信息公开。 [市工信局、市发改委]',
      'M 围绕扩大有效投资做好信息公开。 [市招商合作中心]',
      'T （二）以公开保障和改善民生',
      'M 做好民生实事信息公开。 [市人社局、各乡镇、街道]',
    ]);
    expect(rules(read)).toEqual(['missing-title', 'guessed-layout']);
  });

  it('reads text after the last pipe that follows a serial number as the row the end of the text cut off, and says so', async () => {
    const read = await table(['4', '|', '加强低保对象、特困人员']);
    expect(outline(read).at(-1)).toBe('M 加强低保对象、特困人员 [市人社局、各乡镇、街道] inherited');
    expect(read.sections[0]!.tasks.at(-1)!.measures.at(-1)!.number).toBe(4);
    expect(read.postscript).toEqual([]);
    const cut = read.diagnostics.find((d) => d.ruleId === 'ragged-row');
    expect(cut?.message).toBe('Row 6 has 2 of 4 cells and the text ends inside it: it was cut off; check its last cells, which may take values from the row above.');
    // Text after a complete row is text after the table.
    expect((await table(['扫一扫在手机打开'])).postscript).toEqual(['扫一扫在手机打开']);
  });
});

describe('cells between lone pipes, a second pipe after each row (fixtures/real/suining)', () => {
  const rows = (...cells: string[][]) => cells.flatMap((row) => [...row.flatMap((cell) => [cell, '|']), '|']);

  it('reads the second pipe as the row\'s end, a title above the header with a pipe of its own as text before the table, and a pipe above the header as its border', async () => {
    const table = await read(['2016年环境卫生工作任务', '|', ...rows(['序号', '工作任务', '负责部门', '时间进度']).slice(0, -1), ...rows(['1', '完善城市管理体制', '市委编办、市住建局', '2016年6月底前'], ['2', '开展规划编制工作', '市住建局', '常态工作'])]);
    expect(table.title).toBe('2016年环境卫生工作任务');
    expect(table.preamble).toEqual(['2016年环境卫生工作任务']);
    expect(outline(table)).toEqual(['T ', 'M 完善城市管理体制 [市委编办、市住建局] 2016年6月底前', 'M 开展规划编制工作 [市住建局] 常态工作']);
    expect(table.sections[0]!.tasks[0]!.measures.map((m) => [m.number, m.deadline?.text])).toEqual([[1, '2016年6月底前'], [2, '常态工作']]);
  });

  it('keeps a second pipe as an empty cell where a column is empty in every row', async () => {
    const cells = ['序号', '具体措施', '配合单位', '责任部门', '1', '公开预算。', '', '财务科', '2', '公开决算。', '', '办公室', '3', '公开年报。', '', '信息科'];
    const table = await read(cells.flatMap((cell) => (cell === '' ? ['|'] : [cell, '|'])));
    expect(outline(table)).toEqual(['T ', 'M 公开预算。 [财务科]', 'M 公开决算。 [办公室]', 'M 公开年报。 [信息科]']);
  });

  it('reads text after the last pipe as text after the table where the last cell is no next serial (a score)', async () => {
    const cells = ['序号', '考核内容', '责任单位', '分值', '1', '公开预算。', '财务科', '10', '2', '公开决算。', '办公室', '5'];
    const table = await read([...cells.flatMap((cell) => [cell, '|']), '打印本页 关闭窗口']);
    expect(table.postscript).toEqual(['打印本页关闭窗口']);
    expect(table.sections[0]!.tasks[0]!.measures.map((m) => m.text)).toEqual(['公开预算。', '公开决算。']);
  });

  it('keeps a second pipe as an empty cell where rows between such pipes would be wider than the header', async () => {
    const table = await read(['序号', '|', '具体措施', '|', '责任部门', '|', '1', '|', '公开预算。', '|', '财务科', '|', '2', '|', '公开决算。', '|', '|', '3', '|', '公开年报。', '|', '办公室', '|']);
    expect(outline(table)).toEqual(['T ', 'M 公开预算。 [财务科]', 'M 公开决算。 [财务科] inherited', 'M 公开年报。 [办公室]']);
  });
});

describe('cells closed by pipes with rows that leave out merged cells (fixtures/real/ankang)', () => {
  it('reads a line of pipes as empty cells and the row\'s end, and places short rows under the columns\' roles', async () => {
    const table = await read([
      ...['主要任务 |', '重点工作和要求 |', '责任单位 |', '完成时限 |', '完成进展 |'],
      ...['一、加强安排部署 |', '||||'],
      ...['(一)制定工作任务清单。 |', '1.制定全市任务清单。 |', '市安委办 (工作专班办公室) |', '1月20日前 |', '|'],
      ...['2.制定行业任务清单。 |', '市级各专委会办公室、市生态环境局 |', '2月10日前 |', '|', '|'],
      ...['3.制定县区任务清单。 |', '各县区(开发区) 安委会 |', '2月5日前 |', '|', '|'],
    ]);
    expect(table.columns.map((c) => c.role)).toEqual(['task', 'measure', 'departments', 'deadline', 'other']);
    expect(outline(table)).toEqual([
      'S 一、加强安排部署',
      'T (一)制定工作任务清单。',
      'M 1.制定全市任务清单。 [市安委办（工作专班办公室）] 1月20日前',
      'M 2.制定行业任务清单。 [市级各专委会办公室、市生态环境局] 2月10日前',
      'M 3.制定县区任务清单。 [各县区（开发区）安委会] 2月5日前',
    ]);
  });
});

describe('pipe rows of progress ledgers', () => {
  it('reads a task cell that spans the measure column as its own measure; rows padded at the end are placed by content', async () => {
    const table = await read([
      '重点工作 | 细化任务 | 季度目标 | 分管领导 | 牵头单位 | 说明 |',
      '1.推进垃圾分类。 | ①建成处置中心。 | 完成建设。 | 王建国 | 城管局 | |',
      '②新建分类小区100个。 | 开工建设。 | | | | |',
      '2.治理违建。 | 削减违建30%。 | 王建国 | 城管局 | 进度正常。 | |',
      '3.整治停车秩序。 | ①整治背街停车。 | 完成招标。 | 李明 | 交警大队 | 进度迟缓。 |',
    ]);
    expect(outline(table)).toEqual([
      'T 1.推进垃圾分类。',
      'M ①建成处置中心。 [城管局] 城管局/',
      'M ②新建分类小区100个。 [城管局] 城管局/ inherited',
      'T 2.治理违建。',
      'M 2.治理违建。 [城管局] 城管局/',
      'T 3.整治停车秩序。',
      'M ①整治背街停车。 [交警大队] 交警大队/',
    ]);
    const measures = table.sections[0]!.tasks.flatMap((t) => t.measures);
    expect(measures.map((m) => m.extra['季度目标'])).toEqual(['完成建设。', '开工建设。', '削减违建30%。', '完成招标。']);
    expect(rules(table)).toEqual(['missing-title', 'guessed-layout']);
  });

  it('says so when the text ends inside a row (an excerpt cut off)', async () => {
    const table = await read(['重点工作 | 细化任务 | 牵头单位 | 说明 |', '1.推进垃圾分类。 | ①建成处置中心。 | 城管局 | |', '②新建分类小区 | 开工']);
    expect(rules(table).sort()).toEqual(['guessed-layout', 'missing-title', 'ragged-row']);
    expect(table.diagnostics.find((d) => d.ruleId === 'ragged-row')).toMatchObject({ severity: 'warning', place: { row: 3, line: 3 } });
  });

  it('reads a category column filled on the first row of its group only, under a header with a year before a label', async () => {
    const table = await read([
      '类别 | 民生事项名称 | 2022年度任务目标 | 责任单位 |',
      '一、教育文化 | 1.改扩建学校 | 完成教学楼建设。 | 教育局 |',
      '2.建设运动场 | 完成场地建设。 | 教育局 | |',
      '二、卫生健康 | 3.新建医院 | 完成主体工程。 | 卫健局 |',
      '索引号: | 1137/2022-04772 | 成文日期: | 2022-10-08 |',
    ]);
    expect(table.columns.map((c) => c.role)).toEqual(['section', 'task', 'measure', 'departments']);
    expect(outline(table)).toEqual([
      'S 一、教育文化',
      'T 1.改扩建学校',
      'M 完成教学楼建设。 [教育局]',
      'T 2.建设运动场',
      'M 完成场地建设。 [教育局]',
      'S 二、卫生健康',
      'T 3.新建医院',
      'M 完成主体工程。 [卫健局]',
    ]);
    expect(table.postscript).toEqual(['索引号: | 1137/2022-04772 | 成文日期: | 2022-10-08 |']);
  });

  it('reads a cell whose lines a browser kept as a row over several lines', async () => {
    const table = await read([
      '重点工作 | 细化任务 | 牵头单位 |',
      '1.推进垃圾分类。 | ①建成处置中心。',
      '②新建分类小区100个。 | 城管局 |',
      '2.治理违建。',
      '严控新增。 | 削减违建30%。 | 城管局 |',
    ]);
    // The cell's two numbered items are two measures sharing its units (see build.ts, numberedItems).
    expect(outline(table)).toEqual(['T 1.推进垃圾分类。', 'M ①建成处置中心。 [城管局] 城管局/', 'M ②新建分类小区100个。 [城管局] 城管局/ inherited', 'T 2.治理违建。严控新增。', 'M 削减违建30%。 [城管局] 城管局/']);
  });
});

describe('a second header row of sub-labels that a copy wrote from the first column (rowspans lost)', () => {
  const rows = (cells: string[][], separator: string) => cells.map((row) => row.join(separator));
  const table = [
    ['序号', '重点任务', '具体措施', '责任单位', '完成时限'],
    ['牵头单位', '配合单位'],
    ['1', '推进政务公开', '公开预算决算', '市发改委', '市财政局', '2024年底'],
    ['2', '推进网站建设', '更新网站信息', '市政府办', '市大数据局', '2024年6月'],
  ];

  it.each([
    ['pipe rows', (cells: string[][]) => rows(cells, ' | ').map((row) => `| ${row} |`)],
    ['TSV', (cells: string[][]) => rows(cells, '\t')],
  ])('puts 牵头 and 配合 under 责任单位 in %s, and reads the rows below under them', async (_, write) => {
    const parsed = await read(write(table));
    expect(parsed.columns.map((c) => `${c.header}=${c.role}`)).toEqual([
      '序号=serial',
      '重点任务=task',
      '具体措施=measure',
      '责任单位/牵头单位=lead',
      '责任单位/配合单位=support',
      '完成时限=deadline',
    ]);
    expect(outline(parsed)).toEqual([
      'T 推进政务公开',
      'M 公开预算决算 [市发改委、市财政局] 市发改委/市财政局 2024年底',
      'T 推进网站建设',
      'M 更新网站信息 [市政府办、市大数据局] 市政府办/市大数据局 2024年6月',
    ]);
  });
});

describe('rows that do not line up with the header (fixtures/real/ninghai)', () => {
  // A 民生实事 ledger whose header ran over two rows: the copy wrote the second row's labels from the
  // first column, and the group labels above them lost their spans, so every label right of the
  // groups stands over the wrong column.
  const lines = [
    '序號 | 項目名稱 | 建設規模及內容 | 總投資 | 2022年工作計劃 | 項目建設階段 | 責任單位 | 政策處理單位 | ||',
    '投資 | 形象進度 | 完成投資 | % | ||||||',
    '1 | 護眼燈光工程★ | 對全縣1658間教室照明進行提升 | 1800 | 1800 | 建成 | 1800 | 100 | 縣教育局 | |',
    '2 | 電梯加裝工程★ | 7個單位改加裝電梯10臺 | 600 | 600 | 建成 | 600 | 100.0 | 縣民政局 各相關鄉鎮街道 | |',
    '3 | 醫療急救能力提升工程★ | 在黃壇鎮衛生院內設立120急救點 | 260 | 260 | 建成 | 260 | 100.0 | 縣衛健局 | |',
  ];

  it('reads the second header row as header, and the departments from the column of names, saying both', async () => {
    const table = await read(lines);
    expect(outline(table)).toEqual([
      'T 護眼燈光工程★',
      'M 對全縣1658間教室照明進行提升 [縣教育局]',
      'T 電梯加裝工程★',
      'M 7個單位改加裝電梯10臺 [縣民政局、各相關鄉鎮街道]',
      'T 醫療急救能力提升工程★',
      'M 在黃壇鎮衛生院內設立120急救點 [縣衛健局]',
    ]);
    // The labels of the second row name no column; the numbers under 責任單位 stay, under its label.
    expect(table.columns.map((c) => `${c.header}=${c.role}`).slice(0, 4)).toEqual(['序號=serial', '項目名稱=task', '建設規模及內容=measure', '總投資=other']);
    expect(table.sections[0]?.tasks[0]?.measures[0]?.extra['責任單位']).toBe('1800');
    const infos = table.diagnostics.filter((d) => d.ruleId === 'guessed-layout').map((d) => d.message);
    expect(infos).toEqual([
      'Header row 2 (投資 | 形象進度 | 完成投資 | %) starts in the first column, under the serial numbers\' label: its labels lost the places of the columns they head (labels over two rows whose spans a copy dropped), so they name no column; check the header against the original.',
      'The column headed "責任單位" holds numbers (1800, 600, 260) and column 9 the names of units: the rows do not line up with the header (a header over two rows, or cells a copy left out); the departments were read from column 9; check it against the original.',
    ]);
  });

  it('reads a departments column that holds names as labelled, and a row of labels naming bodies as a row', async () => {
    const fine = await read(['序号 | 重点任务 | 责任单位 | 完成率', '1 | 推进政务公开 | 市发改委 | 85', '2 | 更新网站信息 | 市政府办 | 90', '3 | 公开预算决算 | 市财政局 | 100']);
    expect(fine.columns.map((c) => c.role)).toEqual(['serial', 'measure', 'departments', 'other']);
    expect(fine.diagnostics.map((d) => d.ruleId)).not.toContain('guessed-layout');
  });

  it('reads the departments from the one column of names where the labelled one holds numbers, in TSV too', async () => {
    const shifted = await parse(['序号\t重点任务\t责任单位\t', '1\t推进政务公开\t85\t市发改委', '2\t更新网站信息\t90\t市政府办', '3\t公开预算决算\t100\t市财政局'].join('\n'));
    expect(outline(shifted)).toEqual(['T ', 'M 推进政务公开 [市发改委]', 'M 更新网站信息 [市政府办]', 'M 公开预算决算 [市财政局]']);
    expect(shifted.diagnostics.map((d) => d.ruleId)).toContain('guessed-layout');
  });
});

describe('levels told by numbering where the labels do not tell them (fixtures/real/zhongshan-ybj-2022)', () => {
  it('reads columns numbered 一、 / （一） / 1. as sections, tasks and measures, and says so', async () => {
    const table = await read([
      '工作要求 | 一级要点 | 二级要点 | 责任科室 |',
      '一、优化政务公开工作基础 | (一)深化规范性文件集中公开。 | 1.规范行政法规使用。 | 法规科牵头,办公室配合 |',
      '2.摸清本单位规范性文件底数。 | 办公室牵头,各科室按职责分工落实 | ||',
      '(二)推进基层政务公开标准化。 | 3.动态更新主动公开目录。 | 办公室 | |',
    ]);
    expect(table.columns.map((c) => c.role)).toEqual(['section', 'task', 'measure', 'departments']);
    expect(outline(table)).toEqual([
      'S 一、优化政务公开工作基础',
      'T (一)深化规范性文件集中公开。',
      'M 1.规范行政法规使用。 [法规科、办公室] 法规科/办公室',
      'M 2.摸清本单位规范性文件底数。 [办公室、各科室] 办公室/各科室',
      'T (二)推进基层政务公开标准化。',
      'M 3.动态更新主动公开目录。 [办公室]',
    ]);
    expect(table.diagnostics.find((d) => d.params.kind === 'levels')?.message).toBe(
      'The columns 工作要求 | 一级要点 | 二级要点 were read as sections, tasks and measures by their numbering (一、, （一）, 1.), which their labels do not say; check them against the original.',
    );
  });

  it('keeps the labels where the measures are not numbered more coarsely than a column to their right', async () => {
    const table = await read(['序号 | 工作任务 | 具体措施 | 责任单位', '1 | 一、推进公开 | 1.公开预算。 | 财政局', '2 | | 2.公开决算。 | 财政局', '3 | 二、做好解读 | 1.解读政策。 | 办公室']);
    expect(table.columns.map((c) => c.role)).toEqual(['serial', 'task', 'measure', 'departments']);
    expect(table.diagnostics.some((d) => d.params.kind === 'levels')).toBe(false);
  });
});

describe('a header whose first labels a copy left out (fixtures/real/huaiyuan-ybj)', () => {
  it('reads every label as many columns right as the header ends in empty cells, and the unlabelled columns by what they hold', async () => {
    const table = await read([
      '具 体 要 求 | 责任科室 | ||',
      '一、围绕中心工作抓好主动公开。 | 1 | 深化民生领域信息公开。 | 办公室牵头,局各股室配合 |',
      '二、围绕提质增效抓好政策解读 | 2 | 落实政策解读同步要求。 | 办公室牵头,局各股室配合 |',
      '3 | 科学确定解读范围。 | 办公室牵头,局各股室配合 | |',
      '4 | 提升解读质效。 | 办公室 | |',
    ]);
    expect(table.columns.map((c) => `${c.header}=${c.role}`)).toEqual(['=task', '=serial', '具体要求=measure', '责任科室=departments']);
    expect(outline(table)).toEqual([
      'T 一、围绕中心工作抓好主动公开。',
      'M 深化民生领域信息公开。 [办公室、局各股室] 办公室/局各股室',
      'T 二、围绕提质增效抓好政策解读',
      'M 落实政策解读同步要求。 [办公室、局各股室] 办公室/局各股室',
      'M 科学确定解读范围。 [办公室、局各股室] 办公室/局各股室',
      'M 提升解读质效。 [办公室]',
    ]);
    expect(table.diagnostics.find((d) => d.params.kind === 'shifted')?.message).toBe(
      'The header\'s labels stand 2 columns left of what the rows hold (the column labelled "责任科室" holds numbers, and the names of units are 2 to its right): a copy left out the first labels, so every label was read 2 columns to the right; check the header against the original.',
    );
  });
});

describe('a table whose header names no measures (fixtures/real/shapingba-2022)', () => {
  it('reads the first column of text before the responsible units as the measures, and says so', async () => {
    const table = await read(['序号 | 年度指标 | 责任单位 | 进展', '1 | 地区生产总值增长6%左右 | 区发展改革委 | 20%', '2 | 城镇调查失业率控制在5.5%以内 | 区人力社保局 | 40%']);
    expect(table.columns.map((c) => c.role)).toEqual(['serial', 'measure', 'departments', 'other']);
    expect(outline(table)).toEqual(['T ', 'M 地区生产总值增长6%左右 [区发展改革委]', 'M 城镇调查失业率控制在5.5%以内 [区人力社保局]']);
    expect(table.diagnostics.find((d) => d.params.kind === 'measures')?.message).toBe(
      'No header names the measures; the column headed "年度指标", the first of text before the responsible units, was read as the measures; check it against the original.',
    );
  });
});

describe('a column of the units responsible after the lead column (fixtures/real/nanling)', () => {
  it('holds the lead’s supporters, as （牵头单位：X；责任单位：Y） does in prose, in every layout', async () => {
    const rows = [
      ['序号', '目标与任务', '牵头责任单位', '责任单位'],
      ['1', '新增托位数400个以上。', '县教育局', '县各有关单位'],
      ['2', '推动义务教育优质均衡发展。', '县教育局', '县教育局、县财政局'],
    ];
    const expected = ['M 新增托位数400个以上。 [县教育局、县各有关单位] 县教育局/县各有关单位', 'M 推动义务教育优质均衡发展。 [县教育局、县财政局] 县教育局/县财政局'];
    const tsv = await read(rows.map((r) => r.join('\t')));
    expect(tsv.columns.map((c) => `${c.header}:${c.role}`)).toEqual(['序号:serial', '目标与任务:measure', '牵头责任单位:lead', '责任单位:support']);
    expect(outline(tsv).slice(1)).toEqual(expected);
    const html = await parse(`<table>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</table>`, { format: 'html' });
    expect(outline(html).slice(1)).toEqual(expected);
    const prose = await parse(['一、教育', '（一）新增托位数400个以上。（牵头责任单位：县教育局；责任单位：县各有关单位）'].join('\n'));
    expect(prose.sections[0]?.tasks[0]?.measures[0]).toMatchObject({ lead: ['县教育局'], support: ['县各有关单位'] });
  });

  it('still reads the role words of its cells', async () => {
    const tsv = await read(['具体措施\t牵头单位\t责任单位', '推进税收征管。\t市财政局\t市税务局牵头，各区配合', '规范收费。\t市发改委\t市市场监管局', '公开预算。\t市财政局\t各区']);
    expect(tsv.columns.map((c) => c.role)).toEqual(['measure', 'lead', 'support']);
    expect(outline(tsv).slice(1)).toEqual([
      'M 推进税收征管。 [市财政局、市税务局、各区] 市财政局、市税务局/各区',
      'M 规范收费。 [市发改委、市市场监管局] 市发改委/市市场监管局',
      'M 公开预算。 [市财政局、各区] 市财政局/各区',
    ]);
  });

  it('holds them before the lead column too (fixtures/real/liandu)', async () => {
    const tsv = await read(['具体措施\t责任单位\t牵头单位', '地区生产总值增长6.5%以上。\t区经商局、区建设局\t区发改局', '规上工业增加值增长10%。\t莲都经开区管委会\t区经商局', '完成能源指标计划目标。\t区供电公司\t区发改局']);
    expect(tsv.columns.map((c) => c.role)).toEqual(['measure', 'support', 'lead']);
    expect(outline(tsv).slice(1)).toEqual([
      'M 地区生产总值增长6.5%以上。 [区发改局、区经商局、区建设局] 区发改局/区经商局、区建设局',
      'M 规上工业增加值增长10%。 [区经商局、莲都经开区管委会] 区经商局/莲都经开区管委会',
      'M 完成能源指标计划目标。 [区发改局、区供电公司] 区发改局/区供电公司',
    ]);
  });

  it('stays the departments where a column names the supporters, or the lead column names no body', async () => {
    const withSupport = await read(['具体措施\t牵头单位\t配合单位\t责任单位', '新增托位。\t县教育局\t县财政局\t县各有关单位'].map((l) => l));
    expect(withSupport.columns.map((c) => c.role)).toEqual(['measure', 'lead', 'support', 'departments']);
    // A 牵头 column over people's names is no lead column of units.
    const people = await read(['具体措施\t牵头\t责任单位', '新增托位。\t吕乐\t县教育局', '推动均衡发展。\t毛丕显\t县财政局', '建设驿站。\t吕乐\t县消防大队'].map((l) => l));
    expect(people.columns.find((c) => c.header === '责任单位')?.role).toBe('departments');
  });
});

describe('cells closed by pipes, rows padded with empty cells for the merged ones a page left out (fixtures/real/fujian, baoshan)', () => {
  it('reads `X | ||` as the cell and an empty cell for each further pipe, rows as wide as the header', async () => {
    const table = await read([
      '工作任务 |', '牵头单位 |', '责任单位 |',
      '一、推进重点领域信息公开 | ||',
      '1.行政审批项目信息公开 |', '省编办 |', '省直各部门 |',
      '2.权力清单信息公开 | ||',
      '3.行政审批事项信息公开 | ||',
      '二、推进财政资金信息公开 | ||',
      '4.财政预算公开 |', '省财政厅 |', '省直各部门 |',
      '5.政府采购信息公开 | ||',
    ]);
    expect(table.source.dialect).toBe('separated-cells');
    // 2. and 3. are numbered as the measure 1. is: measures whose units are merged from above, not headings.
    expect(outline(table)).toEqual([
      'S 一、推进重点领域信息公开',
      'T ', 'M 1.行政审批项目信息公开 [省编办、省直各部门] 省编办/省直各部门', 'M 2.权力清单信息公开 [省编办、省直各部门] 省编办/省直各部门 inherited', 'M 3.行政审批事项信息公开 [省编办、省直各部门] 省编办/省直各部门 inherited',
      'S 二、推进财政资金信息公开',
      'T ', 'M 4.财政预算公开 [省财政厅、省直各部门] 省财政厅/省直各部门', 'M 5.政府采购信息公开 [省财政厅、省直各部门] 省财政厅/省直各部门 inherited',
    ]);
  });

  it('reads a line of pipes after a cell’s lone `|` as one empty cell a pipe', async () => {
    const table = await read([
      '工作任务', '|', '工作要求', '|', '牵头单位', '|', '责任单位', '|',
      '一、深化政务公开', '|', '|||',
      '1.公开规划纲要', '|', '设立专题集中展示', '|', '市发展改革委', '|', '各县人民政府', '|',
      '2.公开历史规划', '|', '在专栏集中发布', '|', '市自然资源局', '|', '市直有关单位', '|',
    ]);
    expect(table.sections.map((s) => s.title)).toEqual(['深化政务公开']);
    expect(table.sections[0]?.tasks.map((t) => `${t.marker}${t.title}`)).toEqual(['1.公开规划纲要', '2.公开历史规划']);
    expect(table.sections[0]?.tasks.flatMap((t) => t.measures.map((m) => [m.text, m.lead, m.support]))).toEqual([
      ['设立专题集中展示', ['市发展改革委'], ['各县人民政府']],
      ['在专栏集中发布', ['市自然资源局'], ['市直有关单位']],
    ]);
  });
});

describe('pipe rows of a page that broke rows over lines (fixtures/real/zhongshan-jxj)', () => {
  const header = '重点领域 | 工作任务 | 具体措施 | 牵头落实科室 | |';

  it('puts a line of units only back at the end of the row before it, and reads a cell of items numbered inline as as many measures', async () => {
    const table = await read([
      header,
      '一、加大主动公开力度 | (一)在决策前向社会公布草案。 | 1.重大决策预公开。广泛吸纳意见建议。 2.局制定的政策应及时公开。 3.涉及公共利益的政策文件要明确规定。 |',
      '产业政策科 | |',
      '(二)推进建议提案办理结果公开。 | 所有承办建议提案及时公开答复。 | 办公室 | ||',
      '(三)公开审计报告。 | 审计报告须在局政务网公开。 | 财务室、节能监察中心 | ||',
      '(四)推进财政预决算公开。 | 预决算报告须在政务网公布。 | 财务室 | ||',
      '(五)建立会议开放制度。 | 邀请有关方面人员列席会议。 | 办公室 | ||',
    ]);
    expect(table.columns.map((c) => c.role)).toEqual(['section', 'task', 'measure', 'lead', 'other']);
    expect(table.sections[0]?.tasks.map((t) => [t.title, t.measures.map((m) => `${m.text} [${m.lead.join('、')}]`)])).toEqual([
      ['在决策前向社会公布草案。', ['1.重大决策预公开。广泛吸纳意见建议。 [产业政策科]', '2.局制定的政策应及时公开。 [产业政策科]', '3.涉及公共利益的政策文件要明确规定。 [产业政策科]']],
      ['推进建议提案办理结果公开。', ['所有承办建议提案及时公开答复。 [办公室]']],
      ['公开审计报告。', ['审计报告须在局政务网公开。 [财务室、节能监察中心]']],
      ['推进财政预决算公开。', ['预决算报告须在政务网公布。 [财务室]']],
      ['建立会议开放制度。', ['邀请有关方面人员列席会议。 [办公室]']],
    ]);
  });

  it('splits a cell only at the next number after a sentence’s end or a space, not inside a number', async () => {
    const table = await read(['具体措施 | 责任单位', '1.收入增长2.5%以上。2.支出下降3%。 | 市财政局', '1.完成改造3.推进验收 | 市住建局']);
    expect(table.sections[0]?.tasks[0]?.measures.map((m) => m.text)).toEqual(['1.收入增长2.5%以上。', '2.支出下降3%。', '1.完成改造3.推进验收']);
  });
});
