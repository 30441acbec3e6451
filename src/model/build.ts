import { sampleCells } from '../grid/align.js';
import { isBlankCell, SAMPLE_ROWS, type Grid, type GridCell, type GridStream, type Slot } from '../grid/grid.js';
import { parseDeadline } from '../normalize/deadlines.js';
import { splitDepartments } from '../normalize/departments.js';
import { markerKind, markerValue, splitMarker, type MarkerKind } from '../normalize/markers.js';
import { ownCopy } from '../normalize/own-copy.js';
import { normalizeWhitespace } from '../normalize/whitespace.js';
import { readResponsibility, type Responsibility } from '../normalize/responsibility.js';
import { buildColumns, cellText, holdsSerials } from './columns.js';
import { roleOfHeader, type RoleOf } from './roles.js';
import type { Column, ColumnRole, Diagnostic, Measure, Place, Section, Task } from './schema.js';
import { diagnostic } from '../i18n/messages.js';

export { buildColumns, cellText } from './columns.js';

/** The parts of a TaskTable that come from one grid. */
export interface BuiltTable {
  columns: Column[];
  sections: Section[];
  departments: string[];
  diagnostics: Diagnostic[];
}

/** How to read headers, department names and deadlines. */
export interface BuildSettings {
  /** Column roles from header text. Default: the built-in synonym table. */
  roleOf?: RoleOf;
  /** Department name variants and the names they stand for. Default: none. */
  aliases?: Readonly<Record<string, string>>;
  /** The table's year, for deadlines that leave it out ("年底前"). Default: null. */
  year?: number | null;
  /**
   * The grid's columns, where the caller has already worked them out with `buildColumns` and the
   * same `roleOf` (a parse does, to choose its table). Default: worked out here.
   */
  columns?: Column[];
}

/** Roles whose cells name who is responsible. */
const RESPONSIBLE: readonly ColumnRole[] = ['departments', 'lead', 'support'];

/** Roles whose cells place a row in the table (its section, task, measure and serial), not values of its measure. */
const STRUCTURE_ROLES: readonly ColumnRole[] = ['section', 'task', 'measure', 'serial'];

/** Roles with no field of their own in the model: their values go to `extra` under the header. */
const EXTRA: readonly ColumnRole[] = ['other', 'leader'];

/** The place of a cell's top-left slot. */
export function placeOf(grid: Pick<Grid, 'table'>, cell: GridCell): Place {
  return { table: grid.table, row: cell.row, column: cell.column, line: cell.line };
}

/**
 * Walks the data rows of a grid and builds sections, tasks and measures. A row starts a section or a
 * task where its section or task cell is its own (not covered from above) and not blank, and a
 * measure where its measure cell is. Values covered by a merged or blank cell are taken from that
 * cell; departments that came so are marked inherited.
 */
export function buildModel(grid: Grid | GridStream, settings: BuildSettings = {}): BuiltTable {
  const rows = 'next' in grid ? grid : streamOf(grid);
  const columns = settings.columns ?? buildColumns(rows, settings.roleOf);
  const builder = new ModelBuilder(rows, columns, settings.aliases ?? {}, settings.year ?? null, settings.roleOf ?? roleOfHeader);
  let r = rows.headerRows;
  for (let row = rows.next(); row; row = rows.next()) {
    r += 1;
    builder.row(row, r);
  }
  return builder.finish();
}

/** A whole grid read a row at a time (a parse streams its grid; a whole one is built for tests and tools). */
function streamOf(grid: Grid): GridStream {
  let r = grid.headerRows;
  return {
    ...grid,
    rowCount: grid.rows.length,
    head: grid.rows.slice(0, Math.max(1, grid.headerRows)),
    next() {
      r += 1;
      return grid.rows[r - 1];
    },
    holdsSerials: (column) => holdsSerials(grid, column),
    sampleColumn: (column, withNames) => {
      const cells: GridCell[] = [];
      for (const row of grid.rows.slice(grid.headerRows, grid.headerRows + SAMPLE_ROWS)) {
        const slot = row[column];
        if (slot?.kind === 'own' && slot.cell.column === column + 1 && !isBlankCell(slot.cell)) cells.push(slot.cell);
      }
      return sampleCells(cells, withNames);
    },
  };
}

/** What a row says about its measure besides the measure text. */
interface RowValues {
  departments: string[];
  lead: string[];
  support: string[];
  inherited: boolean;
  notes: string[];
  deadline: Measure['deadline'];
  extra: [string, string][];
}

class ModelBuilder {
  private readonly sections: Section[] = [];
  private readonly diagnostics: Diagnostic[];
  private section: Section | null = null;
  private task: Task | null = null;
  private measure: Measure | null = null;
  /**
   * The responsibility last read in each column, by column index: a department cell merged over
   * rows is read once. Rows come in order, so the last cell is the only one met again; a map of
   * every cell was 100,000 entries alive to the end of a 100k-row build.
   */
  private readonly responsibilityCell: (GridCell | undefined)[] = [];
  private readonly responsibilityRead: (Responsibility | undefined)[] = [];
  /**
   * Every department name once: the same few names stand on thousands of measures, and the model
   * holds one string for each (a copy, so that no name pins the input it was cut from).
   */
  private readonly names = new Map<string, string>();
  /**
   * The last serial cell met, the measures it numbers, and their task (null once they belong to two):
   * a serial cell over several rows of one task numbers that task. Rows come in order, so a cell's
   * run of measures is over when another cell numbers one; a map of every serial cell was one entry
   * a row alive to the end.
   */
  private serialRun: { cell: GridCell; task: Task | null; measures: Measure[] } | null = null;
  /** Serial cells over several measures of one task, read once the task is whole. */
  private readonly serialRuns: { task: Task; measures: Measure[] }[] = [];
  /**
   * Department cells already read, by their text: the same few lists stand on thousands of rows,
   * and reading one is the costliest step of a row. Cells of one paragraph are kept by it, cells of
   * several by their paragraphs joined (see `responsibility`); emptied when full, so that they stay small.
   */
  private readonly responsibilityByText = [new Map<string, Responsibility>(), new Map<string, Responsibility>(), new Map<string, Responsibility>()] as const;
  private readonly column: Partial<Record<ColumnRole, number>> = {};
  /** The names a row gives, gathered before they are made unique (see `valuesOf`). */
  private readonly gathered = { lead: new NameList(), support: new NameList(), departments: new NameList(), all: new NameList() };
  /** What the row being read says (see `valuesOf`). */
  private readonly values: RowValues = { departments: [], lead: [], support: [], inherited: false, notes: [], deadline: null, extra: [] };
  /** The cells wider than one column met in the row being read: each is read once. */
  private readonly wide = new Set<GridCell>();
  /** Columns labelled as the units responsible that are read as the supporters of a lead column (see supportBesideLead). */
  private readonly unitsAsSupport: ReadonlySet<number>;
  /** The numbering kinds of measures read from the first column (1. …): a row so numbered is a measure, not a heading. */
  private readonly measureMarkers = new Set<MarkerKind>();
  private readonly responsible: Column[];
  private readonly extras: Column[];
  /** The `extra` key of each extra column, by column index; computed once, as a table may have 50,000 columns. */
  private readonly extraKeys: Map<number, string>;

  constructor(
    private readonly grid: GridStream,
    private readonly columns: Column[],
    private readonly aliases: Readonly<Record<string, string>>,
    private readonly year: number | null,
    /** How headers were read into roles, a caller's synonyms included (see unitsAsSupport). */
    roleOf: RoleOf,
  ) {
    // The grid's own diagnostics come first; those of its data rows are there once the rows are read (see finish).
    this.diagnostics = [];
    for (const col of columns) this.column[col.role] ??= col.index;
    // A 责任部门 header spanning two grid columns gives both the role; their names are joined.
    this.responsible = columns.filter((col) => RESPONSIBLE.includes(col.role));
    // Its header read with the same synonyms the columns were found with: a caller's 落实主体 → departments too.
    this.unitsAsSupport = new Set(columns.filter((col) => col.role === 'support' && roleOf(col.header) === 'departments').map((col) => col.index));
    this.extras = columns.filter((col) => EXTRA.includes(col.role));
    this.extraKeys = extraKeys(this.extras);
    this.reportMissingColumns();
  }

  private reportMissingColumns(): void {
    const place = { table: this.grid.table, row: Math.max(1, this.grid.headerRows), column: 1, line: this.grid.head[0]?.[0]?.cell.line ?? null };
    const found = this.columns.map((col) => col.header || '(blank)').join(', ');
    if (this.column.measure === undefined) {
      this.diagnostics.push(diagnostic('missing-header', 'error', { kind: 'measures', found }, place));
    } else if (this.responsible.length === 0) {
      this.diagnostics.push(diagnostic('missing-header', 'error', { kind: 'departments', found }, place));
    }
  }

  row(slots: Slot[], r: number): void {
    if (this.headingRow(slots, r)) return;
    const sectionCell = this.ownCell(slots, this.column.section, r);
    if (sectionCell) this.startSection(sectionCell);
    const taskCell = this.ownCell(slots, this.column.task, r);
    if (taskCell) this.startTask(taskCell);
    const measureColumn = this.column.measure;
    if (measureColumn === undefined) return;

    const { cell, kind } = slots[measureColumn - 1] as Slot;
    const newTask = taskCell !== null;
    if (cell.row === r && cell.column !== measureColumn) {
      // A task cell spanning over the measure column is its own measure when the row names more.
      if (this.rowHasData(slots, r)) this.startMeasure(cellText(cell), placeOf(this.grid, cell), slots, r, newTask);
      return;
    }
    if (kind === 'span') {
      // A measure cell spanning rows is one measure; if it runs on into a new task, that task shares it.
      if (newTask) this.startMeasure(cellText(cell), placeOf(this.grid, cell), slots, r, newTask);
      else this.continueMeasure(slots, r);
      return;
    }
    // A blank measure cell (own, or continuing a blank-as-merge above) starts a measure only when
    // the row holds values of its own, which then belong to an unnamed measure, not to the one above.
    const text = kind === 'own' ? cellText(cell) : '';
    if (text !== '' || this.rowHasData(slots, r)) {
      const line = kind === 'own' ? cell.line : this.rowLine(slots);
      const place = { table: this.grid.table, row: r, column: measureColumn, line };
      const items = kind === 'own' ? numberedItems(cell.paragraphs) : null;
      if (!items) {
        this.startMeasure(text, place, slots, r, newTask);
        return;
      }
      // A cell of numbered items (3.… / 4.… / 5.…, a paragraph each) holds as many measures, which
      // share the row's units: the first owns them, as the first row of a merged cell does.
      this.startMeasure(items[0] as string, place, slots, r, newTask);
      const first = this.measure as Measure;
      for (const item of items.slice(1)) {
        this.measure = {
          ...first,
          number: markerValue(item),
          text: ownCopy(item),
          departments: [...first.departments],
          lead: [...first.lead],
          support: [...first.support],
          inherited: first.inherited || first.departments.length > 0,
          extra: { ...first.extra },
        };
        (this.task as Task).measures.push(this.measure);
      }
    }
  }

  /**
   * A row whose one cell spans every column heads a section when it starts with a numbering marker.
   * Layouts that write merged cells as blanks write such a row as its first cell and blanks; in a
   * table without a section column, that is a heading row too.
   */
  private headingRow(slots: Slot[], r: number): boolean {
    const first = slots[0];
    if (!first || this.grid.width < 2 || first.cell.row !== r) return false;
    let spans = true;
    for (let c = 1; c < slots.length && spans; c += 1) spans = (slots[c] as Slot).cell === first.cell;
    const writtenAsBlanks =
      this.column.section === undefined &&
      first.kind === 'own' &&
      slots.every((s, c) => c === 0 || s.kind === 'blank' || isBlankCell(s.cell)) &&
      splitMarker(cellText(first.cell)) !== null &&
      !this.numberedAsMeasures(cellText(first.cell));
    if (!spans && !writtenAsBlanks) return false;
    if (isBlankCell(first.cell)) return true;
    if (splitMarker(cellText(first.cell))) {
      this.startSection(first.cell);
    } else {
      this.diagnostics.push(diagnostic('spanning-row', 'info', { kind: 'body', text: cellText(first.cell) }, placeOf(this.grid, first.cell)));
    }
    return true;
  }

  /** The cell at a column when it starts in this row at that column and holds text. */
  private ownCell(slots: Slot[], column: number | undefined, r: number): GridCell | null {
    if (column === undefined) return null;
    const { cell } = slots[column - 1] as Slot;
    return cell.row === r && cell.column === column && !isBlankCell(cell) ? cell : null;
  }

  /** True when a row holds its own text in a column other than section, task, measure and serial. */
  private rowHasData(slots: Slot[], r: number): boolean {
    return this.columns.some((col) => !STRUCTURE_ROLES.includes(col.role) && this.ownCell(slots, col.index, r) !== null);
  }

  private startSection(cell: GridCell): void {
    const marked = splitMarker(cellText(cell));
    this.section = {
      number: marked?.number ?? null,
      marker: marked?.marker ?? null,
      title: ownCopy(marked ? marked.rest : cellText(cell)),
      tasks: [],
      place: placeOf(this.grid, cell),
    };
    this.sections.push(this.section);
    this.task = null;
    this.measure = null;
  }

  private startTask(cell: GridCell): void {
    const marked = splitMarker(cellText(cell));
    this.openTask({
      number: marked?.number ?? null,
      marker: marked?.marker ?? null,
      title: ownCopy(marked ? marked.rest : cellText(cell)),
      measures: [],
      place: placeOf(this.grid, cell),
    });
  }

  private openTask(task: Task): void {
    this.section = appendTask(this.sections, this.section, task);
    this.task = task;
    this.measure = null;
  }

  /** True when a text is numbered as the measures read from the first column are (the merged cells of `2.…` are its units, not a heading's blanks). */
  private numberedAsMeasures(text: string): boolean {
    if (this.measureMarkers.size === 0) return false;
    const kind = numberingKind(text);
    return kind !== null && this.measureMarkers.has(kind);
  }

  private startMeasure(text: string, place: Place, slots: Slot[], r: number, newTask: boolean): void {
    if (place.column === 1) {
      const kind = numberingKind(text);
      if (kind !== null) this.measureMarkers.add(kind);
    }
    // A measure before any task cell (or in a table without a task column) gets an untitled task.
    if (!this.task) this.openTask({ number: null, marker: null, title: '', measures: [], place });
    const values = this.valuesOf(slots, r, true);
    this.checkDepartments(values, slots, r, newTask);
    this.measure = {
      number: markerValue(text),
      // Copies: the model outlives the input, which a slice of it would keep whole.
      text: ownCopy(text),
      departments: values.departments,
      lead: values.lead,
      support: values.support,
      inherited: values.inherited,
      deadline: values.deadline,
      notes: values.notes.length > 0 ? ownCopy(values.notes.join('；')) : null,
      extra: Object.fromEntries(values.extra),
      place,
    };
    this.numberFromSerial(this.measure, slots);
    (this.task as Task).measures.push(this.measure);
  }

  /** A serial cell of one row numbers the measure; the first row of a serial cell over several rows is noted. */
  private numberFromSerial(measure: Measure, slots: Slot[]): void {
    if (this.column.serial === undefined) return;
    const { cell } = slots[this.column.serial - 1] as Slot;
    if (isBlankCell(cell)) return;
    const text = cellText(cell);
    const digits = leadingDigits(text);
    if (digits === 0) {
      // A serial that is not a number ("一", "补1") is kept as written.
      const header = this.columns.find((col) => col.index === this.column.serial)?.header || 'serial';
      setEntry(measure.extra, header, text);
      return;
    }
    if (this.serialRun?.cell !== cell) {
      this.closeSerialRun();
      this.serialRun = { cell, task: this.task, measures: [] };
    } else if (this.serialRun.task !== this.task) {
      this.serialRun.task = null;
    }
    this.serialRun.measures.push(measure);
    measure.number = Number(text.slice(0, digits));
  }

  /** A row whose measure cell is covered from above adds its own values to that measure. */
  private continueMeasure(slots: Slot[], r: number): void {
    const measure = this.measure;
    if (!measure) return;
    const values = this.valuesOf(slots, r, false);
    const add = (list: string[], names: string[]) => {
      for (const name of names) if (!list.includes(name)) list.push(name);
    };
    add(measure.lead, values.lead);
    add(measure.support, values.support);
    add(measure.departments, values.departments);
    if (values.notes.length > 0) measure.notes = [measure.notes, ...values.notes].filter(Boolean).join('；');
    if (values.deadline) {
      // Two deadline cells under one measure read as one text; its last date is when the measure ends.
      measure.deadline = measure.deadline ? parseDeadline(`${measure.deadline.text}；${values.deadline.text}`, this.year) : values.deadline;
    }
    for (const [key, value] of values.extra) {
      const before = Object.hasOwn(measure.extra, key) ? measure.extra[key] : undefined;
      setEntry(measure.extra, key, before ? `${before} ${value}` : value);
    }
  }

  /**
   * What a row says besides its measure: who is responsible (department, lead and support columns,
   * and the 牵头/配合 phrases inside them), notes, the deadline and the other columns. With `carry`,
   * cells covered from above give their value; without it only the row's own cells count.
   */
  private valuesOf(slots: Slot[], r: number, carry: boolean): RowValues {
    // One RowValues is refilled for every row, its names gathered in lists kept from row to row:
    // only the arrays the model keeps are made per row. A row's object, set and seven arrays were a
    // fifth of a 20k-row parse's garbage. The callers copy what they keep of notes and extra.
    const { lead, support, departments, all } = this.gathered;
    lead.clear();
    support.clear();
    departments.clear();
    const { values } = this;
    values.inherited = false;
    values.notes.length = 0;
    values.deadline = null;
    values.extra.length = 0;
    // Indexed: an iterator a row was garbage.
    for (let i = 0; i < this.columns.length; i += 1) {
      const col = this.columns[i] as Column;
      const cell = this.cellAt(slots[col.index - 1] as Slot, col.index, r, carry);
      if (!cell) continue;
      if (cell.row < r && RESPONSIBLE.includes(col.role)) values.inherited = true;
      if (col.role === 'departments') {
        const read = this.responsibility(cell, col.index);
        lead.add(read.lead);
        support.add(read.support);
        departments.add(read.departments);
        if (read.notes) values.notes.push(read.notes);
      } else if (this.unitsAsSupport.has(col.index)) {
        // A 责任单位 column read as the supporters (see supportBesideLead): its role words still count.
        const read = this.responsibility(cell, col.index);
        lead.add(read.lead);
        support.add(read.support);
        support.add(read.departments.filter((name) => !read.lead.includes(name) && !read.support.includes(name)));
        if (read.notes) values.notes.push(read.notes);
      } else if (col.role === 'lead' || col.role === 'support') {
        (col.role === 'lead' ? lead : support).add(this.namesIn(cell));
      } else if (col.role === 'deadline') {
        values.deadline = parseDeadline(ownCopy(cellText(cell)), this.year);
      } else if (col.role === 'notes') {
        values.notes.push(cellText(cell));
      } else if (EXTRA.includes(col.role)) {
        values.extra.push([this.extraKeys.get(col.index) as string, ownCopy(cellText(cell))]);
      }
    }
    if (this.wide.size > 0) this.wide.clear();
    values.lead = lead.unique();
    values.support = support.unique();
    // A lead named again among the units responsible (牵头单位 X | 责任单位 X、Y) does not support itself.
    if (values.lead.length > 0 && values.support.length > 0) values.support = values.support.filter((name) => !values.lead.includes(name));
    all.clear();
    all.add(values.lead);
    all.add(values.support);
    all.addList(departments);
    values.departments = all.unique();
    return values;
  }

  /**
   * The cell a row's slot gives to its column, or null: a blank cell, a cell spanning in from the
   * left (it belongs to its own column), a cell already read in this row, or, without `carry`, a
   * cell covered from above.
   */
  private cellAt(slot: Slot, column: number, r: number, carry: boolean): GridCell | null {
    const { cell } = slot;
    const own = cell.row === r && cell.column === column;
    if (isBlankCell(cell) || (cell.row === r && !own) || (!own && !carry)) return null;
    // Only a cell wider than one column can stand in two slots of a row (a cell borrowed from
    // above is so in the row above), so only those are remembered.
    if (cell.colSpan > 1) {
      if (this.wide.has(cell)) return null;
      this.wide.add(cell);
    }
    return cell;
  }

  /** Reports a measure with nobody responsible, and a blank department cell that borrows from the task above. */
  private checkDepartments(values: RowValues, slots: Slot[], r: number, newTask: boolean): void {
    const column = this.responsible[0]?.index;
    if (column === undefined) return;
    const slot = slots[column - 1] as Slot;
    // A blank cell under another task's departments may mean "same as above" or "not filled in";
    // an explicit rowspan across the task boundary is not ambiguous and is not reported.
    if (values.inherited && newTask && slot.kind === 'blank') {
      const place = { table: this.grid.table, row: r, column, line: this.rowLine(slots) };
      this.diagnostics.push(diagnostic('inherit-across-task', 'warning', { row: r, departments: values.departments.join('、') }, place));
    }
    if (values.departments.length === 0) {
      const place = { table: this.grid.table, row: r, column, line: slot.cell.row === r ? slot.cell.line : this.rowLine(slots) };
      // A cell that says there are none ("/", "—", "无") is quoted, so that it is not taken for a blank one.
      const text = slot.kind === 'blank' ? '' : cellText(slot.cell);
      this.diagnostics.push(diagnostic('missing-departments', 'error', text === '' ? { row: r } : { row: r, text }, place));
    }
  }

  private responsibility(cell: GridCell, column: number): Responsibility {
    const last = this.responsibilityRead[column];
    if (last && this.responsibilityCell[column] === cell) return last;
    const { paragraphs } = cell;
    // Paragraphs without line breaks are told apart joined by line breaks (one string); others are
    // kept by their paragraphs joined with their lengths, in a map of their own.
    const plain = paragraphs.length > 1 && !paragraphs.some((p) => p.includes('\n'));
    const known = this.responsibilityByText[paragraphs.length === 1 ? 0 : plain ? 1 : 2];
    const key = paragraphs.length === 1 ? (paragraphs[0] as string) : plain ? paragraphs.join('\n') : paragraphs.map((p) => `${p.length}:${p}`).join('');
    let read = known.get(key);
    if (read === undefined) {
      const found = readResponsibility(paragraphs);
      read = { ...found, departments: this.alias(found.departments), lead: this.alias(found.lead), support: this.alias(found.support) };
      if (known.size >= RESPONSIBILITIES_KEPT) known.clear();
      known.set(key, read);
    }
    this.responsibilityCell[column] = cell;
    this.responsibilityRead[column] = read;
    return read;
  }

  private namesIn(cell: GridCell): string[] {
    return this.alias(splitDepartments(cell.paragraphs));
  }

  private alias(names: readonly string[]): string[] {
    return unique(names.map((name) => this.intern(Object.hasOwn(this.aliases, name) ? (this.aliases[name] as string) : name)));
  }

  private intern(name: string): string {
    let kept = this.names.get(name);
    if (kept === undefined) {
      kept = ownCopy(name);
      this.names.set(kept, kept);
    }
    return kept;
  }

  private rowLine(slots: Slot[]): number | null {
    return slots.find((s) => s.kind === 'own')?.cell.line ?? null;
  }

  finish(): BuiltTable {
    this.closeSerialRun();
    this.numberBySerialRuns();
    const departments = new Set<string>();
    // Indexed loops: iterators over every measure's names were 1.5 MB of garbage at 20k measures.
    for (const section of this.sections) {
      for (const task of section.tasks) {
        for (const measure of task.measures) for (let i = 0; i < measure.departments.length; i += 1) departments.add(measure.departments[i] as string);
      }
    }
    return { columns: this.columns, sections: this.sections, departments: [...departments], diagnostics: [...this.grid.diagnostics, ...(this.grid.columnDiagnostics ?? []), ...this.diagnostics] };
  }

  private closeSerialRun(): void {
    const run = this.serialRun;
    this.serialRun = null;
    if (run && run.measures.length >= 2 && run.task !== null) this.serialRuns.push({ task: run.task, measures: run.measures });
  }

  /**
   * A serial cell over all the measures of one task numbers that task, not its measures; when the
   * task has a number of its own already, the serial stays on the task's first measure. One over
   * some of a task's measures (民生实事 items 2 of a project numbered 2, in an untitled task)
   * numbers the first of them.
   */
  private numberBySerialRuns(): void {
    for (const { task, measures } of this.serialRuns) {
      const serial = measures[0]?.number ?? null;
      const whole = measures.length === task.measures.length;
      const keep = !whole || (task.number !== null && task.number !== serial);
      if (whole) task.number ??= serial;
      measures.forEach((measure, i) => {
        if (!(keep && i === 0)) measure.number = markerValue(measure.text);
      });
    }
  }
}

/**
 * The paragraphs of a cell when they are two numbered items or more, numbered alike and in steps of
 * one (3.… 4.… 5.…), one a paragraph or run on in one paragraph (see `inlineItems`): their texts;
 * else null.
 */
function numberedItems(paragraphs: readonly string[]): string[] | null {
  // Asked of every measure cell: one paragraph that does not start as 1. or （1） does is told at once.
  if (paragraphs.length === 1 && !startsFirstItem(paragraphs[0] as string)) return null;
  const items = paragraphs.map((p) => normalizeWhitespace(p)).filter((p) => p !== '');
  if (items.length === 1) return inlineItems(items[0] as string);
  if (items.length < 2) return null;
  let kind: MarkerKind | null = null;
  let last = 0;
  for (const item of items) {
    const marked = splitMarker(item);
    const itemKind = marked ? markerKind(marked.marker) : null;
    if (!marked || itemKind === null || (kind !== null && (itemKind !== kind || marked.number !== last + 1)) || marked.rest === '') return null;
    kind = itemKind;
    last = marked.number;
  }
  return items;
}

/** The kind of the numbering marker a text starts with (1., （一）…), or null. */
function numberingKind(text: string): MarkerKind | null {
  const marker = splitMarker(text)?.marker;
  return marker === undefined ? null : markerKind(marker);
}

/** True when a text may start with the first item's marker: 1 (half or full width) or a bracket before it. */
function startsFirstItem(text: string): boolean {
  const start = text.trimStart();
  const code = start.charCodeAt(0);
  const first = code === 0x28 || code === 0xff08 ? start.charCodeAt(1) : code;
  return first === 0x31 || first === 0xff11;
}

/** What may stand before a numbered item that a copy ran on into the text before it: a sentence's end or a space. */
const ITEM_BREAK = /[。；;！!？?\s]/u;

/**
 * The items of one paragraph numbered 1. 2. 3. (or （1）（2）…) where a copy lost the line breaks
 * between them ("1.重大决策预公开。… 2.局制定的政策…"): each next number after a sentence's end or a
 * space, not followed by a digit (2.5%); two items or more, else null.
 */
function inlineItems(text: string): string[] | null {
  const first = splitMarker(text);
  const kind = first ? markerKind(first.marker) : null;
  if (!first || first.number !== 1 || (kind !== 'arabic' && kind !== 'paren-arabic')) return null;
  // One scan of the numbers written as markers, each taken where it is the next one and follows a break.
  const markers = kind === 'arabic' ? /(\d{1,4})[.．、]/gu : /[（(](\d{1,4})[）)]/gu;
  const starts = [0];
  for (const match of text.matchAll(markers)) {
    const at = match.index;
    const after = text.charCodeAt(at + match[0].length);
    if (at === 0 || Number(match[1]) !== starts.length + 1 || !ITEM_BREAK.test(text[at - 1] as string) || (after >= 0x30 && after <= 0x39)) continue;
    starts.push(at);
  }
  if (starts.length < 2) return null;
  return starts.map((at, k) => text.slice(at, starts[k + 1] ?? text.length).trim());
}

/** How many ASCII digits a text starts with. */
function leadingDigits(text: string): number {
  let end = 0;
  while (end < text.length && text.charCodeAt(end) >= 0x30 && text.charCodeAt(end) <= 0x39) end += 1;
  return end;
}

/** Adds a task to the open section, opening an untitled one first when there is none; returns the section. */
export function appendTask(sections: Section[], section: Section | null, task: Task): Section {
  const open = section ?? { number: null, marker: null, title: null, tasks: [], place: null };
  if (!section) sections.push(open);
  open.tasks.push(task);
  return open;
}

/** The key of each extra column under its header; headers shared by several columns get the column's index. */
function extraKeys(extras: readonly Column[]): Map<number, string> {
  const headerOf = (col: Column) => col.header || `column ${col.index}`;
  const counts = new Map<string, number>();
  for (const col of extras) counts.set(headerOf(col), (counts.get(headerOf(col)) ?? 0) + 1);
  return new Map(extras.map((col) => [col.index, (counts.get(headerOf(col)) as number) > 1 ? `${headerOf(col)} (${col.index})` : headerOf(col)]));
}

function unique(names: readonly string[], size = names.length): string[] {
  // A measure names a few departments: a Set for each of them was a tenth of a large table's garbage.
  // The model keeps these arrays, so they are made to size (slice), not grown by filter: a grown
  // array of two names kept room for 17, 12 MiB more at 100k measures.
  if (size > 8) return [...new Set(names.slice(0, size))];
  for (let i = 1; i < size; i += 1) {
    if (names.lastIndexOf(names[i] as string, i - 1) >= 0) return names.slice(0, size).filter((name, j, all) => all.indexOf(name) === j).slice();
  }
  return names.slice(0, size);
}

/**
 * Names gathered from the cells of one row at a time, in an array kept from row to row and filled
 * from its start: emptying an array (length = 0) gives up its room, and refilling it took 10 MB of
 * new room at 20k rows.
 */
class NameList {
  private readonly names: string[] = [];
  private size = 0;

  clear(): void {
    this.size = 0;
  }

  add(names: readonly string[]): void {
    for (let i = 0; i < names.length; i += 1) this.names[this.size++] = names[i] as string;
  }

  addList(list: NameList): void {
    for (let i = 0; i < list.size; i += 1) this.names[this.size++] = list.names[i] as string;
  }

  /** The names gathered, each once, in a new array. */
  unique(): string[] {
    return unique(this.names, this.size);
  }
}

/** How many department cells' readings are kept by their text; a table has a few dozen distinct ones. */
const RESPONSIBILITIES_KEPT = 256;

/** Sets a key as an own data property, so that keys taken from input ("__proto__") stay plain keys. */
function setEntry(record: Record<string, string>, key: string, value: string): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}
