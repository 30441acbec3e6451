import type { Diagnostic, Measure, TaskTable } from '../model/schema.js';
import { departmentIndex, MATRIX_LEGEND, matrixCellText, ROLE_LABELS, type RoleCounts } from './department-index.js';
import { reportLayout, SEVERITY_LABELS, summary, type ReportLayout } from './layout.js';
import { headingText, NAME_SEPARATOR, positionId, responsibilityText, type MeasureInContext } from './rows.js';

/** Text escaped for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** A cell of the measures table: its logical column (for the filter script), rowspan, class and inner HTML. */
interface Td {
  col: number;
  span: number;
  className: string;
  html: string;
}

const CSS = `
:root { --line: #c8ccd2; --head: #eef3f9; --muted: #5f6670; --lead: #b42318; --support: #175cd3; --shared: #067647; }
* { box-sizing: border-box; }
body { font: 14px/1.55 system-ui, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif; color: #1d2127; margin: 24px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; }
.summary, .legend, .note { color: var(--muted); margin: 4px 0; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid var(--line); padding: 4px 6px; vertical-align: top; text-align: left; }
thead th { background: var(--head); position: sticky; top: 0; z-index: 1; white-space: nowrap; }
td.merged { vertical-align: middle; }
td.id { color: var(--muted); white-space: nowrap; font-variant-numeric: tabular-nums; }
td.departments { min-width: 9em; }
td.inherited { background: repeating-linear-gradient(135deg, #fff, #fff 6px, #f4f6f8 6px, #f4f6f8 12px); }
.badge { display: inline-block; font-size: 12px; color: var(--muted); border: 1px solid var(--line); border-radius: 3px; padding: 0 4px; margin-top: 2px; }
.lead { color: var(--lead); font-weight: 600; }
.support { color: var(--support); }
.shared { color: var(--shared); }
tr.error td.problems { background: #fef3f2; }
tr.warning td.problems { background: #fffaeb; }
td.problems ul, .problems-list { margin: 0; padding-left: 1.2em; }
.sev-error { color: #b42318; font-weight: 600; }
.sev-warning { color: #b54708; font-weight: 600; }
.sev-info { color: var(--muted); font-weight: 600; }
code { font-size: 12px; }
#filter { margin: 12px 0; padding: 8px 10px; background: var(--head); border-radius: 4px; }
#filter select { font: inherit; }
table.matrix { width: auto; }
table.matrix th.task { vertical-align: bottom; text-align: center; font-weight: normal; padding: 6px 2px; }
table.matrix th.task span { writing-mode: vertical-rl; display: inline-block; max-height: 13em; white-space: normal; text-align: left; }
table.matrix td { text-align: center; white-space: nowrap; min-width: 2.6em; }
table.matrix td.name, table.index td.name { text-align: left; }
table.index { width: auto; }
table.index td.count { text-align: right; font-variant-numeric: tabular-nums; }
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  body { margin: 0; font-size: 11px; }
  #filter { display: none; }
  thead { display: table-header-group; }
  thead th { position: static; }
  tr { break-inside: avoid; }
  h2 { break-after: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

/**
 * The filter: keeps the rows that name the chosen department. Rows are removed (not hidden) from a
 * fresh copy of the table, and a merged cell whose first row goes moves to its first kept row,
 * spanning only the kept rows, so that merged cells stay merged in the filtered view.
 */
const SCRIPT = `
(function () {
  var panel = document.getElementById('filter');
  var select = document.getElementById('department-filter');
  var body = document.querySelector('#measures tbody');
  var shown = document.getElementById('filter-count');
  if (!panel || !select || !body) return;
  var original = body.innerHTML;
  panel.hidden = false;
  function apply() {
    var name = select.value;
    body.innerHTML = original;
    var rows = Array.prototype.slice.call(body.rows);
    var keep = rows.map(function (row) { return !name || JSON.parse(row.getAttribute('data-departments')).indexOf(name) >= 0; });
    var cells = [];
    rows.forEach(function (row, i) { Array.prototype.forEach.call(row.cells, function (cell) { cells.push([cell, i]); }); });
    cells.forEach(function (pair) {
      var cell = pair[0], start = pair[1], span = cell.rowSpan;
      if (span < 2) return;
      var kept = 0, first = -1;
      for (var k = start; k < start + span && k < rows.length; k++) if (keep[k]) { kept++; if (first < 0) first = k; }
      if (kept === 0) return;
      cell.rowSpan = kept;
      if (first === start) return;
      var col = Number(cell.getAttribute('data-col'));
      var before = Array.prototype.find.call(rows[first].cells, function (c) { return Number(c.getAttribute('data-col')) > col; });
      rows[first].insertBefore(cell, before || null);
    });
    rows.forEach(function (row, i) { if (!keep[i]) row.remove(); });
    document.querySelectorAll('[data-department]').forEach(function (el) { el.hidden = !!name && el.getAttribute('data-department') !== name; });
    shown.textContent = name ? '显示 ' + keep.filter(Boolean).length + ' / ' + rows.length + ' 项措施' : '';
  }
  select.addEventListener('change', apply);
  if (select.value) apply();
})();
`;

function problemsHtml(diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .map((d) => {
      const where = d.place ? `第 ${d.place.row} 行${d.place.line === null ? '' : `，源文件第 ${d.place.line} 行`}：` : '';
      return `<li><span class="sev-${d.severity}">${SEVERITY_LABELS[d.severity]}</span> <code>${escapeHtml(d.ruleId)}</code> ${escapeHtml(where + d.message)}</li>`;
    })
    .join('');
}

/** The departments as HTML: lead names marked where the table names a lead. */
function departmentsHtml(measure: Measure): string {
  if (measure.lead.length === 0 && measure.support.length === 0) return escapeHtml(responsibilityText(measure));
  const names = (list: readonly string[], role: 'lead' | 'support' | 'shared') =>
    list.length ? `${ROLE_LABELS[role]}：<span class="${role}">${escapeHtml(list.join(NAME_SEPARATOR))}</span>` : '';
  const others = measure.departments.filter((n) => !measure.lead.includes(n) && !measure.support.includes(n));
  return [names(measure.lead, 'lead'), names(measure.support, 'support'), others.length ? `其他：${escapeHtml(others.join(NAME_SEPARATOR))}` : '']
    .filter(Boolean)
    .join('<br>');
}

/** Lengths of runs of consecutive items with the same key; each run's length at its first item, 0 inside it. */
function runs<T>(items: readonly T[], same: (a: T, b: T) => boolean): number[] {
  const spans = items.map(() => 0);
  let start = 0;
  items.forEach((item, i) => {
    if (i > 0 && same(items[start] as T, item)) spans[start] = (spans[start] ?? 0) + 1;
    else spans[(start = i)] = 1;
  });
  return spans;
}

function measuresTable(layout: ReportLayout): string {
  const { measures, hasSections, hasDeadline, hasNotes, extras, at, headers: all } = layout;
  const sectionSpans = runs(measures, (a, b) => a.section === b.section);
  const taskSpans = runs(measures, (a, b) => a.task === b.task);
  // Departments merge where a measure took them from the merged cell above (inherited) and they read the same.
  const departmentSpans = runs(measures, (a: MeasureInContext, b) => b.measure.inherited && responsibilityText(a.measure) === responsibilityText(b.measure));

  const headers = hasSections ? all : all.slice(1);
  const body = measures.map((item, i) => {
    const { section, task, measure, at: pos } = item;
    const tds: Td[] = [];
    const add = (span: number, className: string, html: string) => tds.push({ col: tds.length, span, className, html });
    const skip = () => tds.push({ col: tds.length, span: 0, className: '', html: '' });
    if (hasSections) {
      if (sectionSpans[i]) add(sectionSpans[i] as number, 'merged section', escapeHtml(headingText(section)));
      else skip();
    }
    if (taskSpans[i]) add(taskSpans[i] as number, 'merged task', escapeHtml(headingText(task)));
    else skip();
    add(1, 'id', positionId(pos.section, pos.task, pos.measure));
    add(1, 'text', escapeHtml(measure.text));
    const span = departmentSpans[i] ?? 0;
    if (span) {
      const inherited = measure.inherited || span > 1;
      const badge = measure.inherited
        ? '<span class="badge" title="责任部门取自上方的合并单元格">同上（合并单元格）</span>'
        : span > 1
          ? `<span class="badge" title="原表中此单元格为合并单元格">合并单元格，${span} 项措施</span>`
          : '';
      add(span, `departments${span > 1 ? ' merged' : ''}${inherited ? ' inherited' : ''}`, `${departmentsHtml(measure)}${badge ? `<br>${badge}` : ''}`);
    } else skip();
    if (hasDeadline) add(1, 'deadline', escapeHtml(measure.deadline?.text ?? ''));
    if (hasNotes) add(1, 'notes', escapeHtml(measure.notes ?? ''));
    for (const key of extras) add(1, 'extra', escapeHtml(measure.extra[key] ?? ''));
    const problems = at.get(measure) ?? [];
    if (at.size) add(1, 'problems', problems.length ? `<ul>${problemsHtml(problems)}</ul>` : '');
    const worst = problems.find((d) => d.severity === 'error') ?? problems.find((d) => d.severity === 'warning');
    const cells = tds
      .filter((td) => td.span > 0)
      .map((td) => `<td data-col="${td.col}"${td.span > 1 ? ` rowspan="${td.span}"` : ''}${td.className ? ` class="${td.className}"` : ''}>${td.html}</td>`)
      .join('');
    return `<tr id="m${positionId(pos.section, pos.task, pos.measure)}"${worst ? ` class="${worst.severity}"` : ''} data-departments="${escapeHtml(JSON.stringify(measure.departments))}">${cells}</tr>`;
  });
  return `<table id="measures"><thead><tr>${headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>\n<tbody>\n${body.join('\n')}\n</tbody></table>`;
}

function countCell(counts: RoleCounts): string {
  const parts = (['lead', 'support', 'shared'] as const).filter((role) => counts[role] > 0);
  if (parts.length === 0) return '<td></td>';
  const text = matrixCellText(counts);
  const title = parts.map((role) => `${ROLE_LABELS[role]} ${counts[role]} 项`).join('，');
  return `<td class="${parts[0]}" title="${title}">${escapeHtml(text)}</td>`;
}

/**
 * The table as one self-contained HTML page (no network, readable without scripts, printable): the
 * resolved table with merged section, task and department cells shown merged and inherited
 * departments marked, each diagnostic at its row (the others above the table), the department ×
 * task matrix and the department index; a small inline script filters everything by department.
 */
export function toHtml(table: TaskTable): string {
  const title = table.title ?? table.source.name ?? '任务分解表';
  const index = departmentIndex(table);
  const layout = reportLayout(table);
  const { unplaced } = layout;
  const options = index.departments
    .map((d) => `<option value="${escapeHtml(d.name)}">${escapeHtml(d.name)}（${d.counts.total}）</option>`)
    .join('');
  const matrix = `<table class="matrix"><thead><tr><th>部门</th><th>合计</th>${index.tasks
    .map((t) => `<th class="task" title="${escapeHtml(`${t.id} ${headingText(t)}`)}"><span>${escapeHtml(headingText(t))}</span></th>`)
    .join('')}</tr></thead><tbody>${index.departments
    .map(
      (d, i) =>
        `<tr data-department="${escapeHtml(d.name)}"><td class="name">${escapeHtml(d.name)}</td><td>${d.counts.total}</td>${(index.matrix[i] ?? []).map(countCell).join('')}</tr>`,
    )
    .join('\n')}</tbody></table>`;
  const departments = `<table class="index"><thead><tr><th>部门</th><th>牵头</th><th>配合</th><th>共同</th><th>合计</th><th>任务数</th><th>措施</th></tr></thead><tbody>${index.departments
    .map((d) => {
      const links = d.measures
        .map((m) => `<a href="#m${m.id}" class="${m.role}" title="${escapeHtml(`${ROLE_LABELS[m.role]}：${m.text}`)}">${m.id}</a>`)
        .join(' ');
      const counts = [d.counts.lead, d.counts.support, d.counts.shared, d.counts.total, d.taskCount].map((n) => `<td class="count">${n}</td>`).join('');
      return `<tr data-department="${escapeHtml(d.name)}"><td class="name">${escapeHtml(d.name)}</td>${counts}<td>${links}</td></tr>`;
    })
    .join('\n')}</tbody></table>`;
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="fenjie">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="summary">${escapeHtml(summary(table))}</p>
<div id="filter" hidden><label>按部门筛选：<select id="department-filter"><option value="">全部部门</option>${options}</select></label> <span id="filter-count"></span></div>
${unplaced.length ? `<h2>问题</h2><ul class="problems-list">${problemsHtml(unplaced)}</ul>` : ''}
<h2>任务分解</h2>
<p class="legend">合并的单元格按原表合并显示；斜纹底色的责任部门取自合并单元格（“同上”）。</p>
${measuresTable(layout)}
<h2>部门 × 任务</h2>
<p class="legend">${escapeHtml(MATRIX_LEGEND)}</p>
${matrix}
<h2>部门一览</h2>
${departments}
<p class="note">由 fenjie 生成。</p>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
