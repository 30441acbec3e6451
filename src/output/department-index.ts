import type { TaskTable } from '../model/schema.js';
import { eachMeasure, positionId, tableList } from './rows.js';

/**
 * How a department takes part in a measure: it leads it (牵头), supports it (配合), or shares it
 * with the others named, where the table does not say who leads.
 */
export type DepartmentRole = 'lead' | 'support' | 'shared';

/** How many measures a department leads, supports and shares, and their sum. */
export interface RoleCounts {
  lead: number;
  support: number;
  shared: number;
  total: number;
}

/** A task as a column of the department × task matrix. */
export interface IndexedTask {
  /** The source file (`source.name`) of the task's table; null for in-memory input. */
  file: string | null;
  /** "section.task" by 1-based position, e.g. "2.3". */
  id: string;
  sectionTitle: string | null;
  marker: string | null;
  number: number | null;
  title: string;
}

/** A measure that a department takes part in, and how. */
export interface IndexedMeasure {
  file: string | null;
  /** "section.task.measure" by 1-based position, e.g. "2.3.1". */
  id: string;
  /** Index of the measure's task in {@link DepartmentIndex.tasks}. */
  task: number;
  text: string;
  role: DepartmentRole;
  /** True when the departments came from a merged cell above (the measure's `inherited`). */
  inherited: boolean;
}

/** One department: the measures it leads, supports or shares, with counts. */
export interface DepartmentEntry {
  name: string;
  counts: RoleCounts;
  /** How many distinct tasks the department takes part in. */
  taskCount: number;
  /** Its measures in reading order. */
  measures: IndexedMeasure[];
}

/** Who does what: every department with its measures, and a department × task matrix. */
export interface DepartmentIndex {
  /** Departments in order of first appearance. */
  departments: DepartmentEntry[];
  /** Every task of the tables, in reading order: the matrix's columns. */
  tasks: IndexedTask[];
  /** `matrix[d][t]`: the role counts of department `d` in task `t`. */
  matrix: RoleCounts[][];
}

const zero = (): RoleCounts => ({ lead: 0, support: 0, shared: 0, total: 0 });

/**
 * Builds the department index of one table, or of several (a combined index whose tasks carry
 * their file). A department is a measure's lead when the measure's `lead` names it, its support
 * when `support` does, and shares it otherwise.
 */
export function departmentIndex(tables: TaskTable | readonly TaskTable[]): DepartmentIndex {
  const tasks: IndexedTask[] = [];
  const byName = new Map<string, { entry: DepartmentEntry; row: Map<number, RoleCounts> }>();
  for (const table of tableList(tables)) {
    const file = table.source.name;
    let previous: unknown = null;
    for (const { section, task, measure, at } of eachMeasure(table)) {
      if (task !== previous) {
        tasks.push({ file, id: positionId(at.section, at.task), sectionTitle: section.title, marker: task.marker, number: task.number, title: task.title });
        previous = task;
      }
      const taskIndex = tasks.length - 1;
      // A name listed twice in one cell counts once.
      for (const name of new Set(measure.departments)) {
        const role: DepartmentRole = measure.lead.includes(name) ? 'lead' : measure.support.includes(name) ? 'support' : 'shared';
        let found = byName.get(name);
        if (!found) {
          found = { entry: { name, counts: zero(), taskCount: 0, measures: [] }, row: new Map() };
          byName.set(name, found);
        }
        found.entry.measures.push({ file, id: positionId(at.section, at.task, at.measure), task: taskIndex, text: measure.text, role, inherited: measure.inherited });
        count(found.entry.counts, role);
        let cell = found.row.get(taskIndex);
        if (!cell) found.row.set(taskIndex, (cell = zero()));
        count(cell, role);
      }
    }
  }
  const departments = [...byName.values()];
  for (const { entry, row } of departments) entry.taskCount = row.size;
  return {
    departments: departments.map((d) => d.entry),
    tasks,
    matrix: departments.map(({ row }) => tasks.map((_, t) => row.get(t) ?? zero())),
  };
}

function count(counts: RoleCounts, role: DepartmentRole): void {
  counts[role] += 1;
  counts.total += 1;
}

/** Labels of the roles, as the outputs print them. */
export const ROLE_LABELS: Readonly<Record<DepartmentRole, string>> = { lead: '牵头', support: '配合', shared: '共同' };

/** Marks of the roles in matrix cells: ● leads, ○ supports, ◆ shares (the table names no lead). */
export const ROLE_MARKS: Readonly<Record<DepartmentRole, string>> = { lead: '●', support: '○', shared: '◆' };

/** A matrix cell as text: "●2 ○1" (leads two measures of the task, supports one); '' when none. */
export function matrixCellText(counts: RoleCounts): string {
  return (['lead', 'support', 'shared'] as const)
    .filter((role) => counts[role] > 0)
    .map((role) => `${ROLE_MARKS[role]}${counts[role]}`)
    .join(' ');
}

/** A task's label in the matrix: its marker or number and title ("1、完善执法信息公开"), with the file when asked. */
export function taskLabel(task: IndexedTask, withFile = false): string {
  const head = task.marker ?? (task.number === null ? '' : `${task.number}. `);
  return `${withFile && task.file ? `${task.file}：` : ''}${head}${task.title}`;
}

/** The legend of the matrix marks, one line. */
export const MATRIX_LEGEND = '● 牵头　○ 配合　◆ 共同负责（表中未分牵头、配合）；数字为措施数';
