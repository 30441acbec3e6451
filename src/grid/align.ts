import { roleOfHeader, type RoleOf } from '../model/roles.js';
import type { ColumnRole, Diagnostic } from '../model/schema.js';
import { markerKind, splitMarker } from '../normalize/markers.js';
import { splitDepartments } from '../normalize/departments.js';
import { simplify } from '../normalize/script.js';
import { normalizeWhitespace } from '../normalize/whitespace.js';
import { rawCell, type RawCell, type RawRow, type RawTable } from '../read/raw-table.js';
import { isDitto } from './grid.js';

/** What a cell holds, as far as placing it in a column goes. */
type Kind = 'blank' | 'ditto' | 'serial' | 'departments' | 'deadline' | 'text' | `marker-${string}`;

/** How the name of a body ends: 部, 办, 局, 处, 室, 委, 中心, 单位, 政府 … */
const ORGANISATION = /(部|办|局|处|室|委|会|院|厅|所|中心|队|科|组|司|府|单位|部门|校|社|行|馆|团|镇|乡|街道|支队|大队)(（[^）]*）)?$/;

/** Header rows are looked for among the first rows only, as in header detection. */
const HEADER_SEARCH_ROWS = 6;

/** The kinds each role expects before the table itself says more. */
const ROLE_KINDS: Partial<Record<ColumnRole, readonly Kind[]>> = {
  section: ['marker-cjk', 'marker-ordinal'],
  task: ['marker-arabic', 'marker-paren-cjk', 'marker-cjk'],
  measure: ['text', 'marker-paren-arabic', 'marker-circled', 'marker-arabic'],
  serial: ['serial'],
  departments: ['departments'],
  lead: ['departments'],
  support: ['departments'],
  leader: ['departments'],
  deadline: ['deadline'],
  notes: ['text'],
};

/**
 * In layouts that write one row a line, a row with fewer cells than the header usually left its
 * merged cells out instead of leaving them blank, so position says nothing about which column a
 * cell belongs to. Such a row's cells are placed by what they hold, keeping their order: the
 * placement that best matches each column's header role and the kinds of cells the full rows have
 * in it. The columns left out become blank cells, which the grid reads as merged. A row with more
 * cells than the header (a pipe inside a cell) has its surplus joined into the measure column.
 */
export function alignRows(raw: RawTable, table: number, diagnostics: Diagnostic[], roleOf: RoleOf = roleOfHeader): RawRow[] {
  const headerIndex = findHeaderRow(raw.rows, roleOf);
  const header = raw.rows[headerIndex];
  if (!header) return raw.rows;
  const width = header.cells.length;
  const roles = header.cells.map((cell) => roleOf(cell.paragraphs.join('')));
  const profiles = columnProfiles(raw.rows.slice(headerIndex + 1), width);
  return raw.rows.map((row, r) => {
    if (r <= headerIndex || row.cells.length === width || row.cells.length === 0) return row;
    const place = (column: number) => ({ table, row: r + 1, column, line: row.line });
    if (row.cells.length > width) {
      const into = Math.max(0, roles.indexOf('measure'));
      diagnostics.push({
        severity: 'warning',
        ruleId: 'ragged-row',
        message: `Row ${r + 1} has ${row.cells.length} cells for ${width} columns; the surplus was joined into column ${into + 1} (a pipe inside a cell?).`,
        place: place(into + 1),
      });
      return { ...row, cells: joinSurplus(row.cells, width, into) };
    }
    const columns = placeCells(row.cells.map(kindOf), roles, profiles);
    const cells = Array.from({ length: width }, (_, c) => {
      const at = columns.indexOf(c);
      return at >= 0 ? (row.cells[at] as RawCell) : rawCell([], row.line);
    });
    diagnostics.push({
      severity: 'warning',
      ruleId: 'ragged-row',
      message: `Row ${r + 1} has ${row.cells.length} of ${width} cells; they were placed by what they hold in column${
        columns.length > 1 ? 's' : ''
      } ${columns.map((c) => c + 1).join(', ')}, and the others read as merged from above.`,
      place: place((columns[0] ?? 0) + 1),
    });
    return { ...row, cells };
  });
}

/** The header row: the first row near the top in which a cell names a known role, else the first. */
function findHeaderRow(rows: readonly RawRow[], roleOf: RoleOf): number {
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  for (let r = 0; r < limit; r += 1) {
    if (rows[r]?.cells.some((cell) => roleOf(cell.paragraphs.join('')) !== 'other')) return r;
  }
  return 0;
}

/** True when lines read as a list of bodies: short names, at least half ending like one (局, 办, 中心 …). */
export function isDepartmentList(paragraphs: readonly string[]): boolean {
  const text = paragraphs.join('\n');
  const names = splitDepartments(paragraphs);
  const bodies = names.filter((name) => ORGANISATION.test(simplify(name))).length;
  return !/[。：:]/.test(text) && names.every((name) => name.length <= 14) && bodies > 0 && bodies * 2 >= names.length;
}

/** What a cell's text looks like: a serial number, a numbering marker, a department list, a deadline or prose. */
function kindOf(cell: RawCell): Kind {
  const text = normalizeWhitespace(cell.paragraphs.join('\n'));
  if (text === '') return 'blank';
  if (isDitto(text)) return 'ditto';
  if (/^\d{1,4}[.、．]?$/.test(text)) return 'serial';
  const marker = splitMarker(text);
  if (marker) return `marker-${markerKind(marker.marker) ?? 'other'}`;
  if (text.length <= 30 && /(\d{1,2}月|年底|年内|年中|季度|底前|月前|日前|持续|长期|常态|每月|每季|每年|全年)/.test(simplify(text))) return 'deadline';
  return isDepartmentList(cell.paragraphs) ? 'departments' : 'text';
}

/** For each column, how often each kind occurs among the cells of the rows that fill every column. */
function columnProfiles(rows: readonly RawRow[], width: number): Map<Kind, number>[] {
  const profiles = Array.from({ length: width }, () => new Map<Kind, number>());
  for (const row of rows) {
    if (row.cells.length !== width) continue;
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
  const expected = role && ROLE_KINDS[role]?.includes(kind) ? 0.5 : 0;
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
