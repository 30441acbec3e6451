import { NAME_GAPS, splitDepartments, toFullWidthBrackets } from './departments.js';
import { simplify } from './script.js';
import { collapseWhitespace } from './whitespace.js';

/** Who a department cell makes responsible, with 牵头 (lead) and 配合 (support) units told apart where it says so. */
export interface Responsibility {
  /** Every department, lead first, then support, without duplicates; in written order when no roles are marked. */
  departments: string[];
  /** 牵头 units, or [] when the cell marks neither lead nor support. */
  lead: string[];
  /** 配合/协办/参与 units, or [] when the cell marks neither lead nor support. */
  support: string[];
  /** Role phrases split off names that mark neither lead nor support ("按职责分工负责"), joined with "；", or null. */
  notes: string | null;
}

/** 'other' is a role phrase that marks responsibility without saying lead or support: 负责, 按职责分工落实. */
type Role = 'lead' | 'support' | 'other';

const ROLE_WORDS: ReadonlyMap<string, Role> = new Map([
  ['牵头', 'lead'],
  ['主办', 'lead'],
  // "法规科统筹，各职能科（室）配合": the unit that coordinates leads.
  ['统筹', 'lead'],
  ...['配合', '协办', '参与', '协助', '协同', '协作', '参加'].map((word) => [word, 'support'] as const),
  ...[
    // 按职能分工落实, 按照各自职责分工负责: the words a phrase is made of as well as its usual wholes.
    ['按照职责', '根据职责', '按职责', '依职责', '职责', '职能', '按照', '依照', '根据', '依据', '按', '依', '分工', '分别', '共同', '具体', '各自', '负责'],
    ['组织实施', '组织落实', '抓好落实', '抓落实', '落实', '实施', '推进', '承办', '办理'],
  ]
    .flat()
    .map((word) => [word, 'other'] as const),
]);
// Longest first, so that 组织落实 is one word rather than 落实 after a name ending in 组织.
const WORDS = [...ROLE_WORDS.keys()].sort((a, b) => b.length - a.length);
const UNITS = ['单位', '部门', '处室', '科室', '主体'];

/**
 * What readSimplified reads beyond splitDepartments' names: a role word, 会 (会同, X会Y), a label's
 * 责任 and its colon. It also reads each clause's names with the rules splitDepartments keeps for a
 * name (等 closing a list, 及 and 和 joining two bodies, names glued after a level 省市区县镇乡), which
 * can cut a clause of several names elsewhere than between them; and it trims sentence ends off a
 * clause before its names.
 */
const ROLE_MARK = new RegExp(`${WORDS.join('|')}|[会等及和省市区县镇乡：:。.．★*＊]|责任|下同|见附|见表|见第|见文件`, 'u');

/** A bracket that refers the reader elsewhere rather than naming part of a body: （见附件1，下同）, （详见附表）. */
const REFERENCE = /（((?:详见|参见|见)(?:附件|附表|表|第|文件)[^（）]*|[^（）]*下同)）/u;

/** A star or asterisk right before a name, which marks the lead unit in some offices' tables (★为牵头单位); not a bullet (`* X`) nor bold (`**X**`). */
const LEAD_STAR = /^[★*＊](?![*＊\s])/u;

/**
 * Whether readResponsibility may read a cell's text otherwise than splitDepartments does. It reads
 * role words, joints (会同) and labels (责任单位：), which splitDepartments leaves in the names, also
 * where white space or a zero-width character splits them ("牵\u200b头"); it reads traditional script
 * after simplifying it, where 縣、區 count as places whose names share a body; and it stands
 * private-use characters in for 、 and spaces, which a text holding nearly all of them shares. When
 * this is false, readResponsibility's departments are splitDepartments' names, and a caller that has
 * those need not read it.
 */
export function mayMarkRoles(text: string): boolean {
  const simple = simplify(text);
  return simple !== text || holdsPrivateUse(text) || ROLE_MARK.test(simple.replace(NAME_GAPS, ''));
}

// Private-use stand-ins hide 、 and spaces from splitDepartments, so that it splits a line into
// clauses at ，；,; only, with its own bracket rules. A line may hold private-use characters of its
// own (GBK's user-defined characters decode to them, 0xAAA1 to U+E000): the stand-ins are two the
// line does not hold (`standIns`).
const LIST_MARK = '\u{e000}';
const SPACE_MARK = '\u{e001}';
const PRIVATE_USE_FIRST = 0xe000;
const PRIVATE_USE_LAST = 0xf8ff;

function isPrivateUse(code: number): boolean {
  return code >= PRIVATE_USE_FIRST && code <= PRIVATE_USE_LAST;
}

function holdsPrivateUse(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) if (isPrivateUse(text.charCodeAt(i))) return true;
  return false;
}

/** Where the run of role words that ends `text` at `end` begins, and the strongest role among them. */
function roleWordsBefore(text: string, end: number): { start: number; role: Role | null } {
  let start = end;
  let role: Role | null = null;
  for (;;) {
    const word = WORDS.find((candidate) => text.endsWith(candidate, start));
    if (word === undefined) return { start, role };
    start -= word.length;
    const found = ROLE_WORDS.get(word) ?? 'other';
    // A lead or support word decides the role; 负责, 落实 and the like around it only qualify it.
    if (role === null || role === 'other') role = found;
    else if (role === 'support' && found === 'lead') role = 'lead';
  }
}

/**
 * Splits "X会同Y" and its short form "X会Y" (市发改委会市财政局) at the joining word. The short form
 * only joins two names of bodies, and never inside a name that ends in 会 (委员会, 常委会, 管委会)
 * or a word that starts with it (会议, 会计, 会商).
 */
function splitJointly(item: string): string[] {
  if (item.includes('会同')) return item.split('会同');
  // Only the first 会 is considered, so that the scan stays linear however many the item holds.
  const at = item.indexOf('会');
  if (at < 0) return [item];
  const lead = item.slice(0, at);
  const support = item.slice(at + 1);
  const name = support.split('等')[0] ?? '';
  const bodies = (text: string) => BODY_ENDINGS.some((ending) => text.endsWith(ending));
  if (name.length < 2 || !bodies(lead) || !bodies(name)) return [item];
  if (NOT_JOINT_BEFORE.some((word) => lead.endsWith(word)) || NOT_JOINT_AFTER.includes(support.charAt(0))) return [item];
  return [lead, support];
}

const BODY_ENDINGS = ['局', '办', '委', '部', '厅', '院', '中心', '府', '室', '处', '所', '单位', '部门'];
// 委会 abbreviating 委员会 (安委会, 专委会, 农委会) is a name, not "X会同Y".
const NOT_JOINT_BEFORE = ['委员', '常委', '管委', '居委', '村委', '党委', '工委', '纪委', '安委', '专委', '妇委'];
const NOT_JOINT_AFTER = '议计商展所员场签谈审客见诊考战聚师长期堂馆';

/** The role of a label ("牵头单位", "配合", "责任单位") or of a bracketed role ("牵头"), or null if the text is neither. */
function labelRole(text: string): Role | null {
  let rest = text.trim();
  const unit = UNITS.find((candidate) => rest.endsWith(candidate));
  if (unit !== undefined) rest = rest.slice(0, -unit.length);
  // 主要协作单位 are the support, 主要责任单位 the lead (as a column headed so is).
  const main = rest.startsWith('主要');
  if (main) rest = rest.slice(2);
  const responsible = rest.endsWith('责任');
  if (responsible) rest = rest.slice(0, -2);
  if (rest === '') return responsible ? (main ? 'lead' : 'other') : null;
  const { start, role } = roleWordsBefore(rest, rest.length);
  return start === 0 ? role : null;
}

/**
 * A document's own rule that the first unit listed leads: 列第一位为牵头或汇总单位, 排在第一位的为
 * 牵头单位, 排名第一的为牵头单位, 第一个单位为牵头单位, 列首位的为牵头单位.
 */
const FIRST_LEADS = /(?:第一|首位)[^，,。；;：:]{0,6}(?:为|是)(?:牵头|主办|主责)/u;

/** Longest text looked at for the rule: a note, not a page of prose. */
const LONGEST_NOTE = 200;

/** True when a text states that the first unit listed leads (see model/first-lead.ts, which applies it). */
export function declaresFirstLead(text: string): boolean {
  return text.length <= LONGEST_NOTE && FIRST_LEADS.test(simplify(text));
}

/**
 * A remark written among the names of a list, not a name: 以下均需…, 不再逐一列出, 上述单位…, 均明确…,
 * and the rule that the first listed leads (列第一位者为牵头单位).
 */
const REMARK = new RegExp(`^(?:以下|以上|上述|下同|不再|另行)|均需|均明确|逐一|不再|明确(?:牵头|责任)|^[^（(]{0,3}${FIRST_LEADS.source}`, 'u');

/** Splits a role phrase off the end of one listed name: "市财政局等按职责分工负责", "市财政局（牵头）". */
function splitPhrase(item: string): { name: string; role: Role | null; phrase: string; bracketed: boolean } {
  // "★区发改委、统计局": a star before a name marks the lead, as "区发改委（牵头）" does.
  if (LEAD_STAR.test(item)) return { name: item.replace(LEAD_STAR, ''), role: 'lead', phrase: '', bracketed: true };
  if (item.endsWith('）')) {
    const open = item.lastIndexOf('（');
    const note = open < 0 ? '' : item.slice(open + 1, -1);
    const role = open < 0 ? null : labelRole(note);
    if (role !== null) {
      return { name: item.slice(0, open).trimEnd(), role, phrase: note, bracketed: true };
    }
    // "市卫生健康委（除标注“分别牵头”外，列第一位为牵头单位，下同）": the document's rule, a note, not the name.
    if (declaresFirstLead(note)) return { name: item.slice(0, open).trimEnd(), role: 'other', phrase: note, bracketed: false };
  }
  const { start, role } = roleWordsBefore(item, item.length);
  if (role === null) return { name: item, role, phrase: '', bracketed: false };
  // "Y、Z等按职责分工落实": 等 closes the list, it belongs to neither the name nor the phrase.
  const name = item.slice(0, start).trimEnd();
  return { name: name.endsWith('等') ? name.slice(0, -1) : name, role, phrase: item.slice(start), bracketed: false };
}

function clauses(line: string): string[] {
  const collapsed = collapseWhitespace(line);
  const [list, space] = standIns(collapsed);
  const masked = collapsed.replaceAll('、', list).replaceAll(' ', space);
  return splitDepartments([masked], false).map((clause) => clause.replaceAll(list, '、').replaceAll(space, ' '));
}

/**
 * Two private-use characters the text does not hold: U+E000 and U+E001 unless it does. A text that
 * holds nearly all 6,400 of them keeps U+E000 and U+E001, its own ones read as 、 and a space.
 */
function standIns(text: string): [string, string] {
  // Made only for a text that holds one: most hold none.
  let held: Set<number> | null = null;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (isPrivateUse(code)) (held ??= new Set()).add(code);
  }
  if (held === null) return [LIST_MARK, SPACE_MARK];
  const free: string[] = [];
  for (let code = PRIVATE_USE_FIRST; code <= PRIVATE_USE_LAST && free.length < 2; code += 1) if (!held.has(code)) free.push(String.fromCharCode(code));
  return free.length === 2 ? [free[0] as string, free[1] as string] : [LIST_MARK, SPACE_MARK];
}

/**
 * Reads one department cell, given as its lines, into its departments, its lead and support units
 * and the role phrases it carries.
 *
 * A role applies to the name it follows and to the names listed before it with 、 in the same clause
 * ("市财政局、市统计局配合"); clauses end at ，；,; and at line ends. Labels ("牵头单位：", "配合：")
 * hold until the next label, across lines. "X会同Y" makes X lead and Y support. Phrases that contain
 * a lead or support word ("牵头落实", "分别牵头", "按职责分工配合") are markers and leave no note. Once
 * the cell marks a lead, every other name supports it; when it marks only support, the other names
 * lead. A cell for which `mayMarkRoles` is false gives exactly the names `splitDepartments` gives.
 */
export function readResponsibility(paragraphs: readonly string[]): Responsibility {
  const simple = paragraphs.map(simplify);
  if (simple.every((line, i) => line === paragraphs[i])) return readSimplified(paragraphs);
  // Traditional script: the phrases are read in Simplified, the names are given back as written.
  const read = readSimplified(simple);
  const written = asWritten(paragraphs, simple);
  return {
    departments: read.departments.map(written),
    lead: read.lead.map(written),
    support: read.support.map(written),
    notes: read.notes === null ? null : read.notes.split('；').map(written).join('；'),
  };
}

/**
 * Maps a name found in the simplified lines back to the same characters as written. `simplify` maps
 * one character to one, so a name's place in the simplified text is its place in the written text,
 * once both are normalized alike.
 */
function asWritten(paragraphs: readonly string[], simple: readonly string[]): (name: string) => string {
  const forms = [
    (lines: readonly string[]) => lines.map((line) => collapseWhitespace(toFullWidthBrackets(line))).join('\n'),
    (lines: readonly string[]) => toFullWidthBrackets(lines.join('')).replace(/\s+/gu, ''),
  ];
  return (name) => {
    for (const form of forms) {
      const at = form(simple).indexOf(name);
      if (at >= 0) return form(paragraphs).slice(at, at + name.length);
    }
    return name;
  };
}

function readSimplified(paragraphs: readonly string[]): Responsibility {
  const named: { name: string; role: Role | null }[] = [];
  const notes = new Set<string>();
  let label: Role | null = null;
  let pending: string[] = [];

  const assign = (role: Role | null) => {
    for (const name of pending) named.push({ name, role });
    pending = [];
  };

  const take = (item: string, fallback: Role | null) => {
    // "市有关单位（见附件1，下同）": a reference, kept as a note, not part of the name.
    const reference = REFERENCE.exec(item);
    if (reference) {
      notes.add(reference[1] as string);
      item = (item.slice(0, reference.index) + item.slice(reference.index + reference[0].length)).trim();
    }
    // "以下均需各县市区落实，不再逐一列出": a remark among the names, kept as a note.
    if (REMARK.test(item)) {
      notes.add(item);
      return;
    }
    const { name, role, phrase, bracketed } = splitPhrase(item);
    // "市审计局、市财政局（牵头）": a bracketed role belongs to its own name, not to the list before it.
    if (bracketed) assign(label);
    if (role === 'other' && phrase !== '') notes.add(phrase);
    if (role === null && fallback === null) {
      if (name !== '') for (const part of splitDepartments([name])) pending.push(part);
      return;
    }
    const marked = role === 'lead' || role === 'support' ? role : (fallback ?? label ?? role);
    // "由市教委牵头": 由 introduces the responsible unit; it is only stripped where a role confirms it.
    const bare = name.length > 1 && name.startsWith('由') ? name.slice(1) : name;
    // The name is read again as a name once its role is off: "其他股室及属下单位配合" is two bodies.
    if (bare !== '') for (const part of splitDepartments([bare])) pending.push(part);
    assign(marked);
  };

  for (const paragraph of paragraphs) {
    for (const clause of clauses(paragraph)) {
      // Names and 等 are read off each item once its role is (see take): "市公安局等有关部门配合" all support.
      for (let item of splitDepartments([clause], false)) {
        const colon = item.search(/[：:]/u);
        const role = colon < 0 ? null : labelRole(item.slice(0, colon));
        if (role !== null) {
          assign(label);
          label = role;
          item = item.slice(colon + 1).trim();
        }
        const [first = '', ...others] = splitJointly(item);
        if (others.length === 0) {
          take(first, null);
        } else {
          take(first, 'lead');
          for (const other of others) take(other, 'support');
        }
      }
      assign(label);
    }
  }

  const note = notes.size === 0 ? null : [...notes].join('；');
  const hasLead = named.some(({ role }) => role === 'lead');
  if (!hasLead && !named.some(({ role }) => role === 'support')) {
    return { departments: [...new Set(named.map(({ name }) => name))], lead: [], support: [], notes: note };
  }
  const side = (role: Role | null) => (role === 'lead' || role === 'support' ? role : hasLead ? 'support' : 'lead');
  const lead = new Set(named.filter(({ role }) => side(role) === 'lead').map(({ name }) => name));
  const support = new Set(
    named.filter(({ name, role }) => side(role) === 'support' && !lead.has(name)).map(({ name }) => name),
  );
  return { departments: [...lead, ...support], lead: [...lead], support: [...support], notes: note };
}
