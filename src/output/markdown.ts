import type { Diagnostic, TaskTable } from '../model/schema.js';
import { departmentIndex, MATRIX_LEGEND, matrixCellText } from './department-index.js';
import { reportLayout, SEVERITY_LABELS, summary } from './layout.js';
import { headingText, NAME_SEPARATOR, positionId, responsibilityText } from './rows.js';


/** Marks a cell whose departments came from a merged cell above: the ditto mark, which fenjie reads back as such. */
const DITTO = '〃';

/** A table cell's text for a GFM pipe table: pipes escaped, line breaks as <br>. */
function cell(text: string | number | null): string {
  return String(text ?? '')
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, '<br>');
}

function pipeTable(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  const line = (cells: readonly (string | number | null)[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}

function describe(diagnostic: Diagnostic): string {
  const where = diagnostic.place ? `第 ${diagnostic.place.row} 行${diagnostic.place.line === null ? '' : `（源文件第 ${diagnostic.place.line} 行）`}` : '全表';
  return `${SEVERITY_LABELS[diagnostic.severity]} \`${diagnostic.ruleId}\` ${where}：${diagnostic.message}`;
}

/**
 * The table as a Markdown report: the resolved table as a GFM pipe table under the original's
 * column headers (a section or task cell written once and left blank below, as merged cells are;
 * departments inherited from a merged cell as 〃), the diagnostics at their rows, then the
 * department index and the department × task matrix.
 */
export function toMarkdown(table: TaskTable): string {
  const { measures, hasDeadline, hasNotes, extras, at, unplaced, headers: header } = reportLayout(table);
  const rows: (string | number | null)[][] = [];
  let lastSection: unknown = null;
  let lastTask: unknown = null;
  for (const { section, task, measure, at: pos } of measures) {
    rows.push([
      section === lastSection ? '' : headingText(section),
      task === lastTask ? '' : headingText(task),
      positionId(pos.section, pos.task, pos.measure),
      measure.text,
      measure.inherited ? DITTO : responsibilityText(measure),
      ...(hasDeadline ? [measure.deadline?.text ?? ''] : []),
      ...(hasNotes ? [measure.notes] : []),
      ...extras.map((key) => measure.extra[key] ?? ''),
      ...(at.size ? [(at.get(measure) ?? []).map(describe).join('\n')] : []),
    ]);
    lastSection = section;
    lastTask = task;
  }
  const index = departmentIndex(table);
  const parts = [
    `# ${table.title ?? table.source.name ?? '任务分解表'}`,
    summary(table),
    // The table follows the title with no heading between, so that fenjie reads the title back with it.
    `${pipeTable(header, rows)}\n\n空白的部分、任务单元格与上方合并；${DITTO} 表示责任部门同上（取自合并单元格）。`,
    unplaced.length ? `## 问题\n\n${unplaced.map((d) => `- ${describe(d)}`).join('\n')}` : '',
    `## 部门一览\n\n${pipeTable(
      ['部门', '牵头', '配合', '共同', '措施合计', '涉及任务数', '措施编号'],
      index.departments.map((d) => [d.name, d.counts.lead, d.counts.support, d.counts.shared, d.counts.total, d.taskCount, d.measures.map((m) => m.id).join(NAME_SEPARATOR)]),
    )}`,
    `## 部门 × 任务\n\n${pipeTable(
      ['部门', ...index.tasks.map((t) => t.id)],
      index.departments.map((d, i) => [d.name, ...(index.matrix[i] ?? []).map(matrixCellText)]),
    )}\n\n${MATRIX_LEGEND}。\n\n${index.tasks.map((t) => `- ${t.id} ${headingText(t)}`).join('\n')}`,
  ];
  return `${parts.filter(Boolean).join('\n\n')}\n`;
}
