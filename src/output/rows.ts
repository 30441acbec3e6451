import type { ColumnRole, Diagnostic, Measure, Section, Task, TaskTable } from '../model/schema.js';

/**
 * One measure as a flat row, with its section and task repeated: what spreadsheets, CSV and JSON
 * Lines hold. `section`, `task` and `measure` are 1-based positions (a table's sections, a section's
 * tasks, a task's measures), so that every row has an id even where the table numbers nothing.
 */
export interface FlatRow {
  /** The source file (`source.name`), or null for in-memory input. */
  file: string | null;
  section: number;
  task: number;
  measure: number;
  sectionNumber: number | null;
  sectionTitle: string | null;
  taskNumber: number | null;
  taskTitle: string;
  measureNumber: number | null;
  text: string;
  departments: string[];
  lead: string[];
  support: string[];
  inherited: boolean;
  deadline: string | null;
  due: string | null;
  /** Whether the deadline says "ongoing" (持续推进); null when the measure has no deadline. */
  ongoing: boolean | null;
  notes: string | null;
  extra: Record<string, string>;
  table: number;
  row: number;
  column: number;
  line: number | null;
}

/** A measure with the section and task it belongs to and its 1-based positions. */
export interface MeasureInContext {
  section: Section;
  task: Task;
  measure: Measure;
  /** 1-based positions of section, task (within its section) and measure (within its task). */
  at: { section: number; task: number; measure: number };
}

/** Every measure of a table in reading order, with where it sits. */
export function* eachMeasure(table: TaskTable): Generator<MeasureInContext> {
  for (const [s, section] of table.sections.entries())
    for (const [t, task] of section.tasks.entries())
      for (const [m, measure] of task.measures.entries()) yield { section, task, measure, at: { section: s + 1, task: t + 1, measure: m + 1 } };
}

/** The id of a task or measure from its positions: "2.3" or "2.3.1". */
export function positionId(...positions: number[]): string {
  return positions.join('.');
}

/** One flat row per measure of the table, in reading order. */
export function flatRows(table: TaskTable): FlatRow[] {
  const rows: FlatRow[] = [];
  for (const { section, task, measure, at } of eachMeasure(table)) {
    rows.push({
      file: table.source.name,
      ...at,
      sectionNumber: section.number,
      sectionTitle: section.title,
      taskNumber: task.number,
      taskTitle: task.title,
      measureNumber: measure.number,
      text: measure.text,
      departments: measure.departments,
      lead: measure.lead,
      support: measure.support,
      inherited: measure.inherited,
      deadline: measure.deadline?.text ?? null,
      due: measure.deadline?.due ?? null,
      ongoing: measure.deadline?.ongoing ?? null,
      notes: measure.notes,
      extra: measure.extra,
      ...measure.place,
    });
  }
  return rows;
}

/** One column of the flat rows as people see it in CSV and spreadsheets. */
export interface RowColumn {
  /** The header written in the first row. */
  header: string;
  /** The cell's value: text, a number, or null for an empty cell. */
  value: (row: FlatRow) => string | number | null;
  /** What the column holds, so that writers can size and type it. */
  kind: 'text' | 'long-text' | 'number';
}

/** How a list of names is written in one cell. */
export const NAME_SEPARATOR = '、';

const yesNo = (value: boolean | null) => (value === null ? null : value ? '是' : '否');

/**
 * The fixed columns before the `extra` ones. The headers are Chinese, as in the tables themselves,
 * and chosen so that fenjie reads a written CSV back: 序号 is a serial, 任务 a task, 具体措施 the
 * measure, 责任部门/牵头单位/配合单位 the departments, 完成时限 the deadline, 备注 the notes; the
 * others name no role ("编号" alone is not looked for inside a longer header, unlike "序号").
 */
const LEADING: readonly RowColumn[] = [
  { header: '文件', value: (r) => r.file, kind: 'text' },
  { header: '部分编号', value: (r) => r.sectionNumber, kind: 'number' },
  { header: '部分', value: (r) => r.sectionTitle, kind: 'long-text' },
  { header: '任务编号', value: (r) => r.taskNumber, kind: 'number' },
  { header: '任务', value: (r) => r.taskTitle, kind: 'long-text' },
  { header: '序号', value: (r) => r.measureNumber, kind: 'number' },
  { header: '具体措施', value: (r) => r.text, kind: 'long-text' },
  { header: '责任部门', value: (r) => r.departments.join(NAME_SEPARATOR), kind: 'text' },
  { header: '牵头单位', value: (r) => r.lead.join(NAME_SEPARATOR), kind: 'text' },
  { header: '配合单位', value: (r) => r.support.join(NAME_SEPARATOR), kind: 'text' },
  { header: '部门来自合并单元格', value: (r) => yesNo(r.inherited), kind: 'text' },
  { header: '完成时限', value: (r) => r.deadline, kind: 'text' },
  { header: '截止日期', value: (r) => r.due, kind: 'text' },
  { header: '持续推进', value: (r) => yesNo(r.ongoing), kind: 'text' },
  { header: '备注', value: (r) => r.notes, kind: 'text' },
];

const TRAILING: readonly RowColumn[] = [
  { header: '表', value: (r) => r.table, kind: 'number' },
  { header: '行', value: (r) => r.row, kind: 'number' },
  { header: '列', value: (r) => r.column, kind: 'number' },
  { header: '源文件行', value: (r) => r.line, kind: 'number' },
];

/**
 * The columns of the flat rows of these tables: the fixed ones, then one per `extra` header in
 * order of first appearance (a header that clashes with a fixed one gets "（原表）" appended), then
 * the place of the measure's cell.
 */
export function rowColumns(tables: readonly TaskTable[]): RowColumn[] {
  const fixed = new Set([...LEADING, ...TRAILING].map((c) => c.header));
  const extras = new Map<string, RowColumn>();
  for (const table of tables)
    for (const { measure } of eachMeasure(table))
      for (const key of Object.keys(measure.extra)) {
        if (extras.has(key)) continue;
        const header = fixed.has(key) ? `${key}（原表）` : key;
        extras.set(key, { header, value: (r) => r.extra[key] ?? null, kind: 'text' });
      }
  return [...LEADING, ...extras.values(), ...TRAILING];
}

/** The flat rows of one or several tables as cells under {@link rowColumns}: a header row first. */
export function rowMatrix(tables: readonly TaskTable[]): { columns: RowColumn[]; rows: FlatRow[] } {
  return { columns: rowColumns(tables), rows: tables.flatMap(flatRows) };
}

/** A single table or several, as a list. */
export function tableList(tables: TaskTable | readonly TaskTable[]): readonly TaskTable[] {
  return Array.isArray(tables) ? tables : [tables as TaskTable];
}

/**
 * A measure's departments as one line for people: "A、B" where the table names no lead, else
 * "牵头：A；配合：B、C" (and "其他：D" for names in neither list).
 */
export function responsibilityText(measure: Pick<Measure, 'departments' | 'lead' | 'support'>): string {
  const { departments, lead, support } = measure;
  if (lead.length === 0 && support.length === 0) return departments.join(NAME_SEPARATOR);
  const others = departments.filter((name) => !lead.includes(name) && !support.includes(name));
  return [
    lead.length ? `牵头：${lead.join(NAME_SEPARATOR)}` : '',
    support.length ? `配合：${support.join(NAME_SEPARATOR)}` : '',
    others.length ? `其他：${others.join(NAME_SEPARATOR)}` : '',
  ]
    .filter(Boolean)
    .join('；');
}

/** A section's or task's heading as written: marker and title ("一、推进重点领域信息公开"). */
export function headingText(item: { marker: string | null; title: string | null }): string {
  return `${item.marker ?? ''}${item.title ?? ''}`;
}

/**
 * The table's diagnostics placed at the measures whose row they point at (same table and grid
 * row); the others (file-level ones, header rows, other tables) are `unplaced`.
 */
export function diagnosticsAtMeasures(table: TaskTable): { at: Map<Measure, Diagnostic[]>; unplaced: Diagnostic[] } {
  const byRow = new Map<string, Measure>();
  for (const { measure } of eachMeasure(table)) byRow.set(`${measure.place.table}:${measure.place.row}`, measure);
  const at = new Map<Measure, Diagnostic[]>();
  const unplaced: Diagnostic[] = [];
  for (const diagnostic of table.diagnostics) {
    const measure = diagnostic.place && byRow.get(`${diagnostic.place.table}:${diagnostic.place.row}`);
    if (!measure) unplaced.push(diagnostic);
    else at.set(measure, [...(at.get(measure) ?? []), diagnostic]);
  }
  return { at, unplaced };
}

/** The header of the table's first column with a role (so that a report reads like the original), else `fallback`. */
export function headerOf(table: TaskTable, role: ColumnRole, fallback: string): string {
  return table.columns.find((column) => column.role === role && column.header !== '')?.header ?? fallback;
}
