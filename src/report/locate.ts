import type { Place } from '../model/schema.js';

/**
 * A cell as people name it when there is no line: "row 5, column 3", led by the table only when the
 * document has more than one, so that the common single-table case stays short.
 */
export function describeCell(place: Place): string {
  const table = place.table > 1 ? `table ${place.table}, ` : '';
  return `${table}row ${place.row}, column ${place.column}`;
}

/**
 * Where a diagnostic is, as one string: `file:line:column` when the format has lines,
 * `file:row R, column C` when it does not, and just `file` for a file-level diagnostic.
 */
export function locate(file: string, place: Place | null): string {
  if (place === null) return file;
  if (place.line !== null) return `${file}:${place.line}:${place.column}`;
  return `${file}:${describeCell(place)}`;
}
