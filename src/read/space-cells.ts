import { FenjieError } from '../errors.js';
import { CellBudget } from '../limits.js';
import { isDepartmentList, kindOf, type Kind } from '../grid/align.js';
import { isHeaderLabel } from '../grid/header.js';
import { diagnostic } from '../i18n/messages.js';
import type { ColumnRole, Diagnostic } from '../model/schema.js';
import { isSynonym, roleOfHeader } from '../model/roles.js';
import { splitDepartments } from '../normalize/departments.js';
import { markerKind, splitMarker } from '../normalize/markers.js';
import { isWhiteSpace } from '../normalize/whitespace.js';
import { rawCell, type RawCell, type RawDocument, type RawRow } from './raw-table.js';
import { isChrome, knownRoles } from './text-block.js';

/** A word of a line: text between runs of white space, where it stands, and the white space before it. */
interface Word {
  text: string;
  /** 0-based line index. */
  line: number;
  from: number;
  to: number;
  /** Width of the white space before the word on its line, or 'line' for the first word of a line. */
  gap: number | 'line';
  /** For the first word of a line, the white space before it. */
  lead?: number;
}

/** The words of a line. */
function wordsOf(text: string, line: number): Word[] {
  const words: Word[] = [];
  const pattern = /\S+/gu;
  let last = -1;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    words.push({ text: match[0], line, from: match.index, to: match.index + match[0].length, gap: last < 0 ? 'line' : match.index - last });
    if (last < 0) (words[0] as Word).lead = match.index;
    last = match.index + match[0].length;
  }
  return words;
}

/** How many words a line holds, without splitting it. */
function countWords(line: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < line.length; i += 1) {
    const space = isWhiteSpace(line.charCodeAt(i));
    if (!space && !inWord) count += 1;
    inWord = !space;
  }
  return count;
}

/** A header written as labels separated by white space, and whether its gaps say where cells end. */
export interface SpaceHeader {
  labels: string[];
  /** The width of the white space between two labels, when every gap of the header has it (else null). */
  gap: number | null;
}

/** Longest line looked at as a header: twenty labels of sixteen characters with their gaps. */
const MAX_HEADER_LINE = 400;

/** Fewest labels a header of space-separated labels must have, so that a line of two words is not taken for one. */
const MIN_LABELS = 3;

/**
 * The labels of a header line written with white space between them (`序号 主要任务 牵头单位 …`), or
 * null. Labels a narrow column wrapped (`牵头  领导`, `主体          责任单位`) are joined: where the gaps
 * differ in width, either the narrow or the wide ones separate the labels, whichever reading names
 * more distinct roles without naming one twice; and two words that only together name a role
 * ("主体" "责任单位", "完成" "时限") are one label. Every label must be short and free of sentence
 * punctuation, and the line must name at least two known column roles.
 */
export function spaceHeader(line: string): SpaceHeader | null {
  // A header is a few short labels; a long line is content, and is not split for nothing.
  // Words are counted before anything is split or simplified: most lines of a text are one word.
  if (line.length > MAX_HEADER_LINE || line.includes('|') || line.includes('\t') || countWords(line) < MIN_LABELS - 1 || isChrome(line)) return null;
  const words = wordsOf(line, 0);
  const gaps = words.slice(1).map((word) => word.gap as number);
  const narrow = gaps.reduce((a, b) => Math.min(a, b), Infinity);
  const uniform = gaps.every((gap) => gap === narrow);
  // Each reading: which gaps separate labels.
  const readings: ((gap: number) => boolean)[] = [() => true];
  if (!uniform) readings.push((gap) => gap === narrow, (gap) => gap > narrow);
  let best: { labels: string[]; score: number; all: boolean } | null = null;
  readings.forEach((separates, r) => {
    const labels = joinLabels(groupWords(line, words, separates));
    if (labels.length < MIN_LABELS || !labels.every((label) => isHeaderLabel(label))) return;
    const roles = labels.map(roleOfHeader).filter((role) => role !== 'other');
    const distinct = new Set(roles).size;
    // A role named twice means a label was cut in two ("牵头" "责任单位" beside "配合" "责任单位"); on a
    // tie, the reading in which the gaps differ wins over the one that takes every gap for a separator.
    const score = distinct - 2 * (roles.length - distinct);
    if (distinct >= 2 && (!best || score > best.score || (score === best.score && best.all))) best = { labels, score, all: r === 0 };
  });
  if (!best) return null;
  const chosen = best as { labels: string[]; all: boolean };
  return { labels: chosen.labels, gap: uniform && chosen.all ? narrow : null };
}

/** Words grouped into labels at the gaps that separate, each label the text of the line it spans. */
function groupWords(line: string, words: readonly Word[], separates: (gap: number) => boolean): string[] {
  const labels: string[] = [];
  let from = 0;
  words.forEach((word, i) => {
    const next = words[i + 1];
    if (!next || separates(next.gap as number)) {
      labels.push(line.slice((words[from] as Word).from, word.to));
      from = i + 1;
    }
  });
  return labels;
}

/**
 * Joins a short word of no role of its own (two characters at most: 主体, 领导, 完成) to the label
 * beside it that it completes: the one with which it makes a known header ("牵头" "领导" → 牵头领导),
 * else the next one if together they name a role ("主体" "责任单位" → 主体责任单位), else the one before.
 */
function joinLabels(labels: readonly string[]): string[] {
  const out = [...labels];
  for (let i = 0; i < out.length; i += 1) {
    const word = out[i] as string;
    if (word.replace(/\s/gu, '').length > 2 || roleOfHeader(word) !== 'other') continue;
    const next = out[i + 1];
    const previous = out[i - 1];
    const withNext = next === undefined ? null : `${word} ${next}`;
    const withPrevious = previous === undefined ? null : `${previous} ${word}`;
    const known = (label: string | null) => label !== null && roleOfHeader(label) !== 'other';
    if (withPrevious !== null && isSynonym(withPrevious) && !(withNext !== null && isSynonym(withNext))) {
      out.splice(i - 1, 2, withPrevious);
      i -= 1;
    } else if (known(withNext)) {
      out.splice(i, 2, withNext as string);
    } else if (known(withPrevious)) {
      out.splice(i - 1, 2, withPrevious as string);
      i -= 1;
    }
  }
  return out;
}

/**
 * A serial number standing as a word of its own: "12", "3." or "3、" (long tables run past 9999),
 * perhaps starred as a table marks its key items ("★6").
 */
const SERIAL = /^[★☆]?(\d{1,6})[.、．]?$/u;

/** A line that opens a heading row: a section marker (一、, （一）, 第一部分) at its start. */
function isHeadingLine(text: string): boolean {
  const marker = splitMarker(text);
  const kind = marker ? markerKind(marker.marker) : null;
  return kind === 'cjk' || kind === 'paren-cjk' || kind === 'ordinal';
}

/**
 * True when the line at `start` is the header of a space-cells table: labels separated by white
 * space (see `spaceHeader`), with the next non-empty line opening a row (a serial number or a
 * numbering marker first), so that a sentence of known words in prose is not taken for a header.
 */
export function isSpaceHeader(lines: readonly string[], start: number): boolean {
  if (spaceHeader(lines[start] as string) === null) return false;
  for (let i = start + 1; i < lines.length; i += 1) {
    const text = (lines[i] as string).trim();
    if (text === '') continue;
    const first = /^\S+/u.exec(text)?.[0] ?? '';
    return SERIAL.test(first) || splitMarker(text.slice(0, 40)) !== null;
  }
  return false;
}

/** One row as written: its words over one or more lines, or a heading line that spans the table. */
interface WrittenRow {
  words: Word[];
  heading: boolean;
}

/**
 * Reads the `space-cells` layout: one row a line with white space between cells, as browsers and
 * page-to-text tools flatten a table, a cell's text perhaps wrapped onto following lines (`区财政局`
 * over `区税务局`) or broken by spaces of its own (`加强水资源保 护`, `汪  峰`). The header is a line of
 * known labels separated by white space (see `spaceHeader`). A row starts at a line whose first word
 * is a serial number (when the first column is a 序号 column; else at a line that starts with a
 * numbering marker, or holds two words or more), a line starting with a section marker is a heading
 * row, and any other line continues the row above. Each row's words are then given to the columns by
 * what they hold (see `splitRow`), with the width of the gaps as a hint where the header's gaps show
 * that one space separates two cells; the rows split so are reported as 'guessed-layout', and those
 * that could not be split with confidence as a warning. A line of page chrome, or an empty line
 * followed by text that opens no row, ends the table.
 */
export function readSpaceCells(lines: readonly string[], name = 'input', budget = new CellBudget(undefined, name), headerLine?: number): RawDocument {
  const start = headerLine ?? lines.findIndex((_, i) => isSpaceHeader(lines, i));
  const header = start >= 0 ? spaceHeader(lines[start] as string) : null;
  if (!header) throw new FenjieError('no-table', `${name}: no table found (no line of header labels separated by spaces)`);
  const roles = fitRoles(header.labels.map(roleOfHeader));
  const serialFirst = roles[0] === 'serial';
  const written: WrittenRow[] = [];
  let lastSerial = 0;
  let gap = false;
  let end = lines.length;
  for (let i = start + 1; i < lines.length; i += 1) {
    const text = (lines[i] as string).trim();
    if (text === '') {
      gap = written.length > 0;
      continue;
    }
    if (isChrome(text)) {
      end = i;
      break;
    }
    // Counted before splitting, so that a line of 40 million words is refused before it becomes 40 million words.
    budget.take(countWords(lines[i] as string));
    const words = wordsOf(lines[i] as string, i);
    const first = (words[0] as Word).text;
    const digits = SERIAL.exec(first)?.[1];
    const serial = digits === undefined ? null : Number(digits);
    // Without a serial column, a row opens with a marker, with two cells or more, or (where one space
    // separates two cells) with the spaces of its leading blank cells.
    const indented = header.gap !== null && ((words[0] as Word).lead ?? 0) > 0;
    const opens = serialFirst ? serial !== null && serial > lastSerial : splitMarker(text) !== null || words.length >= 2 || indented;
    const heading = !opens && isHeadingLine(text);
    const current = written.at(-1);
    if (!opens && !heading && (gap || !current || current.heading)) {
      // Text after an empty line that opens no row is after the table; before the first row, a line of its own.
      if (gap) {
        end = i;
        break;
      }
      written.push({ words, heading: true });
      continue;
    }
    gap = false;
    if (opens) {
      if (serial !== null) lastSerial = serial;
      written.push({ words, heading: false });
    } else if (heading) {
      written.push({ words, heading: true });
    } else {
      for (const word of words) (current as WrittenRow).words.push(word);
    }
  }
  while (end > start + 1 && (lines[end - 1] as string).trim() === '') end -= 1;
  const headerRow: RawRow = { cells: header.labels.map((label) => rawCell([label], start + 1)), line: start + 1 };
  const { rows, diagnostics } = splitRows(written, lines, roles, header.gap);
  return { dialect: 'space-cells', tables: [{ rows: [headerRow, ...rows], before: lines.slice(0, start), after: lines.slice(end), blanksAreMerges: true, headerRows: 1, diagnostics }] };
}

/** The roles as the model will close them up: a table without a measure column reads its finest text column as the measures. */
function fitRoles(roles: readonly ColumnRole[]): ColumnRole[] {
  const out = [...roles];
  const move = (from: ColumnRole, to: ColumnRole) => {
    const at = out.indexOf(from);
    if (at >= 0 && !out.includes(to)) out[at] = to;
  };
  move('task', 'measure');
  move('section', 'task');
  move('task', 'measure');
  return out;
}

/** What each column of a table holds, learned from the rows that split one word a cell. */
interface Profile {
  /** Words seen in the column. */
  words: Set<string>;
  /** Cells seen, and how many of them list several names with separators. */
  cells: number;
  lists: number;
}

/** Splits every row, then once more with what the rows that split plainly hold in each column; reports the rows placed by content. */
function splitRows(written: readonly WrittenRow[], lines: readonly string[], roles: readonly ColumnRole[], gap: number | null): { rows: RawRow[]; diagnostics: Diagnostic[] } {
  const empty: Profile[] = roles.map(() => ({ words: new Set(), cells: 0, lists: 0 }));
  const seen = new Map<string, Told>();
  const first = written.map((row) => (row.heading ? null : splitRow(row.words, roles, gap, empty, seen)));
  const profiles: Profile[] = roles.map(() => ({ words: new Set(), cells: 0, lists: 0 }));
  first.forEach((split, r) => {
    if (!split?.plain) return;
    split.columns.forEach((c, i) => {
      const profile = profiles[c] as Profile;
      const text = (written[r] as WrittenRow).words[i]?.text ?? '';
      profile.words.add(text);
      profile.cells += 1;
      if (LIST.test(text)) profile.lists += 1;
    });
  });
  const placed: number[] = [];
  const unsure: number[] = [];
  const rows = written.map((row, r): RawRow => {
    const line = (row.words[0] as Word).line + 1;
    if (row.heading) return { cells: [rawCell([row.words.map((word) => word.text).join(' ')], line), ...roles.slice(1).map(() => rawCell([], line))], line };
    const split = splitRow(row.words, roles, gap, profiles, seen);
    if (!split.plain) placed.push(r + 2);
    if (split.unsure) unsure.push(r + 2);
    return { cells: cellsOf(row.words, split.columns, roles.length, lines), line };
  });
  const diagnostics: Diagnostic[] = [];
  const lineOf = (row: number) => rows[row - 2]?.line ?? null;
  if (placed.length > 0) diagnostics.push(report('guessed-layout', 'split', placed, lineOf(placed[0] as number)));
  if (unsure.length > 0) diagnostics.push(report('ragged-row', 'unsplit', unsure, lineOf(unsure[0] as number)));
  return { rows, diagnostics };
}

/**
 * One diagnostic naming rows (at most twelve, then how many more): 'guessed-layout' (info) for the rows
 * split by content, 'ragged-row' (warning) for those that could not be split with confidence.
 */
function report(id: 'guessed-layout' | 'ragged-row', kind: 'split' | 'unsplit', rows: readonly number[], line: number | null): Diagnostic {
  const more = Math.max(0, rows.length - 12);
  return diagnostic(id, id === 'ragged-row' ? 'warning' : 'info', { kind, dialect: 'space-cells', rows: rows.slice(0, 12).join(', '), ...(more > 0 ? { more } : {}) }, { table: 1, row: rows[0] as number, column: 1, line });
}

/** The cells of a row from its words and the column of each: words of one cell on one line keep the text between them, each further line is a paragraph. */
function cellsOf(words: readonly Word[], columns: readonly number[], width: number, lines: readonly string[]): RawCell[] {
  return Array.from({ length: width }, (_, c) => {
    const mine = words.filter((_, i) => columns[i] === c);
    if (mine.length === 0) return rawCell([], words[0] ? words[0].line + 1 : null);
    const paragraphs: string[] = [];
    let from = mine[0] as Word;
    mine.forEach((word, i) => {
      const next = mine[i + 1];
      if (!next || next.line !== word.line) {
        paragraphs.push((lines[word.line] as string).slice(from.from, word.to));
        if (next) from = next;
      }
    });
    return rawCell(paragraphs, (mine[0] as Word).line + 1);
  });
}

/** Roles of columns that name bodies or people, where a list separator says one cell lists several. */
const NAMES: ReadonlySet<ColumnRole> = new Set(['departments', 'lead', 'support', 'leader']);

/** Roles of columns that name bodies (not people). */
const BODIES: ReadonlySet<ColumnRole> = new Set(['departments', 'lead', 'support']);

/** A cell that lists several names with separators. */
const LIST = /[、，,；;]/u;

/** Roles whose cell may hold several words. */
const JOINABLE: ReadonlySet<ColumnRole> = new Set(['section', 'task', 'measure', 'departments', 'lead', 'support', 'leader', 'deadline', 'notes', 'other']);

/** What leaving a column blank costs (a merged cell, or one the page left empty); a measure is never left out lightly. */
const BLANK_COST: Partial<Record<ColumnRole, number>> = { measure: 3 };
const DEFAULT_BLANK_COST = 0.3;
/** Blank columns at a row's end cost less: an empty notes or progress cell is common. */
const TRAILING_BLANK_COST = 0.1;
/**
 * What joining a word to the cell of the word before costs. Less across a line break: a line that
 * opens no row goes on with the cell the line before broke off in (`各乡镇` over `县开发区`).
 * `unnamed`: the cell is one of names and the word names no body.
 */
function joinCost(word: Word, kind: Kind, unnamed: boolean): number {
  // A numbering marker opens a cell: "1、推进…" after "一、…" is the task, not more of the section.
  if (kind.startsWith('marker-') && word.gap !== 'line') return 1;
  // A word that names no body goes on a cell of names only across a line break: "縣工信局 規模工業
  // 增加值增長 11.9%" is a name and then progress, not two names.
  if (unnamed && word.gap !== 'line') return 0.5;
  return word.gap === 'line' ? 0.1 : 0.2;
}

/** How a row's words were given to the columns. */
interface Split {
  /** The column of each word. */
  columns: number[];
  /** One word a column, in order, blanks at the end only: no placing was needed. */
  plain: boolean;
  /** Some word fits its column poorly: the split is a guess. */
  unsure: boolean;
}

/**
 * Gives each word of a row a column, in order (dynamic programming over words × columns): a word
 * opens the next cell (leaving blank the columns between) or joins the cell of the word before. The
 * reading chosen fits each word's kind to its column's role best (see `wordFit`), leaves out few
 * cells (never the measure, if it can help it), and, where the header's gaps are single spaces,
 * agrees with the gaps: two spaces after a cell are one blank cell, three are two.
 */
function splitRow(words: readonly Word[], roles: readonly ColumnRole[], gap: number | null, profiles: readonly Profile[], seen: Map<string, Told>): Split {
  const n = words.length;
  const width = roles.length;
  // Costs of leaving columns a..b-1 blank, by prefix sums.
  const prefix = [0];
  roles.forEach((role, c) => prefix.push((prefix[c] as number) + (BLANK_COST[role] ?? DEFAULT_BLANK_COST)));
  const blanks = (from: number, to: number) => (to > from ? (prefix[to] as number) - (prefix[from] as number) : 0);
  const told = words.map((word) => tell(word.text, seen));
  const kinds = told.map((t) => t.kind);
  const fits = words.map((word, i) => roles.map((role, c) => wordFit(word.text, told[i] as Told, role, profiles[c] as Profile)));
  const best = Array.from({ length: n }, () => new Array<number>(width).fill(-Infinity));
  const from = Array.from({ length: n }, () => new Array<number>(width).fill(-1));
  for (let i = 0; i < n; i += 1) {
    const word = words[i] as Word;
    const opening = isFragment(word.text) ? -0.6 : 0;
    for (let c = 0; c < width; c += 1) {
      const fit = (fits[i] as number[])[c] as number;
      if (i === 0) {
        (best[0] as number[])[c] = fit - blanks(0, c) + opening * (c > 0 ? 1 : 0) + leadHint(word.lead ?? 0, c, gap);
        continue;
      }
      let value = -Infinity;
      let previous = -1;
      for (let p = 0; p <= c; p += 1) {
        const before = (best[i - 1] as number[])[p] as number;
        if (before === -Infinity) continue;
        const join = p === c;
        if (join && (!JOINABLE.has(roles[c] as ColumnRole) || (word.gap === 'line' && roles[c] === 'deadline'))) continue;
        const v = before + fit + (join ? -joinCost(word, kinds[i] as Kind, BODIES.has(roles[c] as ColumnRole) && !(told[i] as Told).names) : opening - blanks(p + 1, c)) + gapHint(word.gap, join ? -1 : c - p - 1, gap);
        if (v > value) [value, previous] = [v, p];
      }
      (best[i] as number[])[c] = value;
      (from[i] as number[])[c] = previous;
    }
  }
  let column = 0;
  let top = -Infinity;
  for (let c = 0; c < width; c += 1) {
    const v = ((best[n - 1] as number[])[c] as number) - TRAILING_BLANK_COST * (width - 1 - c);
    if (v > top) [top, column] = [v, c];
  }
  const columns = new Array<number>(n);
  for (let i = n - 1; i >= 0; i -= 1) {
    columns[i] = column;
    column = (from[i] as number[])[column] as number;
  }
  const plain = columns.every((c, i) => c === i);
  const unsure = columns.some((c, i) => ((fits[i] as number[])[c] as number) < POOR_FIT) || !columns.some((c) => roles[c] === 'measure');
  return { columns, plain, unsure };
}

/** Below this a word does not belong in its column. */
const POOR_FIT = -0.5;

/**
 * What the gaps say about a step from one word to the next that leaves `skipped` columns blank (-1:
 * the same cell). Only where the header shows that one gap of `base` separates two cells: a gap k
 * times as wide holds k - 1 blank cells; a single gap says nothing of joining.
 */
function gapHint(width: number | 'line', skipped: number, base: number | null): number {
  if (base === null || width === 'line') return 0;
  const hinted = Math.round(width / base) - 1;
  if (hinted <= 0) return skipped > 0 ? -0.3 * skipped : 0;
  return skipped === hinted ? 0.6 : -0.6 * Math.min(2, Math.abs(skipped - hinted));
}

/** What the white space before a row's first word says about the blank cells it stands for, where one space separates two cells. */
function leadHint(width: number, skipped: number, base: number | null): number {
  if (base === null) return 0;
  const hinted = Math.round(width / base);
  return skipped === hinted ? (hinted > 0 ? 0.6 : 0) : -0.6 * Math.min(2, Math.abs(skipped - hinted));
}

/** A piece of a wrapped word: one Han character, which does not open a cell. */
function isFragment(text: string): boolean {
  return /^\p{Script=Han}$/u.test(text);
}

/** A person's name as 领导 columns write them: two to four Han characters, perhaps split by spaces (`汪  峰`). */
const PERSON = /^\p{Script=Han}{1,4}$/u;

/** Words of progress and status columns (进展情况, 工作评价). */
const STATUS = /(已完成|完成|推进中|进行中|序时|时序进度|未完成|正在|滞后|达到|超前|持续)/u;

/** A list in which every item is a body's name: "区发改委、区市场监管局", not "推进街道，第1季度". */
function isNameList(text: string): boolean {
  const names = splitDepartments([text]);
  return names.length >= 2 && names.every((name) => isDepartmentList([name]));
}

/** The markers that number each level of heading: 一、 for sections, 1、 or （一） for tasks. */
const LEVEL_MARKERS: Record<'section' | 'task', readonly Kind[]> = {
  section: ['marker-cjk', 'marker-ordinal', 'marker-paren-cjk'],
  task: ['marker-arabic', 'marker-paren-cjk', 'marker-cjk'],
};

/** What a word is: its kind, and whether it names bodies. */
interface Told {
  kind: Kind;
  names: boolean;
}

/** Tells a word's kind once per table: department names and status words recur on every row. */
function tell(text: string, seen: Map<string, Told>): Told {
  let told = seen.get(text);
  if (told) return told;
  // A serial past 9999 is still one in a long table.
  const kind: Kind = SERIAL.test(text) ? 'serial' : kindOf(rawCell([text]));
  // A list of departments may end with a full stop ("区发改委、区市场监管局。"); one name with one is a sentence ("推进乡镇。").
  const names = kind === 'departments' || (kind === 'text' && LIST.test(text) && isNameList(text.replace(/[。.]$/u, '')));
  told = { kind, names };
  seen.set(text, told);
  return told;
}

/** How well a word fits a column: its kind against the role, and what the column holds in the rows that split plainly. */
function wordFit(text: string, { kind, names }: Told, role: ColumnRole, profile: Profile): number {
  let fit = kindFit(kind, text, role, names);
  if (profile.words.has(text)) fit += 0.5;
  // The shape of a names column's cells (lists or single names) speaks for words that name bodies only.
  if (profile.cells >= 2 && NAMES.has(role) && names) fit += 0.6 * ((LIST.test(text) ? 1 : 0) - 0.5) * (2 * (profile.lists / profile.cells) - 1);
  return fit;
}

function kindFit(kind: Kind, text: string, role: ColumnRole, organisation: boolean): number {
  switch (role) {
    case 'serial':
      return kind === 'serial' ? 1 : -2;
    case 'measure':
      if (!organisation && (kind === 'text' || kind.startsWith('marker-'))) return 0.8;
      return organisation ? -0.6 : kind === 'title' ? 0.4 : kind === 'deadline' ? -0.3 : -1;
    case 'section':
    case 'task':
      if (organisation) return -0.6;
      if (kind.startsWith('marker-')) return LEVEL_MARKERS[role].includes(kind) ? 0.8 : 0.2;
      return kind === 'title' ? 0.6 : kind === 'text' ? 0.1 : -1;
    case 'departments':
    case 'lead':
    case 'support':
      if (organisation) return 0.8;
      return kind === 'title' ? (STATUS.test(text) ? -0.6 : 0.1) : -1;
    case 'leader':
      if (PERSON.test(text) && !organisation) return 0.8;
      return organisation ? 0 : kind === 'title' ? 0 : -1;
    case 'deadline':
      return kind === 'deadline' ? 1 : kind === 'title' ? 0 : -1;
    default:
      // Notes and columns of no known role (进展情况, 工作评价) may hold anything but a serial or a department list.
      if (kind === 'serial') return -1;
      if (STATUS.test(text)) return 0.5;
      return organisation ? -0.3 : 0;
  }
}
