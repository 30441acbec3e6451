import { describe, expect, it } from 'vitest';
import { parse, type TaskTable } from '../../src/index.js';
import { joinedLabels } from '../../src/read/text.js';
import { rebuildRows } from '../../src/grid/align.js';
import { splitDepartments } from '../../src/normalize/departments.js';

// Tables copied out of web pages one cell a paragraph, an empty line between any two (issue #13):
// header labels wrapped or split over lines, rows that start at serial numbers, section rows with no
// measures of their own, people in a 责任领导 column.

/** Measures as "text [departments] lead/support" lines, sections as "S …". */
function outline(table: TaskTable): string[] {
  return table.sections.flatMap((s) => [
    ...(s.title !== null ? [`S ${s.marker ?? ''}${s.title}`] : []),
    ...s.tasks.flatMap((t) => [
      ...(t.title !== '' ? [`T ${t.title}`] : []),
      ...t.measures.map((m) => `M ${m.text} [${m.departments.join('、')}] ${m.lead.join('、')}/${m.support.join('、')}${m.inherited ? ' inherited' : ''}`),
    ]),
  ]);
}

/** Paragraphs with an empty line between any two, as pages copy a table's cells. */
const spaced = (paragraphs: string[]) => parse(paragraphs.join('\n\n'));

describe('header labels split over lines', () => {
  it('takes a first data cell with 部门 inside it for data, not a label', async () => {
    const table = await spaced(['工作任务', '责任单位', '完成时限', '强化部门协同', '市发改委', '2024年底', '推进数据共享', '市数据局', '2024年底']);
    expect(table.columns.map((c) => c.header)).toEqual(['工作任务', '责任单位', '完成时限']);
    expect(outline(table)).toEqual(['M 强化部门协同 [市发改委] /', 'M 推进数据共享 [市数据局] /']);
  });

  it('keeps a label naming a kind of department at the header\'s end, and reads the labels of an assessment table (fixtures/real/shengsi)', async () => {
    const table = await spaced(['考核项目', '序号', '考核指标', '考核内容', '单位', '年度目标', '责任部门', '评分部门', '农业高质高效', '1', '确保粮食供给', '粮食播种面积', '万亩', '0.07', '县农业农村局', '市农业农村局']);
    expect(table.columns.map((c) => `${c.header}:${c.role}`)).toEqual(['考核项目:section', '序号:serial', '考核指标:task', '考核内容:measure', '单位:other', '年度目标:other', '责任部门:departments', '评分部门:other']);
  });

  it('joins a label wrapped inside its paragraph', async () => {
    const table = await spaced(['2023年重点工作进展情况', '序号', '重点工作及\n责任分解内容', '牵头\n责任单位', '3季度\n目标任务', '前三季度\n完成状况', '1', '开工建设智慧农业产业园', '古饶镇', '完成温室骨架安装', '序时完成', '2', '办好石榴文化旅游节等特色节庆活动', '烈山镇', '举办旅游节', '序时完成']);
    expect(table.columns.map((c) => `${c.header}:${c.role}`)).toEqual(['序号:serial', '重点工作及责任分解内容:measure', '牵头责任单位:lead', '3季度目标任务:other', '前三季度完成状况:other']);
    expect(outline(table)).toEqual(['M 开工建设智慧农业产业园 [古饶镇] 古饶镇/', 'M 办好石榴文化旅游节等特色节庆活动 [烈山镇] 烈山镇/']);
    expect(table.sections[0]!.tasks[0]!.measures[1]!.extra).toEqual({ '3季度目标任务': '举办旅游节', '前三季度完成状况': '序时完成' });
    expect(table.diagnostics.map((d) => d.ruleId)).toEqual(['guessed-layout']);
  });

  it('joins a label split over two paragraphs, and reads a 责任领导 column of people apart from the departments', async () => {
    const table = await spaced(['序号', '重点工作', '责任', '领导', '责任', '科室', '攻坚目标', '任务', '第二季度', '完成情况', '1', '水库工程政策处理', '欧乾震', '水库工程政策处理工作领导小组', '完成项目政策处理工作。', '坟墓迁移进度达60%。', '2', '现代化美丽城镇', '吴宇凡', '乡村振兴办', '成功创建美丽城镇。', '完成投资3000万元。']);
    expect(table.columns.map((c) => `${c.header}:${c.role}`)).toEqual(['序号:serial', '重点工作:task', '责任领导:leader', '责任科室:departments', '攻坚目标任务:measure', '第二季度完成情况:other']);
    expect(outline(table)).toEqual(['T 水库工程政策处理', 'M 完成项目政策处理工作。 [水库工程政策处理工作领导小组] /', 'T 现代化美丽城镇', 'M 成功创建美丽城镇。 [乡村振兴办] /']);
    expect(table.sections[0]!.tasks[1]!.measures[0]!.extra['责任领导']).toBe('吴宇凡');
  });

  it('joins only fragments that are no label alone', () => {
    const texts = (labels: string[]) => joinedLabels(labels).map((l) => l.text);
    expect(texts(['分管', '领导', '牵头单位', '完成', '状况'])).toEqual(['分管领导', '牵头单位', '完成状况']);
    // Two labels of their own stay two columns; an unknown label before a full one is not its first half.
    expect(texts(['牵头', '责任单位'])).toEqual(['牵头', '责任单位']);
    expect(texts(['序号', '责任领导', '工作任务'])).toEqual(['序号', '责任领导', '工作任务']);
    expect(texts(['工作目标', '牵头单位', '备注'])).toEqual(['工作目标', '牵头单位', '备注']);
    expect(texts(['工作目标', '进展情况'])).toEqual(['工作目标', '进展情况']);
    expect(joinedLabels(['序号', '责任', '单位']).map((l) => l.at)).toEqual([0, 1]);
  });

  const ROWS: [string, string, string, string[]][] = [
    ['1', '重点打造儒商总部大厦特色楼宇。', '对楼宇信息全面掌握，已开始针对楼宇行业特色进行重点推介。', ['区投促局、', '大观园街道办事处']],
    ['2', '重点打造国华时代广场特色楼宇。', '已联合区投促局成立招商小组，制定了下一步招商的政策计划。', ['区投促局、', '舜耕街道办事处']],
    ['3', '重点打造绿地科创大厦特色楼宇。', '落实目标任务与责任分工，预计大厦今年6月底前即可完工。', ['区科技局、', '区投促局、', '十六里河街道办事处']],
    ['4', '推进楼宇经济提质增效。', '完成楼宇入驻率统计，对空置楼宇逐一建立台账。', ['区发改局']],
  ];

  it('takes a first data cell that plans something for data, not a plan label', async () => {
    const table = await parse(['工作任务', '责任单位', '完成时限', '编制年度计划', '市发改委', '6月底前', '落实项目资金', '市财政局', '年底前'].join('\n'));
    expect(table.columns.map((c) => c.header)).toEqual(['工作任务', '责任单位', '完成时限']);
    expect(table.sections[0]?.tasks.flatMap((t) => t.measures.map((m) => m.text))).toEqual(['编制年度计划', '落实项目资金']);
  });

  it('keeps a serial written 1、 a cell of its own', async () => {
    const table = await spaced(['序号', '具体措施', '责任单位', '1、', '推进政务公开。', '区政府办', '2、', '做好政策解读。', '区司法局', '3、', '加强平台建设。', '区数据局']);
    expect(table.sections[0]?.tasks[0]?.measures.map((m) => [m.number, m.text])).toEqual([[1, '推进政务公开。'], [2, '做好政策解读。'], [3, '加强平台建设。']]);
  });

  it('keeps a plan column at the header\'s end as a label (下步计划, fixtures/real/songyang)', async () => {
    const table = await spaced(['序号', '具体措施', '责任单位', '进展情况', '下步计划', ...ROWS.flatMap((r) => [r[0], r[1], r[3].join(''), r[2], '持续推进。'])]);
    expect(table.columns.map((c) => `${c.header}:${c.role}`)).toEqual(['序号:serial', '具体措施:measure', '责任单位:departments', '进展情况:other', '下步计划:other']);
    expect(table.sections[0]?.tasks[0]?.measures[0]?.extra).toEqual({ 进展情况: ROWS[0]?.[2], 下步计划: '持续推进。' });
  });

  it('starts the header at 序号, not at a short line or a bracket before it (fixtures/real/jinan-shizhong)', async () => {
    const table = await spaced(['落实情况表', '(二季度)', '分解', '序号', '主要任务', '进展情况', '责任单位', ...ROWS.flatMap((r) => [r[0], r[1], r[2], r[3].join('')])]);
    expect(table.columns.map((c) => `${c.header}:${c.role}`)).toEqual(['序号:serial', '主要任务:measure', '进展情况:other', '责任单位:departments']);
    expect(table.preamble).toEqual(['落实情况表', '(二季度)', '分解']);
  });

  it('reads a unit ending in 、 and the unit after it as one cell: a list broken over paragraphs', async () => {
    const table = await spaced(['序号', '主要任务', '进展情况', '责任单位', ...ROWS.flat(2)]);
    expect(outline(table)).toEqual(ROWS.map((r) => `M ${r[1]} [${r[3].map((u) => u.replace(/、$/u, '')).join('、')}] /`));
  });

  it('joins a qualifier in brackets on a line of its own to the label before it (fixtures/real/lueyang: 责任股室 / (单位))', async () => {
    const texts = (labels: string[]) => joinedLabels(labels).map((l) => l.text);
    expect(texts(['序号', '责任股室', '(单位)', '完成时限', '（年月）', '备注'])).toEqual(['序号', '责任股室(单位)', '完成时限（年月）', '备注']);
    // Two brackets are not one label's fragments.
    expect(texts(['（一）', '（二）'])).toEqual(['（一）', '（二）']);
    // 牵头 over 市领导 is the leader who leads (fixtures/real/yuyao), not a lead column beside a column of people.
    expect(texts(['目标任务', '牵头', '市领导', '责任单位'])).toEqual(['目标任务', '牵头市领导', '责任单位']);
    expect(texts(['牵头', '责任单位'])).toEqual(['牵头', '责任单位']);
    expect(texts(['序号', '责任领导', '工作任务'])).toEqual(['序号', '责任领导', '工作任务']);
    const table = await parse(['序号', '工作任务', '责任股室', '(单位)', '完成时限', '1', '完成县级应急广播系统建设。', '广电事业股', '12月底前', '2', '新建旅游厕所6座。', '旅游股', '5月底'].join('\n'));
    expect(table.columns.map((c) => `${c.header}:${c.role}`)).toEqual(['序号:serial', '工作任务:measure', '责任股室(单位):departments', '完成时限:deadline']);
    expect(outline(table)).toEqual(['M 完成县级应急广播系统建设。 [广电事业股] /', 'M 新建旅游厕所6座。 [旅游股] /']);
  });

  it('reads a paragraph of a lone space as an empty cell', async () => {
    const table = await parse(['序号', '年度目标', '分管', '领导', '牵头单位', '配合单位', '备注', '1', '地区生产总值增长6%', ' ', '区发改委', '区农水局、区住建局', ' ', '2', '工业增加值增长4%', '王海英', '区经信局', '开发区', '按季度'].join('\n\n'));
    expect(table.columns.map((c) => c.header)).toEqual(['序号', '年度目标', '分管领导', '牵头单位', '配合单位', '备注']);
    expect(outline(table)).toEqual(['M 地区生产总值增长6% [区发改委、区农水局、区住建局] 区发改委/区农水局、区住建局', 'M 工业增加值增长4% [区经信局、开发区] 区经信局/开发区']);
    expect(table.sections[0]!.tasks[0]!.measures.map((m) => m.notes)).toEqual([null, '按季度']);
  });
});

describe('rows rebuilt from serial numbers, section rows between them', () => {
  it('reads section markers standing alone between rows as sections, several in a row', async () => {
    const table = await spaced([
      '重点工作任务分解表', '序号', '重点工作任务', '主要责任单位', '协同配合单位',
      '一、主要预期目标', '3', '固定资产投资增长7.5%左右。', '区发改委', '区工信局、区住建局',
      '二、全力以赴扩投资', '三、全力以赴延链条', '四、全力以赴惠民生',
      '68', '持续推进学前教育普及普惠。', '区教育局', '各乡镇人民政府、街道办事处。',
      '69', '深化与海亮集团合作。', '区教育局', '区投资促进中心。',
    ]);
    expect(outline(table)).toEqual([
      'S 一、主要预期目标',
      'M 固定资产投资增长7.5%左右。 [区发改委、区工信局、区住建局] 区发改委/区工信局、区住建局',
      'S 二、全力以赴扩投资',
      'S 三、全力以赴延链条',
      'S 四、全力以赴惠民生',
      'M 持续推进学前教育普及普惠。 [区教育局、各乡镇人民政府、街道办事处] 区教育局/各乡镇人民政府、街道办事处',
      'M 深化与海亮集团合作。 [区教育局、区投资促进中心] 区教育局/区投资促进中心',
    ]);
    expect(table.sections[0]!.tasks[0]!.measures.map((m) => m.number)).toEqual([3]);
    const guessed = table.diagnostics.find((d) => d.ruleId === 'guessed-layout');
    expect(guessed?.severity).toBe('info');
    expect(table.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('reads section markers standing alone as sections in a table without a serial column', async () => {
    const table = await spaced(['基本任务', '具体措施', '责任部门', '一、推进财政信息公开', '（一）预算公开', '公开部门预算。', '财务科', '（二）决算公开', '公开部门决算。', '财务科', '二、推进网站建设', '三、推进政策解读', '（三）政策解读', '做好政策解读工作。', '办公室']);
    expect(outline(table)).toEqual([
      'S 一、推进财政信息公开',
      'T 预算公开',
      'M 公开部门预算。 [财务科] /',
      'T 决算公开',
      'M 公开部门决算。 [财务科] /',
      'S 二、推进网站建设',
      'S 三、推进政策解读',
      'T 政策解读',
      'M 做好政策解读工作。 [办公室] /',
    ]);
  });

  it('keeps each row between two serial numbers whole, whatever its cells look like', async () => {
    const table = await spaced(['任务项', '重点工作内容', '牵头责任单位', '四季度任务分解', '完成状况', '1', '开展市容秩序专项整治行动。', '区城管大队法制办及街道城管中队', '1.根据整治方案动员部署。', '已完成', '2', '深入推进生活垃圾分类工作。', '区环卫所(垃圾分类管理办)', '开展督查考核1次。', '已完成']);
    expect(outline(table)).toEqual(['M 开展市容秩序专项整治行动。 [区城管大队法制办、街道城管中队] 区城管大队法制办、街道城管中队/', 'M 深入推进生活垃圾分类工作。 [区环卫所（垃圾分类管理办）] 区环卫所（垃圾分类管理办）/']);
    expect(table.sections[0]!.tasks[0]!.measures.map((m) => m.number)).toEqual([1, 2]);
  });

  it('takes the longest rising run of numbers as row starts, not a number in another column', () => {
    const texts = ['1', '公开预算。', '财务科', '2', '公开决算。', '3000', '3', '公开三公经费。', '财务科'];
    const { rows } = rebuildRows({ texts, lines: texts.map((_, i) => i + 1) }, ['serial', 'measure', 'departments'], { paragraphs: true, anchored: true });
    expect(rows.map((row) => row.map((cell) => cell?.paragraphs.join('/')))).toEqual([
      ['1', '公开预算。', '财务科'],
      ['2', '公开决算。', '3000'],
      ['3', '公开三公经费。', '财务科'],
    ]);
  });
});

describe('department names joined or run together', () => {
  it('splits two bodies joined by 及 or 和, or run together at the same level, and nothing else', () => {
    expect(splitDepartments(['区城管大队法制办及街道城管中队'])).toEqual(['区城管大队法制办', '街道城管中队']);
    expect(splitDepartments(['区委办和区政府办'])).toEqual(['区委办', '区政府办']);
    expect(splitDepartments(['区商务局区教育局'])).toEqual(['区商务局', '区教育局']);
    expect(splitDepartments(['住房和城乡建设局', '科技和信息化局', '各县（市、区）及有关部门', '市城区管理局'])).toEqual(['住房和城乡建设局', '科技和信息化局', '各县（市、区）及有关部门', '市城区管理局']);
  });
});

describe('a table in parts, each under a heading that repeats the header and numbers from 1 again (fixtures/real/yinzhou-2024)', () => {
  it('reads the header written again as the header, and rows numbered again from 1 under the next heading', async () => {
    const table = await spaced([
      '一、区长牵头重点工作',
      '序号', '目标任务', '牵头单位', '配合单位',
      '1', '一般公共预算收入增速与经济增长同步', '区财政局', '区税务局',
      '2', '财政科技经费投入增长15%以上', '区财政局', '区科技局',
      '二、常务副区长牵头重点工作',
      '序号', '目标任务', '牵头单位', '配合单位',
      '1', '地区生产总值增长6%左右', '区发改局', '各镇(街道、园区)',
      '2', '城乡居民人均可支配收入增速与经济增长同步', '区发改局', '区人力社保局',
    ]);
    expect(outline(table)).toEqual([
      'M 一般公共预算收入增速与经济增长同步 [区财政局、区税务局] 区财政局/区税务局',
      'M 财政科技经费投入增长15%以上 [区财政局、区科技局] 区财政局/区科技局',
      'S 二、常务副区长牵头重点工作',
      'M 地区生产总值增长6%左右 [区发改局、各镇（街道、园区）] 区发改局/各镇（街道、园区）',
      'M 城乡居民人均可支配收入增速与经济增长同步 [区发改局、区人力社保局] 区发改局/区人力社保局',
    ]);
    expect(table.diagnostics.find((d) => d.params.kind === 'repeated-header')?.message).toBe(
      'The header\'s labels are written again at line 29 (a new part of the table, or a page break): read as the header again, not as a row.',
    );
  });
});
