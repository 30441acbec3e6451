import { simplify, withoutGlosses } from '../normalize/script.js';
import type { ColumnRole } from './schema.js';

/**
 * Header texts and the column role each names: one table, extendable by the config's `columns`.
 * A header matches a synonym when, with white space removed, it equals it; failing that, when it
 * does once a bracketed note is dropped ("责任单位（部门）"); failing that, when it contains it
 * (the longest synonym contained wins, so "主要工作任务" is a task and "牵头责任单位" a lead).
 */
export const HEADER_SYNONYMS: ReadonlyArray<readonly [ColumnRole, readonly string[]]> = [
  ['section', ['项目名称', '实事内容', '重点领域', '类别', '目标', '一级任务', '工作领域', '领域', '项目', '板块', '方面', '任务类别', '重点工作', '考核项目']],
  ['task', ['基本任务', '工作任务', '重点任务', '主要任务', '任务', '二级任务', '工作内容摘要', '任务名称', '工作事项', '事项', '目标任务', '年度重点工作', '民生事项', '民生事项名称', '重点工作任务', '考核指标', '工作要点', '整改任务', '存在问题', '反馈问题', '问题描述', '具体问题', '问题表现', '问题清单']],
  [
    'measure',
    ['具体措施', '具体要求', '细化分工', '工作措施', '主要内容', '工作内容', '任务内容', '具体任务', '主要措施', '工作举措', '推进措施', '落实措施', '具体工作', '目标要求', '工作要求', '具体内容', '民生实事', '实事项目', '重点工作内容', '细化任务', '任务目标', '年度任务目标', '年度目标', '细化措施', '考核内容', '项目内容', '建设内容', '实施内容', '建设规模及内容', '建设规模和内容', '预期目标', '任务项目', '任务项目指标', '整改措施', '整改要求', '整改举措', '整改内容'],
  ],
  ['serial', ['序号', '编号', '序']],
  [
    'departments',
    ['责任部门', '责任单位', '责任处室', '责任科室', '负责科室', '承办单位', '责任主体', '负责单位', '责任股室', '落实单位', '实施单位', '承担单位', '主办单位', '责任部门（单位）', '责任分工', '任务分工', '负责部门', '落实科室', '落实部门', '落实处室', '落实股室'],
  ],
  ['lead', ['牵头单位', '牵头部门', '牵头责任单位', '牵头责任部门', '牵头处室', '牵头科室', '主责单位', '主要责任单位', '牵头']],
  ['support', ['配合单位', '协办单位', '协同责任单位', '参与单位', '配合部门', '协同单位', '协办部门', '配合处室', '配合', '配合责任单位', '协同配合单位', '协作单位', '协作部门', '主要协作单位']],
  ['deadline', ['完成时限', '时限要求', '完成时间', '时间节点', '进度安排', '时限', '完成期限', '时间安排', '办结时限', '时间要求', '进度要求', '完成时间节点', '时间进度', '整改时限', '整改期限', '整改时间', '完成时限要求']],
  ['leader', ['责任领导', '分管领导', '牵头负责领导', '牵头领导', '责任人', '联系领导', '分管负责人']],
  ['notes', ['备注', '说明']],
];

/** A header that starts by naming a quarter, half-year or month. */
const PERIOD = /^(第?[一二三四1-4]季度|前[二三两2-3]季度|[上下]半年|本季度|\d{1,2}月份?|[一二三四五六七八九十]{1,2}月份?)/u;

/** Tells the role of a column from its header text. */
export type RoleOf = (header: string) => ColumnRole;

const ROLE_BY_HEADER = new Map<string, ColumnRole>(
  HEADER_SYNONYMS.flatMap(([role, headers]) => headers.map((header) => [header, role] as const)),
);

/** Two-character synonyms distinctive enough to be looked for inside a longer header. */
const DISTINCTIVE = new Set(['序号', '备注', '时限', '牵头', '配合']);

/** Synonyms looked for inside a longer header, longest first ("目标" or "任务" alone would match too much). */
const CONTAINED = [...ROLE_BY_HEADER.entries()]
  .filter(([header]) => header.length >= 3 || DISTINCTIVE.has(header))
  .sort((a, b) => b[0].length - a[0].length);

/** A year written before a header's words: 2022年, 2022年度. */
const YEAR_PREFIX = /^(?:19|20)\d{2}年度?/;

// Made once: a regular expression literal makes a new object each time it runs.
const WHITE_SPACE = /\s+/g;
/** A title's year or ending: 2024年…, …表, …台账, …清单 (also a title line a text reader finds above a header). */
export const TITLE = /(19|20)\d{2}年|(表|台账|清单)$/;

/** The header with white space and pinyin glosses removed, in Simplified script (負責科室 is 负责科室). */
function keyOf(header: string): string {
  return simplify(withoutGlosses(header.replace(WHITE_SPACE, '')));
}

/** The role a header names, or 'other' when the synonym table does not know it. */
export function roleOfHeader(header: string): ColumnRole {
  const key = keyOf(header);
  if (key === '') return 'other';
  const exact = ROLE_BY_HEADER.get(key) ?? ROLE_BY_HEADER.get(withoutNote(key));
  if (exact) return exact;
  // Long headers ("具体工作措施及要求") name a role by containing a synonym; short unknown ones do not.
  if (key.length > 12) return 'other';
  // A header that only puts a year before a synonym ("2022年度任务目标") names that synonym's role.
  const dated = ROLE_BY_HEADER.get(key.replace(YEAR_PREFIX, ''));
  if (dated && YEAR_PREFIX.test(key)) return dated;
  // A label naming a period ("3季度目标任务", "四季度任务分解", "上半年进展情况") heads that period's
  // plan or progress in a ledger, not the table's tasks.
  if (PERIOD.test(key)) return 'other';
  // A short title ("2024年重点任务分解表", a spreadsheet's title row) is no header, whatever it contains.
  if (TITLE.test(key)) return 'other';
  // 牵头县领导, 包保市领导: a column of people, where the header names no units beside them.
  if (key.includes('领导') && !UNIT_WORDS.test(key)) return 'leader';
  const role = containedRole(key);
  // "牵头落实科室": the units that lead, whatever else the header says of them.
  if (role === 'departments' && key.startsWith('牵头')) return 'lead';
  // "责任主体与协同单位" names the bodies that work with a lead: the support, where the table has a lead column.
  return role === 'departments' && SUPPORT_CONTAINED.some((synonym) => key.includes(synonym)) ? 'support' : role;
}

/** The levels of text, which a header may name twice over ("重点工作目标任务"). */
const LEVEL_ROLES: readonly ColumnRole[] = ['section', 'task', 'measure'];

/**
 * The role of the longest synonym a header contains; between two levels of text named by synonyms as
 * long, the one it ends with, its head noun ("重点工作目标任务" names 目标任务, not 重点工作).
 */
function containedRole(key: string): ColumnRole {
  const found = CONTAINED.find(([synonym]) => key.includes(synonym));
  if (!found) return 'other';
  if (!LEVEL_ROLES.includes(found[1])) return found[1];
  const ending = CONTAINED.find(([synonym, role]) => synonym.length === found[0].length && LEVEL_ROLES.includes(role) && key.endsWith(synonym));
  return (ending ?? found)[1];
}

/** Words of a header that names units (责任领导及责任单位, 领导小组成员单位), not people only. */
const UNIT_WORDS = /单位|部门|处室|科室|股室/;

/** Support synonyms that, inside a header naming the responsible bodies too, make it a support column. */
const SUPPORT_CONTAINED = CONTAINED.filter(([, role]) => role === 'support').map(([synonym]) => synonym);

/**
 * The header without a bracketed note at its end ("责任单位（部门）" → "责任单位"). Written as a scan,
 * not as a regular expression, whose backtracking would take time quadratic in a cell of brackets.
 */
function withoutNote(key: string): string {
  if (!key.endsWith('）') && !key.endsWith(')')) return key;
  let open = -1;
  for (let i = key.length - 2; i >= 0; i -= 1) {
    const char = key[i];
    if (char === '）' || char === ')') break;
    if (char === '（' || char === '(') open = i;
  }
  return open < 0 ? key : key.slice(0, open);
}

/** A RoleOf that knows extra synonyms (from the config's `columns`) before the built-in table. */
export function withSynonyms(extra: Readonly<Record<string, ColumnRole>>): RoleOf {
  const known = new Map(Object.entries(extra).map(([header, role]) => [keyOf(header), role] as const));
  if (known.size === 0) return roleOfHeader;
  return (header) => known.get(keyOf(header)) ?? roleOfHeader(header);
}

/** True when a header is one of the synonyms itself (white space and script aside), not a longer text containing one. */
export function isSynonym(header: string): boolean {
  return ROLE_BY_HEADER.has(keyOf(header));
}
