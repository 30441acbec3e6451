import { roleOfHeader, type RoleOf } from '../model/roles.js';
import type { ColumnRole, Diagnostic } from '../model/schema.js';
import { markerKind, splitMarker } from '../normalize/markers.js';
import { BODY_ENDING, mayNameBody, splitDepartments } from '../normalize/departments.js';
import { isPersonList } from '../normalize/people.js';
import { mayMarkRoles, readResponsibility } from '../normalize/responsibility.js';
import { simplify, withoutGlosses } from '../normalize/script.js';
import { normalizeWhitespace } from '../normalize/whitespace.js';
import { rawCell, type RawCell, type RawRow, type RawTable } from '../read/raw-table.js';
import { isDitto, type ColumnSample } from './grid.js';
import { HEADER_SEARCH_ROWS, isStrayLabelRow } from './header.js';
import { SERIAL, settledRoles } from '../model/columns.js';
import { diagnostic } from '../i18n/messages.js';

/** What a cell holds, as far as placing it in a column goes. */
export type Kind = 'blank' | 'ditto' | 'serial' | 'departments' | 'person' | 'deadline' | 'title' | 'text' | `marker-${string}`;

/** The kinds each role expects before the table itself says more. */
const ROLE_KINDS: Partial<Record<ColumnRole, readonly Kind[]>> = {
  section: ['marker-cjk', 'marker-ordinal'],
  task: ['marker-arabic', 'marker-paren-cjk', 'marker-cjk', 'title'],
  measure: ['text', 'title', 'marker-paren-arabic', 'marker-circled', 'marker-arabic'],
  serial: ['serial'],
  departments: ['departments'],
  lead: ['departments'],
  support: ['departments'],
  leader: ['person', 'departments'],
  deadline: ['deadline'],
};

/**
 * Rows placed by content rather than by position, reported once per table as 'guessed-layout': the
 * rows named one by one, or as a range where a whole table was rebuilt. `how` says which:
 * 'placed' (rows with cells left out or shifted), or the dialect of a text layout without row
 * boundaries whose rows were rebuilt.
 */
export function guessedLayout(table: number, rows: readonly number[] | { from: number; to: number }, how: { kind: 'placed' } | { kind: 'rebuilt'; dialect: string }, line: number | null): Diagnostic {
  let shown: string;
  let first: number;
  let more = 0;
  if ('from' in rows) {
    first = rows.from;
    shown = rows.to > rows.from ? `${rows.from}–${rows.to}` : `${rows.from}`;
  } else {
    first = rows[0] ?? 1;
    shown = rows.slice(0, 12).join(', ');
    more = Math.max(0, rows.length - 12);
  }
  return diagnostic('guessed-layout', 'info', { ...how, rows: shown, ...(more > 0 ? { more } : {}) }, { table, row: first, column: 1, line });
}

/**
 * In layouts that write one row a line, a row with fewer cells than the header usually left its
 * merged cells out instead of leaving them blank, so position says nothing about which column a
 * cell belongs to. Such a row's cells are placed by what they hold, keeping their order: the
 * placement that best matches each column's header role and the kinds of cells the full rows have
 * in it. The columns left out become blank cells, which the grid reads as merged. So are the cells
 * of a row that ends in blank cells after filled ones (`3.及时反馈… | 各科室 | |`: a page dropped
 * the merged cell in front and padded at the end). Rows so placed are reported together as
 * 'guessed-layout'; only where the placement differs from the cells' positions. A row with more
 * cells than the header (a pipe inside a cell) has its surplus joined into the measure column and
 * is reported as 'ragged-row'. When most rows have one or two cells more than the header, the header
 * lost the label of a column (a 序号 column under a header cell spanning two): the unlabelled
 * column is found from what it holds, and its neighbour's label spans it.
 */
export function alignRows(raw: RawTable, table: number, diagnostics: Diagnostic[], roleOf: RoleOf = roleOfHeader): RawRow[] {
  const headerIndex = findHeaderRow(raw.rows, roleOf);
  const header = raw.rows[headerIndex];
  if (!header) return raw.rows;
  // A second header row of labels written from the first column keeps its places (see isStrayLabelRow).
  const textsOf = (row: RawRow | undefined) => (row?.cells ?? []).map((cell) => cell.paragraphs.join('').trim());
  const stray = isStrayLabelRow(textsOf(header), textsOf(raw.rows[headerIndex + 1]), roleOf) ? headerIndex + 1 : -1;
  const data = raw.rows.slice(Math.max(headerIndex, stray) + 1);
  const widened = widenHeader(header, data, roleOf);
  const width = widened.reduce((n, cell) => n + cell.colSpan, 0);
  // Cells are placed under the roles the columns take in the model (主要任务 | 重点工作和要求: tasks, then measures).
  const roles = settledRoles(spannedRoles(widened, roleOf));
  // Profiles only where a short row is placed by them: most rows never need one, and telling the
  // kind of every cell of a 100k-row table was a tenth of its parse.
  let profiles: Map<Kind, number>[] | null = null;
  const guessed: number[] = [];
  const rows = raw.rows.map((row, r) => {
    if (r === headerIndex) return widened === header.cells ? row : { ...row, cells: widened };
    if (r < headerIndex || r === stray || row.cells.length === 0) return row;
    const trimmed = withoutTrailingBlanks(row.cells);
    // Blank cells past the header's width after filled ones are doubled separators (`a | b | c | |`);
    // a long row with blanks inside keeps them: they are merged cells, and the surplus a split cell.
    const doubled = row.cells.length > width && trimmed.length <= width && !trimmed.some(isBlank);
    if (row.cells.length > width && !doubled) {
      const into = Math.max(0, roles.indexOf('measure'));
      diagnostics.push(diagnostic('ragged-row', 'warning', { kind: 'surplus', row: r + 1, cells: row.cells.length, width, column: into + 1 }, { table, row: r + 1, column: into + 1, line: row.line }));
      return { ...row, cells: joinSurplus(row.cells, width, into) };
    }
    if (trimmed.length === width || trimmed.length === 0) return padded(row, doubled ? trimmed : row.cells, width);
    // A full-width row with a blank among its cells writes its merged cells in place, and one whose
    // only cell is its first is a heading row spanning the table ("二、…" and blanks): positions hold.
    const heading = trimmed.length === 1 && ['marker-cjk', 'marker-ordinal'].includes(kindOf(trimmed[0] as RawCell));
    if (row.cells.length >= width && (heading || trimmed.some(isBlank))) {
      return padded(row, row.cells.length === width ? row.cells : row.cells.slice(0, width), width);
    }
    profiles ??= columnProfiles(data, width);
    const columns = placeCells(trimmed.map(kindOf), roles, profiles);
    const cells = Array.from({ length: width }, (_, c) => {
      const at = columns.indexOf(c);
      return at >= 0 ? (trimmed[at] as RawCell) : rawCell([], row.line);
    });
    if (columns.some((column, i) => column !== i)) guessed.push(r + 1);
    return { ...row, cells: spanIntoMeasure(cells, roles) };
  });
  if (guessed.length > 0) {
    const first = rows[(guessed[0] as number) - 1];
    diagnostics.push(guessedLayout(table, guessed, { kind: 'placed' }, first?.line ?? null));
  }
  return rows;
}

/** A row with these cells padded to a width: the row itself when that changes nothing (a copy of every row of a large table was garbage). */
function padded(row: RawRow, cells: RawCell[], width: number): RawRow {
  return cells === row.cells && cells.length === width ? row : { ...row, cells: pad(cells, width, row.line) };
}

/**
 * A placed row whose task (or section) cell is followed by a left-out measure column, while cells
 * after it are filled: the task cell spanned the measure column in the original (a task that is
 * its own measure), so it spans it again instead of the measure being merged from the row above.
 */
function spanIntoMeasure(cells: RawCell[], roles: readonly ColumnRole[]): RawCell[] {
  const m = roles.indexOf('measure');
  const before = cells[m - 1];
  if (m < 1 || !before || !['task', 'section'].includes(roles[m - 1] as ColumnRole) || isBlank(before)) return cells;
  if (!isBlank(cells[m] as RawCell) || cells.slice(m + 1).every(isBlank)) return cells;
  return [...cells.slice(0, m - 1), { ...before, colSpan: before.colSpan + 1 }, ...cells.slice(m + 1)];
}

/** Cells padded with blank ones to a width. */
function pad(cells: readonly RawCell[], width: number, line: number | null): RawCell[] {
  return Array.from({ length: width }, (_, c) => cells[c] ?? rawCell([], line));
}

/** The cells of a row without the blank cells at its end. */
function withoutTrailingBlanks(cells: readonly RawCell[]): RawCell[] {
  let end = cells.length;
  while (end > 0 && isBlank(cells[end - 1] as RawCell)) end -= 1;
  return cells.slice(0, end);
}

/** The role of the k-th column a (possibly widened) header cell spans: the label's own role, or for the column it gained, serial where it reads so. */
function spannedRole(cells: readonly RawCell[], c: number, k: number, roleOf: RoleOf): ColumnRole {
  const cell = cells[c] as RawCell;
  const role = roleOf(cell.paragraphs.join(''));
  return cell.colSpan > 1 && (cell as WidenedCell).gained === k ? ((cell as WidenedCell).gainedRole ?? role) : role;
}

/** A header cell made to span a column that lost its label, and what that column holds. */
interface WidenedCell extends RawCell {
  gained?: number;
  gainedRole?: ColumnRole;
}

/** Roles an unlabelled column is tried with; its content decides. */
const UNLABELLED_ROLES: readonly ColumnRole[] = ['serial', 'departments', 'deadline'];


/**
 * When most data rows have one or two cells more than the header has labels, finds the columns that
 * lost their labels from what they hold and returns header cells in which a neighbouring label spans
 * each (the label to the right for a serial column, else the one to the left); else the header's own cells.
 */
export function widenHeader(header: RawRow, data: readonly RawRow[], roleOf: RoleOf = roleOfHeader): RawCell[] {
  let cells = header.cells;
  const width = cells.length;
  const lengths = data.map((row) => withoutTrailingBlanks(row.cells).length).filter((n) => n > 0);
  if (width < 2 || lengths.length < 2) return cells;
  for (let extra = 1; extra <= 2; extra += 1) {
    const wider = lengths.filter((n) => n === width + extra).length;
    if (wider < 2 || wider * 2 < lengths.length || lengths.some((n) => n > width + extra)) continue;
    const full = data.map((row) => withoutTrailingBlanks(row.cells)).filter((row) => row.length === width + extra).map((row) => row.map(kindOf));
    for (let k = 0; k < extra; k += 1) cells = widenOnce(cells, full, roleOf);
    return cells;
  }
  return cells;
}

/** Adds one unlabelled column where it fits the full rows' cells best. */
function widenOnce(cells: readonly RawCell[], full: readonly Kind[][], roleOf: RoleOf): RawCell[] {
  const roles = cells.flatMap((cell) => Array.from({ length: cell.colSpan }, () => roleOf(cell.paragraphs.join(''))));
  let best: { at: number; role: ColumnRole; score: number } | null = null;
  for (let at = 0; at <= roles.length; at += 1) {
    for (const role of UNLABELLED_ROLES) {
      const tried = [...roles.slice(0, at), role, ...roles.slice(at)];
      let score = full.reduce((sum, kinds) => sum + tried.reduce((n, r, c) => n + (c < kinds.length && ROLE_KINDS[r]?.includes(kinds[c] as Kind) ? 1 : 0), 0), 0);
      // Between places that fit the rows equally, the one under a label of its own kind: a second
      // column of names sits under 责任单位 (牵头 | 配合 below it), not under the 具体措施 before it.
      if (sameKindLabel(role, roles[role === 'serial' ? at : at - 1])) score += 0.5;
      if (!best || score > best.score) best = { at, role, score };
    }
  }
  return best ? spanUnlabelled(cells, best.at, best.role) : [...cells];
}

/** True when a label of role `label` may head a column of role `role` that lost its own label. */
function sameKindLabel(role: ColumnRole, label: ColumnRole | undefined): boolean {
  const names: readonly ColumnRole[] = ['departments', 'lead', 'support'];
  return label === role || (names.includes(role) && label !== undefined && names.includes(label));
}

/**
 * Header cells with one more column at grid position `at`, which lost its label: the label that
 * spanned it spans it again. A serial column sits under the label of the text it numbers (to its
 * right), another column under the label to its left.
 */
export function spanUnlabelled(cells: readonly RawCell[], at: number, role: ColumnRole): RawCell[] {
  const width = cells.reduce((n, cell) => n + cell.colSpan, 0);
  const owner = (column: number) => {
    let slot = 0;
    for (let c = 0; c < cells.length; c += 1) {
      if (column < slot + (cells[c] as RawCell).colSpan) return c;
      slot += (cells[c] as RawCell).colSpan;
    }
    return cells.length - 1;
  };
  const right = at < width && (role === 'serial' || at === 0);
  const c = right ? owner(at) : owner(at - 1);
  const target = cells[c] as RawCell;
  const widened: WidenedCell = { ...target, colSpan: target.colSpan + 1, gained: right ? 0 : target.colSpan, gainedRole: role };
  return cells.map((cell, i) => (i === c ? widened : cell));
}

/** The roles of the grid columns under header cells, an unlabelled column taking the role its content gave it. */
export function spannedRoles(cells: readonly RawCell[], roleOf: RoleOf = roleOfHeader): ColumnRole[] {
  return cells.flatMap((cell, c) => Array.from({ length: cell.colSpan }, (_, k) => spannedRole(cells, c, k, roleOf)));
}


/**
 * The header under which units without row boundaries rebuild best: as labelled, or with one
 * unlabelled column (a 序号 column under a label spanning two) at the place and in the role that fit
 * the units much better. `sample` is the texts of the first units (see `Units`).
 */
export function headerForRebuild(labels: readonly RawCell[], sample: readonly string[], options: RebuildOptions, kinds: readonly Kind[] = kindsOf(sample)): RawCell[] {
  let header = [...labels];
  const labelled = spannedRoles(labels);
  let best = readUnits(sample, kinds, labelled, options).score;
  // Where a label already names the departments, a second list of them is more paragraphs of that
  // cell (指挥部 / 法制办 / 各分（县）局), not a column the header lost its label for.
  const named = labelled.some((role) => role === 'departments' || role === 'lead' || role === 'support');
  for (let at = 0; at <= labels.length; at += 1) {
    for (const role of UNLABELLED_ROLES) {
      if (role === 'departments' && named) continue;
      const tried = spanUnlabelled(labels, at, role);
      // An extra column must earn its place: about one well-placed cell in every few rows.
      const score = readUnits(sample, kinds, spannedRoles(tried), options).score - 1.5;
      if (score > best) [best, header] = [score, tried];
    }
  }
  return header;
}

/** The header row: the first row near the top in which a cell names a known role, else the first. */
function findHeaderRow(rows: readonly RawRow[], roleOf: RoleOf): number {
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  for (let r = 0; r < limit; r += 1) {
    if (rows[r]?.cells.some((cell) => roleOf(cell.paragraphs.join('')) !== 'other')) return r;
  }
  return 0;
}

/**
 * True when lines read as a list of bodies: short names, at least half ending like one (局, 办, 中心 …),
 * once role phrases are set aside ("市发改委牵头落实", "办公室牵头，各科室配合").
 */
export function isDepartmentList(glossed: readonly string[]): boolean {
  // Names are told without the pinyin glosses a copying site adds (縣農(nóng)業(yè)農村局).
  const joined = glossed.join('\n');
  const text = withoutGlosses(joined);
  const paragraphs = text === joined ? glossed : glossed.map(withoutGlosses);
  if (text.length > 200) return false;
  if (SENTENCE_OR_COLON.test(text)) return false;
  // A text that holds no body's ending at all, as many titles do, is told without being split: a
  // 20,000-measure table's 4,000 task titles numbered past 999 (no marker: years are not) were a
  // sixth of its read.
  if (!mayNameBody(text)) return false;
  const bodies = (names: readonly string[]) => {
    // Lengths first: BODY_ENDING's bracket group backtracks over a long run of "部（".
    if (!names.every((name) => name.length <= 14)) return false;
    const found = names.filter((name) => BODY_ENDING.test(simplify(name))).length;
    return found > 0 && found * 2 >= names.length;
  };
  // Where mayMarkRoles says no, readResponsibility's departments are splitDepartments' names.
  return bodies(splitDepartments(paragraphs)) || (mayMarkRoles(text) && bodies(readResponsibility(paragraphs).departments));
}

/** Text of numbers only: a digit, and no Han character (100, 55.6, 2022-2023, 12%). */
const NUMBERS_ONLY = /^[^\p{Script=Han}]*\d[^\p{Script=Han}]*$/u;

/** What non-blank cells of one column hold: their numbering markers, which hold numbers only, and (`withNames`) how many list bodies' names. */
export function sampleCells(cells: readonly Pick<RawCell, 'paragraphs'>[], withNames: boolean): ColumnSample {
  const sample: ColumnSample = { filled: cells.length, names: 0, numbers: [], markers: {} };
  for (const cell of cells) {
    const text = cell.paragraphs.join(' ').trim();
    const marker = splitMarker(text.slice(0, 40));
    const kind = marker ? markerKind(marker.marker) : null;
    if (kind) sample.markers[kind] = (sample.markers[kind] ?? 0) + 1;
    if (text.length <= 40 && NUMBERS_ONLY.test(text)) sample.numbers.push(text);
    else if (withNames && isDepartmentList(cell.paragraphs)) sample.names += 1;
  }
  return sample;
}

/** What a cell's text looks like: a serial number, a numbering marker, a department list, a deadline or prose. */
export function kindOf(cell: RawCell): Kind {
  let kind = KINDS.get(cell);
  if (kind === undefined) {
    kind = readKind(cell.paragraphs.join('\n'), cell.paragraphs);
    KINDS.set(cell, kind);
  }
  return kind;
}

/**
 * Whether a cell's kind is 'blank', told without telling the rest of its kind (department lists,
 * deadlines…) nor remembering it: most of what alignment asks of most rows' cells.
 */
function isBlank(cell: RawCell): boolean {
  const known = KINDS.get(cell);
  if (known !== undefined) return known === 'blank';
  // As readKind tells it: text past KIND_PREFIX is never blank.
  const raw = cell.paragraphs.join('\n');
  return raw.length <= KIND_PREFIX && normalizeWhitespace(raw) === '';
}

/** Kinds already told, by cell: alignment asks several times about the same cell. */
const KINDS = new WeakMap<RawCell, Kind>();

/** Longest one-line cell whose kind is remembered by its text in `kindsOf`: names, deadlines and titles, not prose. */
const TOLD_BY_TEXT = 30;

/**
 * How many texts' kinds `kindsOf` keeps: department names and deadlines recur by the dozen, while
 * numbered titles never do (one entry for each was an 8 MB map at 100k rows, all of it promoted).
 */
const TOLD_KEPT = 256;

/**
 * The kinds of units' texts (see `Units`) read once, as rows are rebuilt, and not kept by cell (an
 * entry a cell was tens of MB, all of it live through the parse, at 100k rows). A short one-line
 * text's kind is told once: department names and deadlines recur on every few rows.
 */
export function kindsOf(texts: readonly string[]): Kind[] {
  const told = new Map<string, Kind>();
  return texts.map((text) => {
    if (text.length > TOLD_BY_TEXT || text.includes('\n')) return readKind(text);
    let kind = told.get(text);
    if (kind === undefined) {
      kind = readKind(text);
      if (told.size >= TOLD_KEPT) told.clear();
      told.set(text, kind);
    }
    return kind;
  });
}

/** Past this many characters a cell is prose or a marked item; only its start is looked at, so that a huge cell costs no more. */
const KIND_PREFIX = 400;

/** The kind of a cell's text, its paragraphs joined by line breaks (`paragraphs`: the same text as paragraphs, where at hand). */
function readKind(raw: string, paragraphs?: readonly string[]): Kind {
  const long = raw.length > KIND_PREFIX;
  const text = normalizeWhitespace(long ? raw.slice(0, KIND_PREFIX) : raw);
  if (text === '') return long ? 'text' : 'blank';
  if (isDitto(text)) return 'ditto';
  if (SERIAL.test(text)) return 'serial';
  const marker = splitMarker(text);
  if (marker) return `marker-${markerKind(marker.marker) ?? 'other'}`;
  if (long) return 'text';
  // A sentence (。；) with a time word in it is a measure, not a deadline.
  if (text.length <= 30 && !SENTENCE.test(text) && TIME_WORD.test(simplify(text))) return 'deadline';
  if (isDepartmentList(paragraphs ?? unitParagraphs(raw))) return 'departments';
  // People's names (徐国江, 张三、李四) fill a 分管领导 column; they are no task title.
  if (text.length <= 30 && isPersonList(text)) return 'person';
  // A short line without sentence punctuation names a task; prose with it is a measure.
  return text.length <= 24 && !SENTENCE_PUNCTUATION.test(text) ? 'title' : 'text';
}

// The patterns readKind and isDepartmentList test, made once: a literal in a function is a new
// RegExp object each time it runs, 60 bytes of garbage a test at every unit of a table.
const SENTENCE_OR_COLON = /[。：:]/;
const SENTENCE = /[。；]/;
const TIME_WORD = /(\d{1,2}月|年底|年内|年中|季度|底前|月前|日前|持续|长期|常态|每月|每季|每年|全年)/;
const SENTENCE_PUNCTUATION = /[。；;]/;

/**
 * For each column, how often each kind occurs among the cells of the rows that fill every column.
 * A row padded with blank cells at its end may have been shifted left (`②… | … | | |`): only where
 * no row is filled to its end are such rows counted.
 */
function columnProfiles(rows: readonly RawRow[], width: number): Map<Kind, number>[] {
  const profiles = Array.from({ length: width }, () => new Map<Kind, number>());
  // Complete rows are those that reach as far as any row does: where a last column is blank in every
  // row (a header's trailing `| |`), a row padded with blanks for the merged cells it left out is not one.
  let reach = 0;
  for (const row of rows) if (row.cells.length === width) reach = Math.max(reach, withoutTrailingBlanks(row.cells).length);
  for (const row of rows) {
    if (row.cells.length !== width || withoutTrailingBlanks(row.cells).length !== reach) continue;
    row.cells.forEach((cell, c) => {
      const kind = kindOf(cell);
      if (kind !== 'blank') profiles[c]?.set(kind, (profiles[c]?.get(kind) ?? 0) + 1);
    });
  }
  return profiles;
}

function score(kind: Kind, role: ColumnRole | undefined, profile: Map<Kind, number> | undefined): number {
  // A ditto mark repeats the cell above: a department, section or task cell, never the measure.
  if (kind === 'ditto') return role === 'measure' ? -1 : role && ['departments', 'lead', 'support', 'section', 'task'].includes(role) ? 0.2 : 0;
  const total = [...(profile?.values() ?? [])].reduce((a, b) => a + b, 0);
  const seen = total > 0 ? (profile?.get(kind) ?? 0) / total : 0;
  // A column whose complete rows all number their cells ("1、" tasks) expects a numbered cell, not a title without one.
  const numbered = total >= 3 && !kind.startsWith('marker-') && [...(profile?.keys() ?? [])].every((k) => k.startsWith('marker-'));
  const expected = role && ROLE_KINDS[role]?.includes(kind) ? (numbered ? 0 : 0.5) : 0;
  // A row that left cells out still has its measure: where nothing else decides, prefer that column.
  return seen + expected + (role === 'measure' ? 0.1 : 0);
}

/**
 * Chooses increasing columns for the cells, in order, maximising the summed score (dynamic
 * programming over cells × columns). Returns the chosen column of each cell.
 */
function placeCells(kinds: readonly Kind[], roles: readonly ColumnRole[], profiles: readonly Map<Kind, number>[]): number[] {
  const n = kinds.length;
  const width = roles.length;
  // best[i][c]: best score placing cells i.. in columns c..; choice[i][c]: whether cell i goes in column c.
  const best = Array.from({ length: n + 1 }, () => new Array<number>(width + 1).fill(-Infinity));
  const take = Array.from({ length: n + 1 }, () => new Array<boolean>(width + 1).fill(false));
  for (let c = 0; c <= width; c += 1) (best[n] as number[])[c] = 0;
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let c = width - 1; c >= 0; c -= 1) {
      const skip = (best[i] as number[])[c + 1] as number;
      const here = score(kinds[i] as Kind, roles[c], profiles[c]) + ((best[i + 1] as number[])[c + 1] as number);
      (best[i] as number[])[c] = Math.max(skip, here);
      (take[i] as boolean[])[c] = here >= skip;
    }
  }
  const columns: number[] = [];
  for (let i = 0, c = 0; i < n && c < width; c += 1) {
    if ((take[i] as boolean[])[c]) {
      columns.push(c);
      i += 1;
    }
  }
  return columns;
}

/** Joins the cells beyond the header's width into one column, putting back the pipes that split them. */
function joinSurplus(cells: readonly RawCell[], width: number, into: number): RawCell[] {
  const extra = cells.length - width;
  const joined = cells.slice(into, into + extra + 1);
  const merged = rawCell([joined.map((cell) => cell.paragraphs.join('\n')).join('|')], joined[0]?.line ?? null);
  return [...cells.slice(0, into), merged, ...cells.slice(into + extra + 1)];
}

/** What costs a row to leave a column out (the cell merged from above), by role; a measure is never left out lightly. */
const SKIP_COST: Partial<Record<ColumnRole, number>> = { measure: 3, departments: 0.5, lead: 0.5, support: 0.6, deadline: 0.5, serial: 0.35, section: 0.15, task: 0.15 };
const DEFAULT_SKIP_COST = 0.25;

/** How well a cell of a kind fits a column: the kinds the role expects and the kinds its complete rows hold. */
function fit(kind: Kind, role: ColumnRole, profile: Map<Kind, number> | undefined): number {
  if (kind === 'blank') return role === 'measure' ? -1 : 0.3;
  // A cell of a kind the column neither expects nor holds anywhere else is a poor fit, worse than
  // leaving out a column or two.
  // Numbering markers are a weaker sign: tables number their levels in many ways.
  const value = score(kind, role, profile);
  if (value >= 0.05) return value - 0.3;
  // A column of no known role ('other', a 进展情况 column) may hold anything.
  if (ROLE_KINDS[role] === undefined) return -0.3;
  return kind.startsWith('marker-') && (role === 'section' || role === 'task' || role === 'measure') ? -0.3 : -1.2;
}

/**
 * What a layout says separates a unit from the one before it: 'cell', the next cell of the same row
 * (a TAB between them); 'break', more of the same cell or a new row, never the next cell; 'row' and
 * 'same', a break that is likely a new row or likely the same cell (blank lines say so, softly).
 */
export type UnitLink = 'cell' | 'break' | 'row' | 'same';

/** How to rebuild rows from cells with no row boundaries. */
export interface RebuildOptions {
  /** Whether a cell may run over several units (lines): each unit is a paragraph, not a cell. Default false. */
  paragraphs?: boolean;
  /**
   * Whether rows start at the numbers of a leading serial column and a section marker standing alone
   * between rows ("二、…" with no cells of its own) is a section row. Default false.
   */
  anchored?: boolean;
  /** For each unit, what separates it from the unit before (the first unit's is ignored); null where the layout says nothing. Default: nothing said. */
  links?: readonly (UnitLink | null)[];
  /** What it costs to read a unit as more of the cell before it, by role, where not 0.25. */
  joinCost?: Partial<Record<ColumnRole, number>>;
}

/**
 * Units of a table without row boundaries (lines, or paragraphs) that rows are rebuilt from: the
 * text of each, its paragraphs joined by line breaks ('' for an empty cell), and the 1-based line it
 * starts on. A unit becomes (part of) a cell only as its row is built: units joined into one cell
 * are never cells of their own (at 100k rows, 11 MB of cells made only to be joined).
 */
export interface Units {
  texts: readonly string[];
  lines: ArrayLike<number>;
}

/** What it costs a reading to go against a soft link ('row', 'same'), and against a TAB ('cell': only where the header is too narrow for the row). */
const LINK_COST = 1.5;
const CELL_LINK_COST = 10;

/**
 * Rebuilds rows from a run of cells (or of lines, with `paragraphs`) that has no row boundaries, as
 * pages copied one cell a line write a table: each unit is given a column, in order, a row ending
 * wherever the next unit's column does not come after the last one. The columns a row leaves out
 * are merged cells of the rows above. Of all such readings, the one chosen fits each unit's kind
 * (serial number, marker, department list, deadline, title, prose) best to the column's role,
 * leaves out the fewest cells that matter (never the measure, if it can help it), and — read a second
 * time with what the complete rows of the first reading hold in each column — agrees with itself.
 * With `anchored` (one cell a line), rows start at the numbers of a leading serial column, and a
 * section marker standing alone where a row would start is a section row (its marker in the first
 * column, the others blank). Dynamic programming over units × columns: linear in the units.
 * A column a row left out is null in it: the reader makes it a blank cell, or a row span of the
 * cell above (a blank cell for each, made only to be dropped, was 20 MB at 100k rows).
 */
export function rebuildRows(units: Units, labelled: readonly ColumnRole[], options: RebuildOptions = {}, kinds: readonly Kind[] = kindsOf(units.texts)): { rows: (RawCell | null)[][]; score: number; starts: number[] } {
  const { placement, score, width } = readUnits(units.texts, kinds, labelled, options);
  const rows: (RawCell | null)[][] = [];
  // The unit each row begins with, for readers that say which rows a layout marked. (Links are
  // read by unit index, so layouts that pass them are read in one run, never anchored chunks.)
  const starts: number[] = [];
  eachRow(placement.way, 0, units.texts.length, (first, end) => {
    starts.push(first);
    rows.push(rowCells(units, placement, first, end, width));
  });
  return { rows, score, starts };
}

/**
 * Where a reading puts each unit: its column (the table's width for a section row of its own), and
 * how it follows the unit before (`way`): 0 it begins a row, 1 it is the next cell of the row, 2 more
 * of the same cell. A row is a run of units, and so is each of its cells.
 */
interface Placement {
  column: Int32Array;
  way: Uint8Array;
}

/** The best reading of units of these kinds under a header's roles, and its score. */
function readUnits(texts: readonly string[], kinds: readonly Kind[], labelled: readonly ColumnRole[], options: RebuildOptions): { placement: Placement; score: number; width: number } {
  // Rows are read with the roles the columns take in the model (序号 | 重点工作任务 | 责任单位: the
  // second column holds the measures, though its label names a section).
  const roles = options.anchored ? settledRoles(labelled) : [...labelled];
  // A first column of no known label ("任务项") that starts with a number is a serial column.
  if (options.anchored && roles[0] === 'other' && kinds[0] === 'serial') roles[0] = 'serial';
  const placement: Placement = { column: new Int32Array(kinds.length), way: new Uint8Array(kinds.length) };
  const chunks = options.anchored ? serialChunks(texts, kinds, roles) : null;
  const score = chunks ? readChunks(kinds, roles, chunks, options, placement) : readTwice(kinds, roles, [[0, kinds.length]], options, placement);
  return { placement, score, width: roles.length };
}

/** Calls `row` with the first unit of each row placed among units [from, to) and the unit past its last. */
function eachRow(way: Uint8Array, from: number, to: number, row: (first: number, end: number) => void): void {
  let first = from;
  for (let i = from + 1; i <= to; i += 1) {
    if (i === to || way[i] === 0) {
      row(first, i);
      first = i;
    }
  }
}

/**
 * The cells of the row of units [first, end): a cell of one unit or of several, their paragraphs
 * in order, and a column the row left out is null.
 */
function rowCells({ texts, lines }: Units, { column, way }: Placement, first: number, end: number, width: number): (RawCell | null)[] {
  const cells: (RawCell | null)[] = new Array<RawCell | null>(width).fill(null);
  for (let i = first; i < end; ) {
    let to = i + 1;
    while (to < end && way[to] === 2) to += 1;
    // A section row: its marker in the first column, the others blank, as layouts write a heading row.
    const c = column[i] === width ? 0 : (column[i] as number);
    cells[c] = rawCell(to - i === 1 ? unitParagraphs(texts[i] as string) : texts.slice(i, to).flatMap(unitParagraphs), lines[i] as number);
    i = to;
  }
  return cells;
}

/** The paragraphs of a unit's text (see `Units`). */
export function unitParagraphs(text: string): string[] {
  if (text === '') return NO_PARAGRAPHS;
  // Most units are one paragraph: a split that finds nothing to split at costs five times as much.
  return text.includes('\n') ? text.split('\n') : [text];
}

/**
 * The paragraphs of every empty cell rebuilt from units, one frozen array: no stage changes a cell's
 * paragraphs once read, and an array each was 7 MB at 100k rows of line cells, which write every
 * empty cell as an empty line. (Text readers' blank cells share raw-table's BLANK_PARAGRAPHS, a
 * list of one empty paragraph, as they have always held one.)
 */
const NO_PARAGRAPHS = Object.freeze([]) as unknown as string[];

/** What each column's cells hold, by kind, among the rows placed in runs of units that fill every column. */
function profilesOf({ column, way }: Placement, kinds: readonly Kind[], width: number, runs: readonly [number, number][]): Map<Kind, number>[] {
  const profiles: Map<Kind, number>[] = Array.from({ length: width }, () => new Map());
  const firsts = new Int32Array(width);
  for (const [from, to] of runs) {
    eachRow(way, from, to, (first, end) => {
      firsts.fill(-1);
      for (let i = first; i < end; i += 1) if (way[i] !== 2) firsts[column[i] === width ? 0 : (column[i] as number)] = i;
      if (firsts.includes(-1)) return;
      firsts.forEach((i, c) => {
        const kind = kinds[i] as Kind;
        if (kind !== 'blank') profiles[c]?.set(kind, (profiles[c]?.get(kind) ?? 0) + 1);
      });
    });
  }
  return profiles;
}

/**
 * Reads runs of units (each [from, to)) by dynamic programming, twice: the second time with what the
 * complete rows of the first reading hold in each column, unless `known` already says it.
 */
function readTwice(kinds: readonly Kind[], roles: readonly ColumnRole[], runs: readonly [number, number][], options: RebuildOptions, placement: Placement, known?: Map<Kind, number>[]): number {
  const read = (profiles: readonly Map<Kind, number>[]) => {
    let score = 0;
    for (const [from, to] of runs) score += segment(kinds, from, to, roles, profiles, options, placement);
    return score;
  };
  if (known) return read(known);
  const first = read(roles.map(() => new Map()));
  const profiles = profilesOf(placement, kinds, roles.length, runs);
  return profiles.some((p) => p.size > 0) ? read(profiles) : first;
}

/** Kinds of a section marker line ("二、…", "第二部分…"). */
const SECTION_KINDS: readonly Kind[] = ['marker-cjk', 'marker-ordinal'];

/**
 * Where rows start in a table whose first column numbers them: at the serial numbers that rise
 * (the longest rising run of them, so that a number in another column is not taken for a row's
 * start), each at least two units after the last. Null when the first column is no serial column or
 * fewer than two such numbers are found. Returns the runs of units: before the first row, then from
 * each row's start to the next.
 */
function serialChunks(texts: readonly string[], kinds: readonly Kind[], roles: readonly ColumnRole[]): [number, number][] | null {
  if (roles[0] !== 'serial' || roles.length < 2) return null;
  const serials: { at: number; value: number }[] = [];
  kinds.forEach((kind, i) => {
    if (kind === 'serial') serials.push({ at: i, value: Number.parseInt(normalizeWhitespace((texts[i] as string).replaceAll('\n', '')), 10) });
  });
  // Numbering may start again under each section heading (一、… then 1, 2, …): the serials rise
  // within each part between headings where a number goes back.
  const parts: { at: number; value: number }[][] = [[]];
  let heading = -1;
  let k = 0;
  for (const serial of serials) {
    while (k < serial.at) {
      if (SECTION_KINDS.includes(kinds[k] as Kind)) heading = k;
      k += 1;
    }
    const part = parts.at(-1) as { at: number; value: number }[];
    const last = part.at(-1);
    if (last && heading > last.at && serial.value <= last.value) parts.push([serial]);
    else part.push(serial);
  }
  const run = parts.flatMap(risingRun);
  // A number at the end that does not follow the one before (5 after 2: a score, the last cell of the
  // last row) starts no row.
  const value = new Map(serials.map(({ at, value: v }) => [at, v]));
  while (run.length > 2 && (value.get(run.at(-1) as number) as number) !== (value.get(run.at(-2) as number) as number) + 1) run.pop();
  const starts = run.filter((at, k, all) => k === 0 || at - (all[k - 1] as number) >= 2);
  if (starts.length < 2) return null;
  return [0, ...starts].map((from, k, all) => [from, all[k + 1] ?? kinds.length] as [number, number]).filter(([from, to]) => to > from);
}

/** The units of the longest strictly rising subsequence of serial numbers (patience sorting: n log n). */
function risingRun(serials: readonly { at: number; value: number }[]): number[] {
  const tails: number[] = []; // tails[k]: index into serials of the smallest last value of a rising run of k + 1
  const previous = new Int32Array(serials.length).fill(-1);
  serials.forEach(({ value }, s) => {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((serials[tails[mid] as number] as { value: number }).value < value) low = mid + 1;
      else high = mid;
    }
    if (low > 0) previous[s] = tails[low - 1] as number;
    tails[low] = s;
  });
  const run: number[] = [];
  for (let s = tails.at(-1) ?? -1; s >= 0; s = previous[s] as number) run.push((serials[s] as { at: number }).at);
  return run.reverse();
}

/**
 * Reads a table whose rows start at serial numbers: a run holding as many units as the header has
 * columns is one row, cell by cell; a section marker after a row's cells is a section row of its own;
 * the other runs are read by dynamic programming, with what the complete rows hold in each column.
 */
function readChunks(kinds: readonly Kind[], roles: readonly ColumnRole[], chunks: readonly [number, number][], options: RebuildOptions, placement: Placement): number {
  const width = roles.length;
  const sectionRows = !roles.includes('section');
  const runs: [number, number][] = [];
  const known: [number, number][] = [];
  for (const [from, end] of chunks) {
    const anchored = kinds[from] === 'serial' && roles[0] === 'serial';
    let to = end;
    while (sectionRows && to > from + (anchored ? 1 : 0) && SECTION_KINDS.includes(kinds[to - 1] as Kind)) to -= 1;
    if (to > from && anchored && to - from === width) {
      for (let c = 0; c < width; c += 1) {
        placement.column[from + c] = c;
        placement.way[from + c] = c === 0 ? 0 : 1;
      }
      known.push([from, to]);
    } else if (to > from) {
      runs.push([from, to]);
    }
    for (let i = to; i < end; i += 1) {
      placement.column[i] = width;
      placement.way[i] = 0;
    }
  }
  const profiles = profilesOf(placement, kinds, width, known);
  const score = readTwice(kinds, roles, runs, options, placement, profiles.some((p) => p.size > 0) ? profiles : undefined);
  let placed = 0;
  for (const [from] of known) {
    let row = 0;
    for (let c = 0; c < width; c += 1) row += fit(kinds[from + c] as Kind, roles[c] as ColumnRole, profiles[c]);
    placed += row;
  }
  return score + placed;
}

/** What it costs a row to leave out columns from..to-1, by the prefix sums of their costs. */
function skipped(prefix: Float64Array, from: number, to: number): number {
  return to > from ? (prefix[to] as number) - (prefix[from] as number) : 0;
}

/** What a unit of a kind scores in each column, worked out once per kind. */
function fitsOf(fits: Map<Kind, Float64Array>, kind: Kind, roles: readonly ColumnRole[], profiles: readonly Map<Kind, number>[]): Float64Array {
  let row = fits.get(kind);
  if (!row) {
    row = kindFits(kind, roles, profiles);
    fits.set(kind, row);
  }
  return row;
}

// Apart from fitsOf: the arguments a closure captures are kept in a context made at every call of
// the function that holds it, here at every unit (8 MB at 90k units).
function kindFits(kind: Kind, roles: readonly ColumnRole[], profiles: readonly Map<Kind, number>[]): Float64Array {
  return Float64Array.from(roles, (role, c) => fit(kind, role, profiles[c]));
}

/** Roles whose cells run over several paragraphs. */
const MULTI_LINE: readonly ColumnRole[] = ['measure', 'departments', 'lead', 'support', 'task', 'section', 'notes', 'other'];

/**
 * What a section marker standing alone as a row of its own scores: a little more than nothing, so
 * that "一、…" read as a task cell whose measure takes the next row's first paragraph does not win;
 * less than a task cell that its row's measure and departments follow.
 */
const SECTION_ROW = 0.1;

/**
 * The best reading of the units from `start` to `end`, written into `placement`; returns its score.
 * (`options.links` is read from `start` on.)
 */
function segment(kinds: readonly Kind[], start: number, end: number, roles: readonly ColumnRole[], profiles: readonly Map<Kind, number>[], options: RebuildOptions, placement: Placement): number {
  const width = roles.length;
  const n = end - start;
  if (n <= 0) return 0;
  // Costs of leaving out columns a..b-1, by prefix sums. (Functions and arrays of numbers only: the
  // closures this loop called were new with every run, which undid its optimized code on each call,
  // and a cost of number or null was boxed, 110 bytes of garbage a unit.)
  const prefix = new Float64Array(width + 1);
  for (let c = 0; c < width; c += 1) prefix[c + 1] = (prefix[c] as number) + (SKIP_COST[roles[c] as ColumnRole] ?? DEFAULT_SKIP_COST);
  // What a unit of each kind scores in each column: a table holds few kinds, its units many.
  const fits = new Map<Kind, Float64Array>();
  // What joining a unit to the cell before costs in each column, -1 where a cell is one paragraph.
  const joins = Float64Array.from(roles, (role) => (MULTI_LINE.includes(role) ? (options.joinCost?.[role] ?? 0.25) : -1));
  // A section marker may stand alone as a row of its own (state `width`) in a table without a
  // section column: it then leaves out no column, while read as a cell it leaves out the rest of its row.
  const headings = options.anchored === true && !roles.includes('section');
  const stride = width + 1;
  // The best score with the last unit in column c (or a section row, c = width), for the unit
  // before and this one; back[i * stride + c]: how unit i got there, as (the previous unit's
  // column + 1) << 2 | way, way 0 a new row, 1 the next cell in the row, 2 the same cell (bits, not
  // a division by 3, which made a boxed number a unit where the walk back ran unoptimized). Scores
  // are kept for two units only: a table of 100k rows held eight bytes a unit and column for nothing.
  let last = new Float64Array(stride).fill(-Infinity);
  let next = new Float64Array(stride);
  const back = new Int32Array(n * stride);
  for (let i = 0; i < n; i += 1) {
    const kind = kinds[start + i] as Kind;
    const here = fitsOf(fits, kind, roles, profiles);
    const link = options.links?.[i] ?? null;
    // A TAB says the next cell of the row: a new row there only where the row is wider than the header.
    const newRowCost = link === 'cell' ? CELL_LINK_COST : link === 'same' ? LINK_COST : 0;
    const sameCell = options.paragraphs && link !== 'cell' && kind !== 'blank' && (i === 0 || kinds[start + i - 1] !== 'blank');
    const inRow = link === null || link === 'cell';
    next.fill(-Infinity);
    for (let c = 0; c < width; c += 1) {
      const fitHere = here[c] as number;
      if (i === 0) {
        next[c] = fitHere - skipped(prefix, 0, c);
        back[c] = 0;
        continue;
      }
      let value = -Infinity;
      let previous = -1;
      let way = 0;
      const join = sameCell ? (joins[c] as number) : -1;
      for (let p = 0; p < width; p += 1) {
        const before = last[p] as number;
        if (before === -Infinity) continue;
        if (p < c && inRow) {
          const v = before + fitHere - skipped(prefix, p + 1, c);
          if (v > value) {
            value = v;
            previous = p;
            way = 1;
          }
        }
        // A new row: the last one leaves out its columns after p, this one its columns before c.
        const v = before + fitHere - skipped(prefix, p + 1, width) - skipped(prefix, 0, c) - newRowCost;
        if (v > value) {
          value = v;
          previous = p;
          way = 0;
        }
        if (p === c && join >= 0) {
          // Where the layout says the same cell, a further paragraph's kind says little about the column (a task's second line may be prose).
          const fitsSame = link === 'same' ? Math.max(fitHere, 0) : fitHere;
          const same = before + fitsSame - join - (link === 'row' ? LINK_COST : 0);
          if (same > value) {
            value = same;
            previous = p;
            way = 2;
          }
        }
      }
      // After a section row, a new row; never a blank cell (a section row written with its blanks is a row of cells).
      const afterHeading = last[width] as number;
      if (afterHeading > -Infinity && kind !== 'blank') {
        const v = afterHeading + fitHere - skipped(prefix, 0, c);
        if (v > value) {
          value = v;
          previous = width;
          way = 0;
        }
      }
      next[c] = value;
      back[i * stride + c] = ((previous + 1) << 2) | way;
    }
    if (headings && SECTION_KINDS.includes(kind)) {
      let value = i === 0 ? SECTION_ROW : -Infinity;
      let previous = -1;
      for (let p = 0; i > 0 && p <= width; p += 1) {
        const before = last[p] as number;
        const v = before + SECTION_ROW - (p < width ? skipped(prefix, p + 1, width) : 0);
        if (v > value) {
          value = v;
          previous = p;
        }
      }
      next[width] = value;
      back[i * stride + width] = (previous + 1) << 2;
    }
    const done = next;
    next = last;
    last = done;
  }
  let column = 0;
  let top = -Infinity;
  for (let c = 0; c <= width; c += 1) {
    const v = (last[c] as number) - (c < width ? skipped(prefix, c + 1, width) : 0);
    if (v > top) [top, column] = [v, c];
  }
  // Walk back: each unit's column and how it was reached.
  for (let i = n - 1; i >= 0; i -= 1) {
    const code = back[i * stride + column] as number;
    placement.column[start + i] = column;
    placement.way[start + i] = code & 3;
    column = (code >> 2) - 1;
  }
  return top;
}
