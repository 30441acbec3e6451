import { isBlankCell, type Grid, type GridCell, type Slot } from '../grid/grid.js';
import { splitDepartments } from '../normalize/departments.js';
import { splitMarker } from '../normalize/markers.js';
import { normalizeWhitespace } from '../normalize/whitespace.js';
import { roleOfHeader, type RoleOf } from './roles.js';
import type { Column, ColumnRole, Diagnostic, Measure, Place, Section, Task } from './schema.js';

/** The parts of a TaskTable that come from one grid. */
export interface BuiltTable {
  columns: Column[];
  sections: Section[];
  departments: string[];
  diagnostics: Diagnostic[];
}

/** How to read headers and department names. */
export interface BuildSettings {
  /** Column roles from header text. Default: the built-in synonym table. */
  roleOf?: RoleOf;
  /** Department name variants and the names they stand for. Default: none. */
  aliases?: Readonly<Record<string, string>>;
}

/** Roles of which a table has at most one column; a second such column is read as 'other'. */
const SINGLE_ROLES: ReadonlySet<ColumnRole> = new Set(['section', 'task', 'measure', 'serial', 'deadline', 'leader']);

/** The normalized text of a cell, paragraphs joined as line breaks. */
export function cellText(cell: GridCell): string {
  return normalizeWhitespace(cell.paragraphs.join('\n'));
}

/** The place of a cell's top-left slot. */
export function placeOf(grid: Grid, cell: GridCell): Place {
  return { table: grid.table, row: cell.row, column: cell.column, line: cell.line };
}

/** Names each column from the text of the header rows above it and gives it a role. */
export function buildColumns(grid: Grid, roleOf: RoleOf = roleOfHeader): Column[] {
  const taken = new Set<ColumnRole>();
  return Array.from({ length: grid.width }, (_, c) => {
    const cells = new Set<GridCell>();
    for (let r = grid.headerStart; r < grid.headerRows; r += 1) {
      const slot = grid.rows[r]?.[c];
      if (slot && !isBlankCell(slot.cell)) cells.add(slot.cell);
    }
    const header = [...cells].map(cellText).join(' ');
    let role = roleOf(header);
    if (SINGLE_ROLES.has(role) && taken.has(role)) role = 'other';
    taken.add(role);
    return { index: c + 1, header, role };
  });
}

/**
 * Walks the data rows of a grid and builds sections, tasks and measures. A row starts a section or a
 * task where its section or task cell is its own (not covered from above) and not blank, and a
 * measure where its measure cell is. Departments covered by a merged or blank cell are taken from
 * that cell and marked inherited.
 */
export function buildModel(grid: Grid, settings: BuildSettings = {}): BuiltTable {
  const columns = buildColumns(grid, settings.roleOf);
  const builder = new ModelBuilder(grid, columns, settings.aliases ?? {});
  for (let r = grid.headerRows; r < grid.rows.length; r += 1) builder.row(grid.rows[r] as Slot[], r + 1);
  return builder.finish();
}

class ModelBuilder {
  private readonly sections: Section[] = [];
  private readonly diagnostics: Diagnostic[];
  private section: Section | null = null;
  private task: Task | null = null;
  private measure: Measure | null = null;
  private readonly departmentCache = new Map<GridCell, string[]>();
  private readonly sectionColumn: number;
  private readonly taskColumn: number;
  private readonly measureColumn: number;
  private readonly departmentColumns: number[];
  private readonly otherColumns: Column[];

  constructor(
    private readonly grid: Grid,
    private readonly columns: Column[],
    private readonly aliases: Readonly<Record<string, string>>,
  ) {
    this.diagnostics = [...grid.diagnostics];
    const find = (role: ColumnRole): number => columns.find((col) => col.role === role)?.index ?? 0;
    this.sectionColumn = find('section');
    this.taskColumn = find('task');
    this.measureColumn = find('measure');
    // A 责任部门 header spanning two grid columns gives both the role; their names are joined.
    this.departmentColumns = columns.filter((col) => col.role === 'departments').map((col) => col.index);
    this.otherColumns = columns.filter((col) => col.role === 'other');
    if (this.measureColumn === 0) {
      this.diagnostics.push({
        severity: 'error',
        ruleId: 'missing-header',
        message: `No column header names the measures (expected a header such as 具体措施); found: ${
          columns.map((col) => col.header || '(blank)').join(', ') || 'no header'
        }.`,
        place: { table: grid.table, row: Math.max(1, grid.headerRows), column: 1, line: grid.rows[0]?.[0]?.cell.line ?? null },
      });
    }
  }

  row(slots: Slot[], r: number): void {
    if (this.headingRow(slots, r)) return;
    const sectionCell = this.ownCell(slots, this.sectionColumn, r);
    if (sectionCell) this.startSection(sectionCell);
    const taskCell = this.ownCell(slots, this.taskColumn, r);
    if (taskCell) this.startTask(taskCell);
    if (this.measureColumn === 0) return;

    const { cell, kind } = slots[this.measureColumn - 1] as Slot;
    if (cell.row === r && cell.column !== this.measureColumn) return; // a cell spanning in from the left
    const newTask = taskCell !== null;
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
      this.startMeasure(text, { table: this.grid.table, row: r, column: this.measureColumn, line: kind === 'own' ? cell.line : this.rowLine(slots) }, slots, r, newTask);
    }
  }

  /** A row whose one cell spans every column heads a section when it starts with a numbering marker. */
  private headingRow(slots: Slot[], r: number): boolean {
    const first = slots[0];
    if (!first || this.grid.width < 2 || first.cell.row !== r || !slots.every((s) => s.cell === first.cell)) return false;
    if (isBlankCell(first.cell)) return true;
    if (splitMarker(cellText(first.cell))) {
      this.startSection(first.cell);
    } else {
      this.diagnostics.push({
        severity: 'info',
        ruleId: 'spanning-row',
        message: `A row spans the whole table without a numbering marker and was not read as a section: "${cellText(first.cell)}".`,
        place: placeOf(this.grid, first.cell),
      });
    }
    return true;
  }

  /** The cell at a column when it starts in this row at that column and holds text. */
  private ownCell(slots: Slot[], column: number, r: number): GridCell | null {
    if (column === 0) return null;
    const { cell } = slots[column - 1] as Slot;
    return cell.row === r && cell.column === column && !isBlankCell(cell) ? cell : null;
  }

  /** True when a row holds its own text in a department or 'other' column. */
  private rowHasData(slots: Slot[], r: number): boolean {
    return [...this.departmentColumns, ...this.otherColumns.map((col) => col.index)].some((c) => this.ownCell(slots, c, r) !== null);
  }

  private startSection(cell: GridCell): void {
    const marked = splitMarker(cellText(cell));
    this.section = {
      number: marked?.number ?? null,
      marker: marked?.marker ?? null,
      title: marked ? marked.rest : cellText(cell),
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
      title: marked ? marked.rest : cellText(cell),
      measures: [],
      place: placeOf(this.grid, cell),
    });
  }

  private openTask(task: Task): void {
    if (!this.section) {
      this.section = { number: null, marker: null, title: null, tasks: [], place: null };
      this.sections.push(this.section);
    }
    this.section.tasks.push(task);
    this.task = task;
    this.measure = null;
  }

  private startMeasure(text: string, place: Place, slots: Slot[], r: number, newTask: boolean): void {
    // A measure before any task cell (or in a table without a task column) gets an untitled task.
    if (!this.task) this.openTask({ number: null, marker: null, title: '', measures: [], place });
    const { departments, inherited } = this.departmentsOf(slots, r, newTask);
    this.measure = {
      number: splitMarker(text)?.number ?? null,
      text,
      departments,
      lead: [],
      support: [],
      inherited,
      deadline: null,
      notes: null,
      extra: this.extraOf(slots, r, true),
      place,
    };
    (this.task as Task).measures.push(this.measure);
  }

  /** A row whose measure cell is covered from above adds its own department and other cells to that measure. */
  private continueMeasure(slots: Slot[], r: number): void {
    const measure = this.measure;
    if (!measure) return;
    for (const column of this.departmentColumns) {
      const cell = this.ownCell(slots, column, r);
      if (cell) for (const name of this.splitCell(cell)) if (!measure.departments.includes(name)) measure.departments.push(name);
    }
    for (const [key, value] of Object.entries(this.extraOf(slots, r, false))) {
      const before = measure.extra[key];
      setEntry(measure.extra, key, before ? `${before} ${value}` : value);
    }
  }

  /**
   * The departments of a row: the names in its department cells, or in the merged cells covering
   * them (then inherited). A cell spanning in from a column to the left is not a department cell.
   */
  private departmentsOf(slots: Slot[], r: number, newTask: boolean): { departments: string[]; inherited: boolean } {
    if (this.departmentColumns.length === 0) return { departments: [], inherited: false };
    const cells = new Set<GridCell>();
    for (const column of this.departmentColumns) {
      const { cell } = slots[column - 1] as Slot;
      if (cell.row < r || this.departmentColumns.includes(cell.column)) cells.add(cell);
    }
    const departments = [...new Set([...cells].flatMap((cell) => this.splitCell(cell)))];
    const inherited = departments.length > 0 && [...cells].some((cell) => cell.row < r && !isBlankCell(cell));
    const column = this.departmentColumns[0] as number;
    // A blank cell under another task's departments may mean "same as above" or "not filled in";
    // an explicit rowspan across the task boundary is not ambiguous and is not reported.
    if (inherited && newTask && (slots[column - 1] as Slot).kind === 'blank') {
      this.diagnostics.push({
        severity: 'warning',
        ruleId: 'inherit-across-task',
        message: `The first measure of the task in row ${r} has a blank department cell and takes the departments of the task above (${departments.join('、')}); write them out if that is meant.`,
        place: { table: this.grid.table, row: r, column, line: this.rowLine(slots) },
      });
    }
    if (departments.length === 0) {
      const { cell } = slots[column - 1] as Slot;
      this.diagnostics.push({
        severity: 'error',
        ruleId: 'missing-departments',
        message: `The measure in row ${r} names no responsible department, and no merged cell above gives one.`,
        place: { table: this.grid.table, row: r, column, line: cell.row === r ? cell.line : this.rowLine(slots) },
      });
    }
    return { departments, inherited };
  }

  private splitCell(cell: GridCell): string[] {
    let names = this.departmentCache.get(cell);
    if (!names) {
      names = [...new Set(splitDepartments(cell.paragraphs).map((name) => (Object.hasOwn(this.aliases, name) ? (this.aliases[name] as string) : name)))];
      this.departmentCache.set(cell, names);
    }
    return names;
  }

  /** Values of the 'other' columns, keyed by header; covered cells carry their value down when asked. */
  private extraOf(slots: Slot[], r: number, carry: boolean): Record<string, string> {
    const entries: [string, string][] = [];
    for (const col of this.otherColumns) {
      const { cell } = slots[col.index - 1] as Slot;
      const own = cell.row === r && cell.column === col.index;
      if ((own || (carry && cell.row < r)) && !isBlankCell(cell)) entries.push([this.extraKey(col), cellText(cell)]);
    }
    return Object.fromEntries(entries);
  }

  private extraKey(col: Column): string {
    const header = col.header || `column ${col.index}`;
    const twins = this.otherColumns.filter((other) => (other.header || `column ${other.index}`) === header);
    return twins.length > 1 ? `${header} (${col.index})` : header;
  }

  private rowLine(slots: Slot[]): number | null {
    return slots.find((s) => s.kind === 'own')?.cell.line ?? null;
  }

  finish(): BuiltTable {
    const departments = new Set<string>();
    for (const section of this.sections) {
      for (const task of section.tasks) for (const measure of task.measures) for (const name of measure.departments) departments.add(name);
    }
    return { columns: this.columns, sections: this.sections, departments: [...departments], diagnostics: this.diagnostics };
  }
}

/** Sets a key as an own data property, so that keys taken from input ("__proto__") stay plain keys. */
function setEntry(record: Record<string, string>, key: string, value: string): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}
