import { isBlankCell, type ColumnSample, type Grid, type GridCell, type GridStream } from '../grid/grid.js';
import type { MarkerKind } from '../normalize/markers.js';
import { isSpaceOrInvisible, normalizeWhitespace } from '../normalize/whitespace.js';
import { roleOfHeader, type RoleOf } from './roles.js';
import type { Column, ColumnRole, Diagnostic } from './schema.js';
import { diagnostic } from '../i18n/messages.js';

/** Roles of which a table has at most one column; a second such column is read as 'other'. */
const SINGLE_ROLES: ReadonlySet<ColumnRole> = new Set(['section', 'task', 'measure', 'serial', 'deadline', 'notes']);

/** A serial number as tables write it: "1", "12", "3." or "3、". */
export const SERIAL = /^\d{1,4}[.、．]?$/;

/** The normalized text of a cell, paragraphs joined as line breaks. */
export function cellText(cell: Pick<GridCell, 'paragraphs'>): string {
  return normalizeWhitespace(cell.paragraphs.join('\n'));
}

/** Most characters a serial number has ("1234、"): as many as SERIAL allows. */
const SERIAL_LENGTH = 5;

/** True when a cell holds a serial number. */
export function isSerialCell(cell: Pick<GridCell, 'paragraphs'>): boolean {
  // Most cells hold more characters than a serial has: counting the ones normalizing keeps stops
  // there, before their text is joined and normalized.
  let kept = 0;
  const { paragraphs } = cell;
  for (let p = 0; p < paragraphs.length; p += 1) {
    const paragraph = paragraphs[p] as string;
    for (let i = 0; i < paragraph.length; i += 1) if (!isSpaceOrInvisible(paragraph.charCodeAt(i)) && (kept += 1) > SERIAL_LENGTH) return false;
  }
  return SERIAL.test(cellText(cell));
}

/**
 * Names each column from its header cells (all header rows, top to bottom, joined with "/") and gives
 * it a role: from its own lowest header cell first ("牵头单位" under "责任分工"), then from the whole
 * header. Where the header does not decide — a blank header, or one header cell spanning several
 * columns (工作任务 over a column of numbers and a column of task titles) — a column of serial
 * numbers is a 'serial' column. Finally the levels close up: a table without a measure column reads
 * its finest text column as the measures (序号 | 工作任务 | 责任单位), and one without a task column
 * reads its section column as the tasks.
 */
export function buildColumns(grid: GridStream, roleOf: RoleOf = roleOfHeader): Column[] {
  const columns = Array.from({ length: grid.width }, (_, c) => describeColumn(grid, c, roleOf));
  shiftOffSerials(grid, columns);
  const sample = samplesOf(grid);
  const shifted = shiftedLabels(grid, sample, columns);
  const roles = settledRoles(columns.map((column) => column.role));
  const found = [shifted, levelsByNumbering(grid, sample, columns, roles), namesElsewhere(grid, sample, columns, roles), measuresUnlabelled(grid, sample, columns, roles)];
  supportBesideLead(sample, roles);
  grid.columnDiagnostics = found.filter((d): d is Diagnostic => d !== null);
  return columns.map(({ index, header }, c) => ({ index, header, role: roles[c] as ColumnRole }));
}

/**
 * 牵头单位 | 责任单位 (or 责任单位 | 牵头单位): where no column names the supporters, every column of
 * the units responsible in a table with a lead column that names bodies holds the lead's supporters,
 * as （牵头单位：X；责任单位：Y） reads in prose (its cells are still read for role words: see
 * `valuesOf` in build.ts). A lead label over no names (a 牵头 torn from 牵头市领导) does not count.
 */
function supportBesideLead(sample: Sample, roles: ColumnRole[]): void {
  const lead = roles.indexOf('lead');
  if (lead < 0 || roles.includes('support') || sample(lead, true).names === 0) return;
  for (let c = 0; c < roles.length; c += 1) if (roles[c] === 'departments') roles[c] = 'support';
}

/** What a column's first data rows hold (see `GridStream.sampleColumn`), its bodies' names counted only `withNames`. */
type Sample = (column: number, withNames: boolean) => ColumnSample;

/** A grid's column samples, each read once (and once more where its names are first asked for). */
function samplesOf(grid: GridStream): Sample {
  const plain = new Map<number, ColumnSample>();
  const named = new Map<number, ColumnSample>();
  return (column, withNames) => {
    const known = named.get(column) ?? (withNames ? undefined : plain.get(column));
    if (known) return known;
    const read = grid.sampleColumn(column, withNames);
    (withNames ? named : plain).set(column, read);
    return read;
  };
}

/** Part of a column's first cells, three in five or more of at least three. */
function mostly(part: number, whole: number): boolean {
  return whole >= 3 && part * 5 >= whole * 3;
}

/** True when most of a column's first cells hold numbers and none names a body: no column of units, whatever its label. */
function numbersOnly(sample: Sample, column: number): boolean {
  const own = sample(column, false);
  return mostly(own.numbers.length, own.filled) && sample(column, true).names === 0;
}

/**
 * A header whose labels a copy wrote from the first column, having left out the labels of the
 * first columns (具体要求 | 责任科室 | | over a column of 一、… titles, one of serials, the text and the
 * units): where the last k header cells are empty, the column labelled as the departments holds
 * numbers and no names, and the column k to its right holds names, every label is moved k columns
 * right. The columns it leaves unlabelled take their role from what they hold (serials, or titles
 * numbered 一、 or （一） above the measures), and a 'guessed-layout' info says so.
 */
function shiftedLabels(grid: GridStream, sample: Sample, columns: DraftColumn[]): Diagnostic | null {
  const departments = columns.findIndex((column) => column.role === 'departments');
  let k = 0;
  while (k < columns.length && columns[columns.length - 1 - k]?.header === '') k += 1;
  if (departments < 0 || k === 0 || departments + k >= columns.length || columns.some((column, c) => c !== departments && column.role === 'departments')) return null;
  if (!numbersOnly(sample, departments)) return null;
  const target = sample(departments + k, true);
  if (!mostly(target.names, target.filled)) return null;
  // A 序号 label over serial numbers is in its place: the labels were not moved.
  if (columns.some((column, c) => column.role === 'serial' && column.header !== '' && !grid.holdsSerials(c + k))) return null;
  const labels = columns.map(({ header, role, shared }) => ({ header, role, shared }));
  columns.forEach((column, c) => {
    const from = labels[c - k];
    column.header = from?.header ?? '';
    column.shared = from?.shared ?? false;
    column.role = from?.role ?? (grid.holdsSerials(c) ? 'serial' : 'other');
  });
  // An unlabelled column of titles numbered 一、 or （一） holds the level above the measures.
  const taken = new Set(columns.map((column) => column.role));
  for (let c = k - 1; c >= 0; c -= 1) {
    const column = columns[c] as DraftColumn;
    if (column.role !== 'other') continue;
    const numbering = numberingOf(sample(c, false), 1);
    const level = !taken.has('task') ? 'task' : !taken.has('section') ? 'section' : null;
    if (level && (numbering === 'cjk' || numbering === 'paren-cjk' || numbering === 'ordinal')) {
      column.role = level;
      taken.add(level);
    }
  }
  return diagnostic('guessed-layout', 'info', { kind: 'shifted', columns: k, header: labels[departments]?.header ?? '' }, { table: grid.table, row: grid.headerRows, column: 1, line: null });
}

/**
 * Where no column is read as the measures (no label names them, nor a level above them), the first
 * column of no role before the responsible units that holds text rather than numbers is: a task
 * table has measures, and they stand before who does them (序号 | 任务项目指标 | 责任单位). A
 * 'guessed-layout' info says so.
 */
function measuresUnlabelled(grid: GridStream, sample: Sample, columns: readonly DraftColumn[], roles: ColumnRole[]): Diagnostic | null {
  if (roles.some((role) => role === 'measure' || role === 'task' || role === 'section')) return null;
  const responsible = roles.findIndex((role) => role === 'departments' || role === 'lead' || role === 'support');
  if (responsible < 0) return null;
  for (let c = 0; c < responsible; c += 1) {
    if (roles[c] !== 'other') continue;
    const { filled, numbers } = sample(c, false);
    if (filled === 0 || numbers.length * 2 >= filled) continue;
    roles[c] = 'measure';
    return diagnostic('guessed-layout', 'info', { kind: 'measures', header: columns[c]?.header ?? '' }, { table: grid.table, row: grid.headerRows, column: c + 1, line: null });
  }
  return null;
}

/** Official numbering from the coarsest level down: 第一部分, 一、, （一）, 1., （1）, ①. */
const MARKER_RANK: Readonly<Record<MarkerKind, number>> = { ordinal: 0, cjk: 1, 'paren-cjk': 2, arabic: 3, 'paren-arabic': 4, circled: 5 };

/** Roles of the columns of text that numbering may put in levels. */
const LEVEL_ROLES: readonly ColumnRole[] = ['section', 'task', 'measure', 'other'];

/** The numbering most of a column's first cells open with (three in five, `least` cells at least), or null. */
function numberingOf(sample: ColumnSample, least: number): MarkerKind | null {
  for (const [kind, count] of Object.entries(sample.markers) as [MarkerKind, number][]) {
    if (count >= least && count * 5 >= sample.filled * 3) return kind;
  }
  return null;
}

/**
 * Where the column read as the measures opens its cells with coarser numbering than a column of no
 * role to its right (工作要求 of 一、… before 一级要点 of （一）… and 二级要点 of 1.…), the labels do not
 * say the levels and the numbering does: the numbered columns, coarsest first from the left, are
 * the sections, the tasks and the measures (the finest), and a 'guessed-layout' info says so.
 */
function levelsByNumbering(grid: GridStream, sample: Sample, columns: readonly DraftColumn[], roles: ColumnRole[]): Diagnostic | null {
  const measure = roles.indexOf('measure');
  if (measure < 0) return null;
  // A column of sections may hold one cell in the first rows; the finer columns must show two.
  const own = numberingOf(sample(measure, false), 1);
  if (own === null) return null;
  const numbered: { c: number; rank: number; count: number }[] = [];
  roles.forEach((role, c) => {
    if (c !== measure && !LEVEL_ROLES.includes(role)) return;
    const { markers } = sample(c, false);
    const kind = c === measure ? own : numberingOf(sample(c, false), 1);
    if (kind !== null) numbered.push({ c, rank: MARKER_RANK[kind], count: markers[kind] ?? 0 });
  });
  const finer = numbered.some(({ c, rank, count }) => c > measure && roles[c] === 'other' && rank > MARKER_RANK[own] && count >= 2);
  const rising = numbered.every(({ rank }, k) => k === 0 || rank > (numbered[k - 1] as { rank: number }).rank);
  if (!finer || !rising || numbered.length > 3) return null;
  const levels: ColumnRole[] = ['section', 'task', 'measure'].slice(3 - numbered.length) as ColumnRole[];
  roles.forEach((role, c) => {
    if (role === 'section' || role === 'task' || role === 'measure') roles[c] = 'other';
  });
  numbered.forEach(({ c }, k) => (roles[c] = levels[k] as ColumnRole));
  const headers = numbered.map(({ c }) => columns[c]?.header ?? '').join(' | ');
  return diagnostic('guessed-layout', 'info', { kind: 'levels', headers }, { table: grid.table, row: grid.headerRows + 1, column: (numbered[0] as { c: number }).c + 1, line: null });
}

/**
 * Where the departments column holds numbers and no names in its first rows while exactly one
 * column of no role holds names in most of them, the rows do not line up with the header (a header
 * over two rows whose group labels a copy wrote without their spans, cells a copy left out): the
 * departments are read from the column of names, and a 'guessed-layout' info says so.
 */
function namesElsewhere(grid: GridStream, sample: Sample, columns: readonly DraftColumn[], roles: ColumnRole[]): Diagnostic | null {
  const departments = roles.indexOf('departments');
  if (departments < 0 || roles.lastIndexOf('departments') !== departments || !numbersOnly(sample, departments)) return null;
  const named = roles.flatMap((role, c) => {
    if (role !== 'other') return [];
    const { names, filled } = sample(c, true);
    return mostly(names, filled) ? [c] : [];
  });
  const to = named[0];
  if (to === undefined || named.length > 1) return null;
  roles[to] = 'departments';
  roles[departments] = 'other';
  const params = { kind: 'names', header: columns[departments]?.header ?? '', numbers: sample(departments, false).numbers.slice(0, 3).join(', '), column: to + 1 };
  return diagnostic('guessed-layout', 'info', params, { table: grid.table, row: grid.headerRows + 1, column: to + 1, line: null });
}

interface DraftColumn extends Column {
  /** True when the column's header cell also heads another column. */
  shared: boolean;
}

function describeColumn(grid: GridStream, c: number, roleOf: RoleOf): DraftColumn {
  const cells: GridCell[] = [];
  for (let r = grid.headerStart; r < grid.headerRows; r += 1) {
    if (r === grid.strayHeaderRow) continue;
    const cell = grid.head[r]?.[c]?.cell;
    if (cell && !isBlankCell(cell) && !cells.includes(cell)) cells.push(cell);
  }
  const texts = cells.map(cellText);
  const header = texts.join('/');
  const shared = cells.some((cell) => cell.colSpan > 1);
  let role: ColumnRole = 'other';
  for (const text of [...texts].reverse()) {
    role = roleOf(text);
    if (role !== 'other') break;
  }
  if (role === 'other' && texts.length > 1) role = roleOf(texts.join(''));
  if ((role === 'other' || shared) && role !== 'serial' && grid.holdsSerials(c)) role = 'serial';
  return { index: c + 1, header, role, shared };
}

/** Roles of text columns that a header spanning a serial column may have named. */
const TEXT_ROLES: readonly ColumnRole[] = ['section', 'task', 'measure'];

/**
 * A text column that holds only numbers, followed by a column without a header, is a serial column
 * under a header spanning both (layouts that write the span as a blank lose it): the numbers are
 * serials and the unlabelled column takes the header's role.
 */
function shiftOffSerials(grid: GridStream, columns: DraftColumn[]): void {
  columns.forEach((column, c) => {
    const next = columns[c + 1];
    if (!next || !TEXT_ROLES.includes(column.role) || next.header !== '' || !grid.holdsSerials(c)) return;
    next.role = column.role;
    next.header = column.header;
    column.role = 'serial';
  });
}

/**
 * True when most of a column's own data cells are serial numbers (a grid stream counts the same
 * cells from its RawTable: `countSerials` in spans.ts).
 */
export function holdsSerials(grid: Grid, c: number): boolean {
  let serials = 0;
  let filled = 0;
  for (let r = grid.headerRows; r < grid.rows.length; r += 1) {
    const slot = grid.rows[r]?.[c];
    if (!slot || slot.kind !== 'own' || slot.cell.column !== c + 1 || isBlankCell(slot.cell)) continue;
    filled += 1;
    if (isSerialCell(slot.cell)) serials += 1;
  }
  return mostlySerial(serials, filled);
}

/** True when four in five of a column's own data cells, or more, are serial numbers. */
export function mostlySerial(serials: number, filled: number): boolean {
  return filled > 0 && serials / filled >= 0.8;
}

/**
 * The roles the columns take once the header's labels are read together: text columns are put in
 * level order from left to right (see `inLevelOrder`), a second column of a role a table has one of
 * is 'other', and the text levels move down when the finest ones are missing (task → measure,
 * section → task).
 */
export function settledRoles(labelled: readonly ColumnRole[]): ColumnRole[] {
  const taken = new Set<ColumnRole>();
  const roles = inLevelOrder(labelled).map((role) => {
    const settled = SINGLE_ROLES.has(role) && taken.has(role) ? 'other' : role;
    taken.add(settled);
    return settled;
  });
  const move = (from: ColumnRole, to: ColumnRole) => {
    const c = roles.indexOf(from);
    if (c < 0 || taken.has(to)) return;
    roles[c] = to;
    taken.delete(from);
    taken.add(to);
  };
  move('task', 'measure');
  move('section', 'task');
  move('task', 'measure');
  return roles;
}

/** The text levels, coarsest first: a table's columns hold them from left to right. */
const LEVELS: readonly ColumnRole[] = ['section', 'task', 'measure'];

/**
 * Text columns read from left to right go down the levels. A column labelled as a level finer than
 * that of the next differently labelled text column to its right, and labelled so again further
 * right, holds the level just above that one, where no column is labelled so (and failing that, the
 * column to the right moves down): in 工作要求 | 工作任务 | 具体要求, both 要求 labels name measures,
 * but the first stands left of the tasks, and holds the sections (一、…).
 */
function inLevelOrder(labelled: readonly ColumnRole[]): ColumnRole[] {
  const roles = [...labelled];
  const present = new Set(roles);
  // Worked out from the right once, so that a header of 20,000 columns is read in linear time: for
  // each level, the nearest text column to the right labelled otherwise, and the rightmost column
  // labelled so.
  const otherwise = roles.map(() => -1);
  const nearest = new Map<ColumnRole, number>();
  const rightmost = new Map<ColumnRole, number>();
  for (let c = roles.length - 1; c >= 0; c -= 1) {
    const role = roles[c] as ColumnRole;
    otherwise[c] = nearest.get(role) ?? -1;
    if (!LEVELS.includes(role)) continue;
    if (!rightmost.has(role)) rightmost.set(role, c);
    for (const level of LEVELS) if (level !== role) nearest.set(level, c);
  }
  roles.forEach((role, c) => {
    const level = LEVELS.indexOf(role);
    const at = otherwise[c] as number;
    if (level < 1 || at < 0) return;
    const next = roles[at] as ColumnRole;
    const above = LEVELS[LEVELS.indexOf(next) - 1];
    // Only where the level is labelled again beyond that column: 工作内容 | 目标任务 (a column of
    // targets labelled as tasks) keeps its measures.
    const again = (rightmost.get(role) ?? -1) > at;
    if (again && LEVELS.indexOf(next) < level && above && !present.has(above)) {
      roles[c] = above;
      present.add(above);
    }
  });
  // A column labelled as a level coarser than that of a text column to its left, which could not
  // move up, holds the level just below that one where no column is labelled so: in 主要任务 |
  // 重点工作和要求, the second column (重点工作 names sections) holds the measures of the tasks.
  let finest = -1;
  roles.forEach((role, c) => {
    const level = LEVELS.indexOf(role);
    if (level < 0) return;
    const below = LEVELS[finest + 1];
    if (level < finest && below && !present.has(below)) {
      roles[c] = below;
      present.add(below);
    }
    finest = Math.max(finest, LEVELS.indexOf(roles[c] as ColumnRole));
  });
  return roles;
}

