import type { TaskTable } from '../model/schema.js';
import { flatRows, tableList } from './rows.js';

/**
 * The flat rows of one or several tables as JSON Lines: one {@link FlatRow} object per measure and
 * line, with lists kept as arrays, for line-oriented tools (jq, DuckDB, pandas.read_json(lines=True)).
 */
export function toJsonl(tables: TaskTable | readonly TaskTable[]): string {
  return tableList(tables)
    .flatMap(flatRows)
    .map((row) => `${JSON.stringify(row)}\n`)
    .join('');
}
