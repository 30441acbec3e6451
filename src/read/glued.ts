import { guessedLayout, isDepartmentList } from '../grid/align.js';
import { diagnostic } from '../i18n/messages.js';
import { HEADER_SYNONYMS, roleOfHeader } from '../model/roles.js';
import type { ColumnRole, Diagnostic } from '../model/schema.js';
import { simplify } from '../normalize/script.js';
import { rawCell, type RawDocument, type RawRow } from './raw-table.js';

/**
 * Tables whose cells a page flattened with no separator at all (`glued-cells`): a header such as
 * `序号项目名称主要内容区政府分管领导牵头单位配合单位` and rows such as
 * `1增加教育资源供给实施新建…4580个。何海平教育局经开区各街道2促进就业…`. The header is split
 * into known labels; the rows are split by what their parts look like — the next serial number, a
 * title before the verb that opens the measure, a sentence ending before a person's name in a 领导
 * column, department names ending in 局/委/办/街道/公司 … Every row so read is reported as
 * 'guessed-layout'; text that does not split with confidence is reported, never guessed silently.
 */

/** Labels a glued header is made of: every known header, and ledger labels fenjie has no role for. */
const LABELS = [...new Set([...HEADER_SYNONYMS.flatMap(([, headers]) => headers), '实事内容', '进展情况', '完成情况', '工作进展', '推进情况', '是否达序', '一季度', '二季度', '三季度', '四季度'])].sort(
  (a, b) => b.length - a.length,
);

/** Roles a label may carry a short unknown prefix for (区政府分管领导, 区级牵头单位). */
const PREFIXED: readonly ColumnRole[] = ['leader', 'departments', 'lead', 'support'];

/** Lines longer than this are not searched for a glued header (bounded work on huge lines). */
const MAX_HEADER_LINE = 4000;

/** A glued header: where it stands in its line and the labels it splits into. */
export interface GluedHeader {
  line: number;
  start: number;
  end: number;
  labels: string[];
}

/** Labels by their first character, longest first: a lookup, not a scan of every label, at each position. */
const BY_FIRST = new Map<string, string[]>();
/** The same for labels that may carry a prefix. */
const PREFIXED_BY_FIRST = new Map<string, string[]>();
for (const label of LABELS) {
  const first = label[0] as string;
  BY_FIRST.set(first, [...(BY_FIRST.get(first) ?? []), label]);
  if (PREFIXED.includes(roleOfHeader(label))) PREFIXED_BY_FIRST.set(first, [...(PREFIXED_BY_FIRST.get(first) ?? []), label]);
}

/** The label at `at` in `text`, longest first, with a prefix of up to three characters where the label's role allows one. */
function labelAt(text: string, at: number): string | null {
  for (const label of BY_FIRST.get(text[at] ?? '') ?? []) if (text.startsWith(label, at)) return label;
  for (let prefix = 1; prefix <= 3 && at + prefix < text.length; prefix += 1) {
    if (!/\p{Script=Han}/u.test(text[at + prefix - 1] as string)) return null;
    for (const label of PREFIXED_BY_FIRST.get(text[at + prefix] as string) ?? []) if (text.startsWith(label, at + prefix)) return text.slice(at, at + prefix + label.length);
  }
  return null;
}

/**
 * The first glued header in the text: a run of three or more labels written together, naming at
 * least two known roles, one of them the measures or tasks and one the departments; null if none.
 */
export function findGluedHeader(lines: readonly string[]): GluedHeader | null {
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] as string;
    if (line.length > MAX_HEADER_LINE || line.includes('|') || line.includes('\t')) continue;
    const text = simplify(line);
    for (let start = 0; start < text.length; start += 1) {
      const labels: string[] = [];
      let at = start;
      for (let label = labelAt(text, at); label !== null; label = labelAt(text, at)) {
        labels.push(label);
        at += label.length;
      }
      const roles = new Set(labels.map(roleOfHeader));
      const texts = roles.has('measure') || roles.has('task') || roles.has('section');
      const bodies = roles.has('departments') || roles.has('lead');
      if (labels.length >= 3 && texts && bodies) return { line: i, start, end: at, labels };
      if (labels.length > 0) start = at - 1;
    }
  }
  return null;
}

/** Verbs that open a measure after a glued title (增加教育资源供给|实施新建…). */
const OPENING = /^(实施|落实|完成|推进|新建|新增|开展|提升|建设|建成|加快|加强|启动|改造|打造|实现|组织|深化|持续|全面|积极|为全|对全|对\d|确保|力争|计划|投入|引进|培训|举办|创建|推动|规范|优化|扩大|改善|健全|完善|修缮|整治|提供)/;

/** Endings of department names; a name is three characters or more (教育局, 经开区, 各街道, 市国有公司). */
const BODY_END = /(局|委|办|区|园|街道|公司|镇|乡|中心|院|所|队|会|部|处|室|站|馆|集团|政府|大队|支队|管委会|银行)$/;

/** The department name at the start of `text` (shortest that ends like a body, brackets closed), or null. */
function bodyAt(text: string): string | null {
  let depth = 0;
  for (let end = 1; end <= Math.min(text.length, 16); end += 1) {
    const char = text[end - 1] as string;
    if ('(（'.includes(char)) depth += 1;
    if (')）'.includes(char)) depth -= 1;
    if (/[。；;，,：:、\s\d]/.test(char) && depth === 0) return null;
    if (depth > 0) continue;
    const name = text.slice(0, end);
    // A name goes on over a bracketed part right after it: 高新园(邹区镇).
    if (end >= 3 && (BODY_END.test(name) || /[)）]$/.test(name)) && !['(', '（'].includes(text[end] ?? '')) return OPENING.test(name) ? null : name;
  }
  return null;
}

/** The department names glued at the start of `text`, as many as read as names. */
function bodiesAt(text: string): string[] {
  const names: string[] = [];
  let at = 0;
  for (let name = bodyAt(text); name !== null; name = bodyAt(text.slice(at))) {
    names.push(name);
    at += name.length;
  }
  return names;
}

/** One data row split into cells by column, or null where it does not split with confidence. */
interface Split {
  cells: (string | null)[];
  /** Characters of the text the row took. */
  length: number;
}

const TEXT_ROLES: readonly ColumnRole[] = ['section', 'task', 'measure'];
const BODY_ROLES: readonly ColumnRole[] = ['departments', 'lead', 'support'];

/**
 * Splits one glued row from `text` by the header's roles: a serial, titles, the measure ending a
 * sentence (or its line), a person (leader), one lead department then support departments (or a
 * line of departments), an unknown column up to its line's end. A row that does not start with the
 * next serial continues the row above from its measure (its serial and title cells merged).
 */
function splitRow(text: string, roles: readonly ColumnRole[], serial: number): Split | null {
  const cells: (string | null)[] = roles.map(() => null);
  const lastText = roles.reduce((last, role, c) => (TEXT_ROLES.includes(role) ? c : last), -1);
  let at = 0;
  const skipSpace = () => {
    while (at < text.length && /\s/.test(text[at] as string)) at += 1;
  };
  let c = 0;
  if (roles[0] === 'serial') {
    const number = String(serial);
    if (text.startsWith(number) && !/^\d/.test(text.slice(number.length))) {
      cells[0] = number;
      at = number.length;
      c = 1;
    } else {
      c = lastText;
    }
  }
  for (; c < roles.length; c += 1) {
    skipSpace();
    const role = roles[c] as ColumnRole;
    const rest = text.slice(at);
    let cell: string | null = null;
    if (TEXT_ROLES.includes(role) && c < lastText) {
      cell = titleAt(rest);
    } else if (c === lastText) {
      const measure = measureAt(rest, roles.slice(c + 1));
      if (measure) {
        cells[c] = measure.text;
        at += measure.text.length;
        skipSpace();
        if (roles[c + 1] === 'leader') {
          c += 1;
          cells[c] = measure.person;
          at += measure.person.length;
        }
        continue;
      }
    } else if (BODY_ROLES.includes(role)) {
      const line = rest.split('\n', 1)[0] as string;
      // A line of its own that lists departments is the cell; glued names are read one by one.
      const own = line !== rest && isDepartmentList([line]);
      const names = own ? [line] : bodiesAt(rest);
      if (names.length === 0) return null;
      at += names.join('').length;
      if (!own && role === 'lead' && roles[c + 1] === 'support') {
        cells[c] = names[0] as string;
        cells[c + 1] = names.slice(1).join('、') || null;
        c += 1;
      } else {
        cells[c] = own ? line : names.join('、');
      }
      continue;
    } else if (c === roles.length - 1 || text.includes('\n')) {
      // An unknown column runs to its line's end; glued into one line, only the last column can.
      cell = rest.split('\n', 1)[0] as string;
    }
    if (cell === null) return null;
    cells[c] = cell;
    at += cell.length;
  }
  return cells[lastText] === null ? null : { cells, length: at };
}

/** A title of 2–12 characters before the verb that opens the measure, or null where none is found. */
function titleAt(text: string): string | null {
  for (let end = 2; end <= Math.min(12, text.length - 2); end += 1) {
    if (/[。；;，,]/.test(text[end - 1] as string)) return null;
    if (OPENING.test(text.slice(end))) return text.slice(0, end);
  }
  return null;
}

/**
 * The measure at the start of `text`: up to the end of a sentence (。；) after which what the next
 * columns hold follows — a person's name then a department, or a department — and that person.
 */
function measureAt(text: string, after: readonly ColumnRole[]): { text: string; person: string } | null {
  const leader = after[0] === 'leader';
  for (let end = nextStop(text, 0); end >= 0; end = nextStop(text, end + 1)) {
    // A sentence ends with its stop; a line, before its break.
    const cut = text[end] === '\n' ? end : end + 1;
    const rest = text.slice(cut).trimStart();
    if (!leader) {
      if (bodyAt(rest) !== null || (text[end] === '\n' && isDepartmentList([rest.split('\n', 1)[0] as string]))) return { text: text.slice(0, cut), person: '' };
      continue;
    }
    // A name of three characters, or two where three would leave a weaker department (张菁|民政局, not 张菁民|政局高新园).
    const people = [3, 2].flatMap((length) => {
      const person = rest.slice(0, length);
      const body = person.length === length && /^\p{Script=Han}+$/u.test(person) && !OPENING.test(person) ? bodyAt(rest.slice(length)) : null;
      // A department with 局, 委 or 办 inside it is two names glued, so the split before it is wrong.
      return body === null ? [] : [{ person, strong: STRONG_END.test(body) && !/[局委办]/.test(body.slice(0, -1)) }];
    });
    const person = people.find((p) => p.strong) ?? people[0];
    if (person) return { text: text.slice(0, cut), person: person.person };
  }
  return null;
}

/** Endings of the commonest department names, a surer sign than 区, 园, 镇 … */
const STRONG_END = /(局|委|办|公司|街道|政府|中心)$/;

/** The next sentence end (。；) or line break at or after `from`, or -1. */
function nextStop(text: string, from: number): number {
  const found = text.slice(from).search(/[。；;\n]/);
  return found < 0 ? -1 : from + found;
}

/** Lines a site numbered as chunks of one page (`1、…`, `2、…` cutting through cells), joined back without those numbers. */
function joinChunks(lines: readonly string[], first: number): string {
  let text = '';
  let chunk = 1;
  for (let i = first; i < lines.length; i += 1) {
    let line = (lines[i] as string).trim();
    if (line.startsWith(`${chunk}、`)) {
      line = line.slice(`${chunk}、`.length);
      chunk += 1;
    } else if (i > first) {
      break;
    }
    text += line;
  }
  return text;
}

/**
 * Reads a table whose cells are glued with no separator, from its glued header on; null when the
 * text has no glued header. A header repeated at a page break, and a second header row of labels
 * (一季度二季度…), are skipped. Text that does not split into rows with confidence is reported as
 * 'text-outside-cells' (kind glued) and kept after the table.
 */
export function readGluedCells(lines: readonly string[]): RawDocument | null {
  const header = findGluedHeader(lines);
  if (!header) return null;
  const roles = header.labels.map(roleOfHeader);
  const glued = header.labels.join('');
  const first = lines[header.line] as string;
  // Sites that number the chunks of a page (`1、…`, `2、…` cutting through cells) have them joined back.
  const chunked = /^1、/.test(first.trim());
  const all = chunked ? joinChunks(lines, header.line) : lines.slice(header.line).join('\n');
  const headerAt = all.indexOf(first.slice(header.start, header.end));
  const title = all.slice(0, Math.max(0, headerAt)).replace(/^1、/, '').trim();
  const line = header.line + 1;
  const rows: RawRow[] = [{ cells: header.labels.map((label) => rawCell([label], line)), line }];
  const diagnostics: Diagnostic[] = [];
  const unread: string[] = [];
  let serial = 1;
  for (let segment of all.slice(headerAt + glued.length).split(glued)) {
    segment = skipLabels(segment.trim());
    while (segment.length > 0) {
      const split = splitRow(segment, roles, serial);
      if (split === null) break;
      if (roles[0] === 'serial' && split.cells[0] !== null) serial += 1;
      rows.push({ cells: split.cells.map((cell) => rawCell(cell === null ? [] : [cell], line)), line });
      segment = segment.slice(split.length).trim();
    }
    // Leftovers without a letter or a digit are page icons ("?"), not text.
    if (/[\p{L}\p{N}]/u.test(segment)) {
      unread.push(segment);
      const quoted = segment.length > 60 ? `${segment.slice(0, 60)}…` : segment;
      diagnostics.push(diagnostic('text-outside-cells', 'warning', { kind: 'glued', text: quoted.replace(/\s+/g, ' ') }, { table: 1, row: rows.length, column: 1, line }));
    }
  }
  if (rows.length > 1) diagnostics.unshift(guessedLayout(1, { from: 2, to: rows.length }, { kind: 'rebuilt', dialect: 'glued-cells' }, line));
  return {
    dialect: 'glued-cells',
    tables: [{ rows, before: [...lines.slice(0, header.line), ...(title ? [title] : [])], after: unread, blanksAreMerges: true, headerRows: 1, diagnostics }],
  };
}

/** The text after a second header row of glued labels (一季度二季度三季度四季度), or the text itself. */
function skipLabels(text: string): string {
  let at = 0;
  let count = 0;
  for (let label = labelAt(text, at); label !== null; label = labelAt(text, at)) {
    at += label.length;
    count += 1;
  }
  return count >= 2 ? text.slice(at).trim() : text;
}
