import type { Grid, GridCell } from '../../src/grid/grid.js';
import type { ColumnRole, Measure, TaskTable } from '../../src/model/schema.js';
import { isAttachmentLabel } from '../../src/model/title.js';

/*
 * Nothing lost: every non-whitespace character of every non-empty cell of the grid that parse()
 * read must show up in the model, in the fields that cell feeds, or in a diagnostic about its rows.
 *
 * What "appears" means, precisely. For each cell (each GridCell once, however many slots it
 * covers) we take the multiset of its non-whitespace characters (white space, and the zero-width
 * characters U+200B, U+2060 and U+FEFF that whitespace normalization deletes, are not counted) and
 * remove it from the multiset of characters of its *pool*, one occurrence per character. A
 * character left over is lost. The pool of a cell is:
 *   - a title row (above the header): the model's title;
 *   - a header row: the column headers;
 *   - a data row: the marker and title (or the measure text) of every section, task or measure
 *     whose `place` is this cell; and, by the role of each column the cell covers, the fields those
 *     columns feed of the measures (and tasks) whose rows overlap the rows the cell covers
 *     (departments/lead/support → departments, lead, support and notes; deadline → deadline text;
 *     notes → notes; other and leader → extra values; serial → measure and task numbers);
 *   - in every case, the messages of diagnostics placed in the rows the cell covers.
 * Counting per cell and per pool keeps the check from passing on characters that merely occur
 * somewhere else in the model.
 *
 * Known normalizations, each handled narrowly (see `excused` and `missingFrom`):
 *   - ditto marks (〃, 同上) in a data cell stand for the cell above: resolveSpans already replaces
 *     such a cell by a 'blank' slot pointing at the cell above, so the ditto's own characters never
 *     reach the grid, and the cell above covers the ditto's row;
 *   - in department cells (roles departments, lead, support) only: ASCII ( ) match full-width （ ）;
 *     the list punctuation 、，,；; between names is the list's structure; a role phrase ending a
 *     name (runs of 牵头/配合/负责… words, optionally a unit word 单位/部门… and a colon after them,
 *     or brackets round them) is excused when it is a lead phrase and the measures have a lead, or a
 *     support phrase and they have support units; a phrase of other role words (按职责分工负责) is
 *     not excused, as fenjie keeps it in `notes`; 会同 is excused when there are both lead and
 *     support units, and 等 right before a role phrase and 由 right before a name with a role when
 *     that phrase is excused or kept in notes;
 *   - in serial cells only: the punctuation after the number ("3." → 3), and a serial that is not a
 *     number is looked for in the measures' extra values, where fenjie keeps it;
 *   - an attachment label ("附件", "附件1：") in a row above the header, which findTitle passes over in
 *     every format (in text and HTML it is a paragraph before the table, outside the grid);
 *   - in department cells: a sentence end after the list ("指挥部、法制办。"), and a plain 责任单位：
 *     label before the names, and a line repeating an earlier line of the cell (the same name twice).
 */

/** Role words, as src/normalize/responsibility.ts knows them, by the side they mark. */
const LEAD_WORDS = ['牵头', '主办'];
const SUPPORT_WORDS = ['配合', '协办', '参与', '协助', '协同', '参加'];
const OTHER_WORDS = [
  '按照职责', '根据职责', '按职责', '依职责', '分工', '分别', '共同', '具体', '各自', '负责',
  '组织实施', '组织落实', '抓好落实', '抓落实', '落实', '实施', '推进', '承办', '办理',
];
const ROLE_WORDS = [...LEAD_WORDS, ...SUPPORT_WORDS, ...OTHER_WORDS].sort((a, b) => b.length - a.length);
const UNIT_WORDS = ['单位', '部门', '处室', '科室', '主体'];
const LIST_PUNCTUATION = new Set(['、', '，', ',', '；', ';']);
const INVISIBLE = /[\s\u200b\u2060\ufeff]/u;
const RESPONSIBLE: readonly ColumnRole[] = ['departments', 'lead', 'support'];

/** An item of the model with the grid rows it takes its values from. */
interface Placed {
  kind: 'section' | 'task' | 'measure';
  row: number;
  end: number;
  column: number;
  texts: string[];
  measure: Measure | null;
  number: number | null;
}

/** Sections, tasks and measures; each runs from its row to the row before the next item of its kind. */
function placedItems(model: TaskTable, height: number): Placed[] {
  const items: Placed[] = [];
  for (const section of model.sections) {
    if (section.place) items.push({ kind: 'section', row: section.place.row, end: height, column: section.place.column, texts: [section.marker ?? '', section.title ?? ''], measure: null, number: section.number });
    for (const task of section.tasks) {
      items.push({ kind: 'task', row: task.place.row, end: height, column: task.place.column, texts: [task.marker ?? '', task.title], measure: null, number: task.number });
      for (const measure of task.measures) {
        items.push({ kind: 'measure', row: measure.place.row, end: height, column: measure.place.column, texts: [measure.text], measure, number: measure.number });
      }
    }
  }
  for (const item of items) {
    const next = items.filter((other) => other.kind === item.kind && other.row > item.row).map((other) => other.row);
    if (next.length > 0) item.end = Math.min(...next) - 1;
  }
  return items;
}

/** Each cell of the grid once, with the first and last row in which a slot shows it. */
function cellsOf(grid: Grid): Map<GridCell, { first: number; last: number; columns: Set<number> }> {
  const cells = new Map<GridCell, { first: number; last: number; columns: Set<number> }>();
  grid.rows.forEach((row, r) => {
    row.forEach((slot, c) => {
      const seen = cells.get(slot.cell);
      if (!seen) cells.set(slot.cell, { first: r + 1, last: r + 1, columns: new Set([c + 1]) });
      else {
        seen.last = Math.max(seen.last, r + 1);
        seen.columns.add(c + 1);
      }
    });
  });
  return cells;
}

/** Fields of a measure that a column of this role feeds. */
function fieldsFor(role: ColumnRole, measure: Measure): string[] {
  if (RESPONSIBLE.includes(role)) return [...measure.departments, ...measure.lead, ...measure.support, measure.notes ?? ''];
  if (role === 'deadline') return [measure.deadline?.text ?? ''];
  if (role === 'notes') return [measure.notes ?? ''];
  if (role === 'other' || role === 'leader') return Object.values(measure.extra);
  return [];
}

/**
 * Positions of a department cell's text that normalization may drop, given what the measures it
 * feeds hold (see the rules above). `text` has ASCII brackets already made full-width.
 */
function excused(text: string, measures: readonly Measure[]): Set<number> {
  const hasLead = measures.some((m) => m.lead.length > 0);
  const hasSupport = measures.some((m) => m.support.length > 0);
  const notes = measures.map((m) => m.notes ?? '').join('\n');
  const out = new Set<number>();
  const mark = (from: number, to: number) => {
    for (let i = from; i < to; i += 1) out.add(i);
  };
  for (let i = 0; i < text.length; i += 1) {
    if (LIST_PUNCTUATION.has(text[i] as string)) out.add(i);
  }
  // A line repeating an earlier line of the cell names the same department again, kept once.
  const seen = new Set<string>();
  let at = 0;
  for (const line of text.split('\n')) {
    const name = line.trim();
    if (name !== '' && seen.has(name)) mark(at, at + line.length);
    seen.add(name);
    at += line.length + 1;
  }
  // A sentence end after a list of names ("指挥部、法制办。") is punctuation, not part of a name.
  const end = text.trimEnd();
  if (/[。.．]$/.test(end)) out.add(end.length - 1);
  // A plain label naming the column ("责任单位：") introduces the names and carries no role.
  for (const label of text.matchAll(/(?:^|(?<=[\n；;，,]))\s*责任(?:单位|部门|处室|科室|主体)[：:]/g)) mark(label.index, label.index + label[0].length);
  for (let i = 0; i < text.length; ) {
    if (text.startsWith('会同', i)) {
      if (hasLead && hasSupport) mark(i, i + 2);
      i += 2;
      continue;
    }
    let end = i;
    const words: string[] = [];
    for (let word = ROLE_WORDS.find((w) => text.startsWith(w, end)); word; word = ROLE_WORDS.find((w) => text.startsWith(w, end))) {
      words.push(word);
      end += word.length;
    }
    if (words.length === 0) {
      i += 1;
      continue;
    }
    // A label ("牵头单位：") carries a unit word and a colon; a bracketed role ("（牵头）") its brackets.
    let tail = end;
    const unit = UNIT_WORDS.find((w) => text.startsWith(w, tail));
    if (unit && /^[：:]/.test(text.slice(tail + unit.length))) tail += unit.length;
    if (/^[：:]/.test(text.slice(tail))) tail += 1;
    const bracketed = text[i - 1] === '（' && text[tail] === '）';
    // Only a phrase that ends a name is a role phrase; role words inside a name ("市推进办") are part of it.
    if (!bracketed && tail < text.length && !LIST_PUNCTUATION.has(text[tail] as string) && !/[\s：:]/.test(text[tail] as string)) {
      i = end;
      continue;
    }
    const lead = words.some((w) => LEAD_WORDS.includes(w));
    const support = words.some((w) => SUPPORT_WORDS.includes(w));
    const phrase = text.slice(i, end);
    const dropped = (lead || support) && (!lead || hasLead) && (!support || hasSupport);
    if (dropped) mark(i, tail);
    if (dropped && bracketed) mark(i - 1, tail + 1);
    if (dropped || notes.includes(phrase)) {
      if (text[i - 1] === '等') out.add(i - 1);
      // "由市教委牵头": 由 opens the item whose role this phrase gives.
      let start = i - 1;
      while (start >= 0 && !LIST_PUNCTUATION.has(text[start] as string) && !/[\s：:]/.test(text[start] as string)) start -= 1;
      if (text[start + 1] === '由' && start + 1 < i - 1) out.add(start + 1);
    }
    i = tail;
  }
  return out;
}

/** Characters of a cell missing from its pool, each pool character used once. */
function missingFrom(required: readonly string[], pool: string, bracketsFolded: boolean): string[] {
  const counts = new Map<string, number>();
  for (const char of pool) counts.set(char, (counts.get(char) ?? 0) + 1);
  const take = (char: string) => {
    const n = counts.get(char) ?? 0;
    if (n > 0) counts.set(char, n - 1);
    return n > 0;
  };
  return required.filter((char) => {
    if (take(char)) return false;
    if (bracketsFolded && char === '(') return !take('（');
    if (bracketsFolded && char === ')') return !take('）');
    return true;
  });
}

/** Every cell of the table read whose characters do not all appear in the model, described. */
export function lostText(grid: Grid, model: TaskTable): string[] {
  const items = placedItems(model, grid.rows.length);
  const roleOf = new Map(model.columns.map((column) => [column.index, column.role]));
  const report: string[] = [];
  for (const [cell, { first, last, columns }] of cellsOf(grid)) {
    const raw = cell.paragraphs.join('\n');
    if ([...raw].every((char) => INVISIBLE.test(char))) continue;
    // An attachment label above the title ("附件1" in a spreadsheet's first row) is passed over as
    // it is in the text before a table in every other format.
    if (last <= grid.headerStart && isAttachmentLabel(raw)) continue;
    const roles = [...columns].map((c) => roleOf.get(c) ?? 'other');
    const responsible = roles.some((role) => RESPONSIBLE.includes(role));
    const serial = roles.includes('serial');
    const overlapping = items.filter((item) => item.row <= last && item.end >= first);
    const measures = overlapping.flatMap((item) => (item.measure ? [item.measure] : []));
    const pool: string[] = [];
    if (last <= grid.headerStart) {
      pool.push(model.title ?? '');
    } else if (first <= grid.headerRows) {
      pool.push(...model.columns.map((column) => column.header));
    } else {
      pool.push(...items.filter((item) => item.row === cell.row && item.column === cell.column).flatMap((item) => item.texts));
      for (const role of new Set(roles)) for (const measure of measures) pool.push(...fieldsFor(role, measure));
      if (serial) pool.push(...overlapping.filter((item) => item.kind !== 'section').map((item) => String(item.number ?? '')));
      if (serial) pool.push(...measures.flatMap((measure) => Object.values(measure.extra)));
    }
    pool.push(
      ...model.diagnostics
        .filter((d) => d.place === null || (d.place.table === grid.table && d.place.row >= first && d.place.row <= last))
        .map((d) => d.message),
    );
    const text = responsible ? raw.replaceAll('(', '（').replaceAll(')', '）') : raw;
    const skip = responsible && first > grid.headerRows ? excused(text, measures) : new Set<number>();
    if (serial && /^\s*\d+[.、．]\s*$/.test(raw)) skip.add(text.trimEnd().length - 1);
    const required = [...text].filter((char, i) => !skip.has(i) && !INVISIBLE.test(char));
    const missing = missingFrom(required, pool.join(''), responsible);
    if (missing.length > 0) {
      report.push(`row ${cell.row}, column ${cell.column} ${JSON.stringify(raw)}: ${JSON.stringify(missing.join(''))} not in the model`);
    }
  }
  return report;
}

