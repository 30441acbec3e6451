import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitDepartments } from '../../src/normalize/departments.js';
import { mayMarkRoles, readResponsibility, type Responsibility } from '../../src/normalize/responsibility.js';
import { count, sized } from '../helpers/stress.js';

/** A department cell as the lines it was written on. */
const cell = (...lines: string[]) => lines;

/** The expected reading of a cell that tells lead from support: departments are lead then support. */
const roles = (lead: string[], support: string[], notes: string | null = null): Responsibility => ({
  departments: [...lead, ...support],
  lead,
  support,
  notes,
});

/** The expected reading of a cell that marks no lead or support. */
const plain = (departments: string[], notes: string | null = null): Responsibility => ({
  departments,
  lead: [],
  support: [],
  notes,
});

describe('readResponsibility', () => {
  it.each([
    // X牵头，Y配合
    ['牵头 then 配合', cell('市发展改革委牵头，市财政局、市统计局配合'), roles(['市发展改革委'], ['市财政局', '市统计局'])],
    ['协办', cell('市发展改革委牵头，市财政局协办'), roles(['市发展改革委'], ['市财政局'])],
    ['参与', cell('市发展改革委牵头，市财政局、市统计局参与'), roles(['市发展改革委'], ['市财政局', '市统计局'])],
    ['协助', cell('市发展改革委牵头；市财政局协助'), roles(['市发展改革委'], ['市财政局'])],
    ['主办 and 协办', cell('市商务委主办，市贸促会协办'), roles(['市商务委'], ['市贸促会'])],
    ['统筹 leads (fixtures/real/jiangmen-zrzyj)', cell('法规科统筹，各职能科（室）配合。'), roles(['法规科'], ['各职能科（室）'])],
    ['★ marks the lead (fixtures/real/wujiang)', cell('★区发改委、统计局'), roles(['区发改委'], ['统计局'])],
    ['★ on a later name', cell('区财政局、★区发改委'), roles(['区发改委'], ['区财政局'])],
    ['* marks the lead too (fixtures/real/jiaxing)', cell('*市发展改革委、市生态环境局'), roles(['市发展改革委'], ['市生态环境局'])],
    ['a bullet is no lead mark', cell('* 市财政局', '* 市税务局'), plain(['* 市财政局', '* 市税务局'])],
    ['a bracket that names a body stays', cell('民政局（见义勇为协会）'), plain(['民政局（见义勇为协会）'])],
    ['a bracket referring elsewhere is a note (fixtures/real/jieyang)', cell('市政府办公室牵头，市有关单位（见附件1，下同）负责'), roles(['市政府办公室'], ['市有关单位'], '见附件1，下同；负责')],
    ['配合 before 牵头', cell('市财政局配合，市发展改革委牵头'), roles(['市发展改革委'], ['市财政局'])],
    ['负责牵头 and 负责配合', cell('市教委负责牵头，市财政局负责配合'), roles(['市教委'], ['市财政局'])],
    ['按职责分工配合 is a marker', cell('市教委牵头，各区政府按职责分工配合'), roles(['市教委'], ['各区政府'])],
    ['由 before the lead', cell('由市教委牵头，市财政局配合'), roles(['市教委'], ['市财政局'])],
    ['a space before the role word', cell('市发展改革委 牵头，市财政局 配合'), roles(['市发展改革委'], ['市财政局'])],
    ['、 where ， was meant', cell('市发展改革委牵头、市财政局配合'), roles(['市发展改革委'], ['市财政局'])],
    // X牵头，Y、Z按职责分工负责
    [
      '按职责分工负责',
      cell('市政府办公厅牵头，各区政府、市有关部门按职责分工负责'),
      roles(['市政府办公厅'], ['各区政府', '市有关部门'], '按职责分工负责'),
    ],
    ['等按职责分工落实', cell('市政府办公厅牵头，各区政府、市有关部门等按职责分工落实'), roles(['市政府办公厅'], ['各区政府', '市有关部门'], '按职责分工落实')],
    ['按职责分工', cell('市政府办公厅牵头，各区政府按职责分工'), roles(['市政府办公厅'], ['各区政府'], '按职责分工')],
    ['按照职责分工抓好落实', cell('市政府办公厅牵头，各区政府按照职责分工抓好落实'), roles(['市政府办公厅'], ['各区政府'], '按照职责分工抓好落实')],
    // fixtures/real/taishan-zwgk-four-col-pipe-repeated-heads
    // fixtures/real/jiangmen-wglty-zwgk-pipe-rowspan: the name is read again once its role is off
    ['及 joining two bodies before 配合', cell('办公室牵头,其他股室及属下单位配合'), roles(['办公室'], ['其他股室', '属下单位'])],
    ['各 and levels before 配合', cell('市财政局牵头，各乡镇、街道配合'), roles(['市财政局'], ['各乡镇、街道'])],
    ['等部门 in a clause', cell('区发改局牵头,区财政局、区水务局等部门,区国投公司配合'), roles(['区发改局'], ['区财政局', '区水务局', '区国投公司'])],
    // fixtures/real/jingmen-2022-zwgk-prose-bracket-qiantou-zeren: a remark among the names
    ['a remark among the names', cell('牵头单位:市审批局;责任单位:市直各部门,各县市区,以下均需各县市区落实,不再逐一列出'), roles(['市审批局'], ['市直各部门', '各县市区'], '以下均需各县市区落实；不再逐一列出')],
    ['a sentence naming the labels is no list', cell('均明确牵头单位与责任单位'), plain([], '均明确牵头单位与责任单位')],
    ['按职能分工落实', cell('市财政局牵头,市有关单位、各镇(街)按职能分工落实'), roles(['市财政局'], ['市有关单位', '各镇（街）'], '按职能分工落实')],
    ['按照各自职责分工负责', cell('市政府办公厅牵头，各区政府按照各自职责分工负责'), roles(['市政府办公厅'], ['各区政府'], '按照各自职责分工负责')],
    ['依据职能负责', cell('各区政府依据职能负责'), plain(['各区政府'], '依据职能负责')],
    ['具体负责', cell('市教委牵头，各区教育局具体负责'), roles(['市教委'], ['各区教育局'], '具体负责')],
    ['负责落实', cell('市教委牵头，各区政府负责落实'), roles(['市教委'], ['各区政府'], '负责落实')],
    ['several notes', cell('市教委牵头，各区政府负责落实；各高校具体负责'), roles(['市教委'], ['各区政府', '各高校'], '负责落实；具体负责')],
    ['a note once', cell('市教委牵头，各区政府负责，各高校负责'), roles(['市教委'], ['各区政府', '各高校'], '负责')],
    ['X负责，Y配合: X leads', cell('市教委负责，市财政局配合'), roles(['市教委'], ['市财政局'], '负责')],
    // X牵头落实, X会同Y, X、Y分别牵头
    ['牵头落实 is a marker', cell('市教委牵头落实'), roles(['市教委'], [])],
    ['牵头负责 is a marker', cell('市教委牵头负责'), roles(['市教委'], [])],
    ['会同', cell('市卫生健康委会同市医保局'), roles(['市卫生健康委'], ['市医保局'])],
    ['等 and the others, one role for both', cell('市发改委牵头，市公安局等有关部门配合'), roles(['市发改委'], ['市公安局', '有关部门'])],
    ['a town whose name starts with 均', cell('均安镇人民政府牵头，区教育局配合'), roles(['均安镇人民政府'], ['区教育局'])],
    ['科委 is a name that 会 may join', cell('区科委会区财政局'), roles(['区科委'], ['区财政局'])],
    ['委会 abbreviating 委员会 is no 会同', cell('市级各专委会办公室、市安委会办公室'), plain(['市级各专委会办公室', '市安委会办公室'])],
    ['会同 a list', cell('市卫生健康委会同市医保局、市财政局'), roles(['市卫生健康委'], ['市医保局', '市财政局'])],
    ['会同 after 牵头', cell('市卫生健康委牵头，会同市医保局'), roles(['市卫生健康委'], ['市医保局'])],
    ['会同 then 负责', cell('市卫生健康委会同市医保局负责'), roles(['市卫生健康委'], ['市医保局'], '负责')],
    ['由X会同Y', cell('由市卫生健康委会同市医保局、市财政局负责'), roles(['市卫生健康委'], ['市医保局', '市财政局'], '负责')],
    ['分别牵头 is a marker', cell('市公安局、市交通委分别牵头'), roles(['市公安局', '市交通委'], [])],
    ['共同牵头 is a marker', cell('市公安局、市交通委共同牵头，各区政府配合'), roles(['市公安局', '市交通委'], ['各区政府'])],
    ['only support', cell('市财政局、市统计局配合'), roles([], ['市财政局', '市统计局'])],
    ['unmarked names lead when only support is marked', cell('市教委，市财政局配合'), roles(['市教委'], ['市财政局'])],
    // labels
    ['labels', cell('牵头单位：市商务委；配合单位：市市场监管局、市海关'), roles(['市商务委'], ['市市场监管局', '市海关'])],
    ['ASCII colons', cell('牵头单位:市商务委;配合单位:市市场监管局,市海关'), roles(['市商务委'], ['市市场监管局', '市海关'])],
    ['short labels on lines', cell('牵头：办公室', '配合：法规处', '各科室'), roles(['办公室'], ['法规处', '各科室'])],
    ['a label on a line of its own', cell('牵头部门：', '市商务委', '协办单位：', '市海关', '市税务局'), roles(['市商务委'], ['市海关', '市税务局'])],
    ['牵头责任单位 and 协同责任单位', cell('牵头责任单位：市商务委', '协同责任单位：市海关'), roles(['市商务委'], ['市海关'])],
    ['参与单位', cell('牵头单位：市商务委；参与单位：市海关'), roles(['市商务委'], ['市海关'])],
    // fixtures/real/lingbi-2021-wjw-prose-labels-xiezuo
    ['主要协作单位', cell('牵头责任单位:县卫健委', '主要协作单位:各乡镇人民政府、县政府有关部门'), roles(['县卫健委'], ['各乡镇人民政府', '县政府有关部门'])],
    ['主要责任单位 leads', cell('主要责任单位：市商务委；协作单位：市海关'), roles(['市商务委'], ['市海关'])],
    ['责任单位 beside 牵头单位', cell('牵头单位：市商务委', '责任单位：各区政府'), roles(['市商务委'], ['各区政府'])],
    ['责任单位 alone', cell('责任单位：各区政府、市有关部门'), plain(['各区政府', '市有关部门'])],
    ['a colon that is no label stays', cell('办公室：综合科'), plain(['办公室：综合科'])],
    // bracketed roles
    ['（牵头）', cell('市财政局（牵头）、市审计局'), roles(['市财政局'], ['市审计局'])],
    ['(牵头)', cell('市财政局(牵头)、市审计局'), roles(['市财政局'], ['市审计局'])],
    ['（牵头单位） and （配合）', cell('市财政局（牵头单位）', '市审计局（配合）'), roles(['市财政局'], ['市审计局'])],
    ['（牵头） on the second name', cell('市审计局、市财政局（牵头）'), roles(['市财政局'], ['市审计局'])],
    ['a bracket that is no role stays', cell('规划信息处(爱卫办)（牵头）、法制办'), roles(['规划信息处（爱卫办）'], ['法制办'])],
    // brackets are never split and names never keep role words
    ['负责 after brackets', cell('各县（市、区）人民政府负责'), plain(['各县（市、区）人民政府'], '负责')],
    ['牵头 after brackets', cell('各县（市、区）人民政府牵头，市有关部门配合'), roles(['各县（市、区）人民政府'], ['市有关部门'])],
    ['a comma inside brackets', cell('各县（市，区）人民政府牵头，市有关部门配合'), roles(['各县（市，区）人民政府'], ['市有关部门'])],
    ['分别负责', cell('各区政府、市有关部门分别负责'), plain(['各区政府', '市有关部门'], '分别负责')],
    ['组织实施', cell('市教委组织实施'), plain(['市教委'], '组织实施')],
    // punctuation, lines and duplicates
    ['trailing 。', cell('市发展改革委牵头，市财政局、市统计局配合。'), roles(['市发展改革委'], ['市财政局', '市统计局'])],
    ['trailing 。 after a note', cell('各县（市、区）人民政府负责。'), plain(['各县（市、区）人民政府'], '负责')],
    ['ASCII separators', cell('市发展改革委牵头,市财政局;市统计局配合'), roles(['市发展改革委'], ['市财政局', '市统计局'])],
    ['a clause per line', cell('市发展改革委牵头', '市财政局、市统计局配合'), roles(['市发展改革委'], ['市财政局', '市统计局'])],
    ['a role reaches back only within its clause', cell('市发展改革委牵头，市财政局，市统计局配合'), roles(['市发展改革委'], ['市财政局', '市统计局'])],
    ['a lead is no support too', cell('市财政局牵头，市财政局、市税务局配合'), roles(['市财政局'], ['市税务局'])],
    ['whitespace', cell('  市发展改革委牵头 ，\t市财政局配合  '), roles(['市发展改革委'], ['市财政局'])],
    // no role words
    ['no role words', cell('指挥部', '法制办'), plain(['指挥部', '法制办'])],
    ['no role words, one line', cell('指挥部、法制办、各分（县）局'), plain(['指挥部', '法制办', '各分（县）局'])],
    ['等 closing a list is dropped, as before a role phrase', cell('市财政局、市统计局等'), plain(['市财政局', '市统计局'])],
    ['nothing', cell(), plain([])],
    ['a bare phrase', cell('按职责分工负责'), plain([], '按职责分工负责')],
  ])('%s', (_name, input, expected) => {
    expect(readResponsibility(input)).toEqual(expected);
  });

  it.each([
    cell('指挥部', '法制办', '市局相关单位', '各分（县）局'),
    cell('各县(市、区)人民政府、法制办'),
    cell('指挥部 法制办', 'IT Center、法制办。'),
    cell('市局（法制办（政策、研究室）、指挥部）、政治部'),
  ])('gives what splitDepartments gives for a cell with no role words: %j', (...input) => {
    expect(readResponsibility(input)).toEqual(plain(splitDepartments(input)));
  });

  // A million characters in npm run test:stress (see test/helpers/stress.ts).
  const length = sized(1_000_000);
  it.each([
    ['role words', '负责'.repeat(length / 2)],
    ['会同', '会同'.repeat(length / 2)],
    ['labels', '牵头：'.repeat(Math.floor(length / 3))],
    ['bracketed roles', '（牵头）'.repeat(length / 4)],
    ['openers', '（'.repeat(length)],
    ['names and roles', '市局牵头、'.repeat(length / 5)],
  ])(`returns for ${count(length)} characters of %s`, (_name, input) => {
    expect(Array.isArray(readResponsibility([input]).departments)).toBe(true);
  });
});

describe('mayMarkRoles', () => {
  it('tells texts readResponsibility reads as splitDepartments does from those it may read otherwise', () => {
    expect(mayMarkRoles('1002、加强网站安全保护第1002项')).toBe(false);
    expect(mayMarkRoles('财政局、税务局')).toBe(false);
    // A clause of names that starts with a level may be cut where names were glued.
    expect(mayMarkRoles('市财政局、市税务局')).toBe(true);
    expect(mayMarkRoles('市财政局牵头')).toBe(true);
    expect(mayMarkRoles('市财政局（牵 头）')).toBe(true);
    // Zero-width characters and NEL, which normalizing takes out or makes a space (found in review).
    expect(mayMarkRoles('财政局牵\u200b头')).toBe(true);
    expect(mayMarkRoles('教育局配\u2060合')).toBe(true);
    expect(mayMarkRoles('财政局（牵\u0085头）')).toBe(true);
    expect(mayMarkRoles('财政局\ue000税务局')).toBe(true);
    expect(mayMarkRoles('市发改委会市财政局')).toBe(true);
    expect(mayMarkRoles('责任单位：市财政局')).toBe(true);
    // Traditional script is read simplified, where 縣 and 區 are places whose names share a body.
    expect(mayMarkRoles('甲縣、乙區政府')).toBe(true);
  });

  // The claim isDepartmentList relies on to skip readResponsibility.
  it('says no only where readResponsibility gives splitDepartments\' names', () => {
    const pieces = ['市', '区', '县', '縣', '區', '教育', '财政', '局', '办', '委', '部', '中心', '政府', '单位', '街道', '开发区', '、', '，', '；', ',', ';', ' ', '\u3000', '\u200b', '（', '）', '(', ')', '【', '】', '牵头', '配合', '负责', '落实', '会', '会同', '由', '及', '和', '等', '。', '：', '\n', '1', '完善', '工作', '\ue000', '\ue001', '.', '．', '\t', '〔', '〕', '《', '》', 'A', '\u{20000}', '站', '项', '牵', '头', '配', '\u0085', '\u2060', '\ufeff'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 16 }), (parts) => {
        const text = parts.join('');
        fc.pre(!mayMarkRoles(text));
        const paragraphs = text.split('\n');
        expect(readResponsibility(paragraphs).departments).toEqual(splitDepartments(paragraphs));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('readResponsibility and private-use characters', () => {
  it('keeps private-use characters the text holds as they are (GBK user-defined characters decode to them)', () => {
    // U+E000 and U+E001 are also the stand-ins for 、 and a space inside a clause.
    expect(readResponsibility(['市\ue000财政局、市\ue001税务局']).departments).toEqual(['市\ue000财政局', '市\ue001税务局']);
    expect(readResponsibility(['市\ue000财政局牵头，市\ue001税务局配合'])).toMatchObject({ lead: ['市\ue000财政局'], support: ['市\ue001税务局'] });
    // Inside brackets, where 、 and spaces stay in the name.
    expect(readResponsibility(['各县（市\ue001、区）政府']).departments).toEqual(['各县（市\ue001、区）政府']);
  });
});

describe('readResponsibility on web copies (#13)', () => {
  it.each([
    ['X会Y is X会同Y', cell('市发改委会市财政局'), roles(['市发改委'], ['市财政局'])],
    ['X会Y with 等按职责分工负责', cell('市发改委会市财政局等按职责分工负责'), roles(['市发改委'], ['市财政局'], '按职责分工负责')],
    ['牵头单位 and 责任单位 in one cell', cell('牵头单位：市发改委 责任单位：市财政局、市统计局'), roles(['市发改委'], ['市财政局', '市统计局'])],
    ['牵头单位；责任单位', cell('牵头单位：市发改委；责任单位：市财政局'), roles(['市发改委'], ['市财政局'])],
    ['Traditional 牽頭 and 配合, names as written', cell('市財政局牽頭，市統計局配合'), roles(['市財政局'], ['市統計局'])],
    ['Traditional 按職責分工負責', cell('市財政局、市統計局按職責分工負責'), plain(['市財政局', '市統計局'], '按職責分工負責')],
  ])('%s', (_name, lines, expected) => {
    expect(readResponsibility(lines)).toEqual(expected);
  });

  it.each([['市人大常委会办公厅'], ['高新区管委会'], ['市委员会办公室'], ['市财政局会计科'], ['市总工会']])('%s is one name, not X会Y', (name) => {
    expect(readResponsibility([name])).toEqual(plain([name]));
  });
});
