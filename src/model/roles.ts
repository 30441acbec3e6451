import type { ColumnRole } from './schema.js';

/**
 * Header texts and the column role each names. One table, read top to bottom; a header matches a
 * synonym when, with white space removed, it equals it.
 */
export const HEADER_SYNONYMS: ReadonlyArray<readonly [ColumnRole, readonly string[]]> = [
  ['section', ['项目名称']],
  ['task', ['基本任务']],
  ['measure', ['具体措施']],
  ['departments', ['责任部门']],
];

const ROLE_BY_HEADER = new Map<string, ColumnRole>(
  HEADER_SYNONYMS.flatMap(([role, headers]) => headers.map((header) => [header, role] as const)),
);

/** Tells the role of a column from its header text. */
export type RoleOf = (header: string) => ColumnRole;

/** The role a header names, or 'other' when the synonym table does not know it. */
export function roleOfHeader(header: string): ColumnRole {
  return ROLE_BY_HEADER.get(header.replace(/\s+/g, '')) ?? 'other';
}

/** A RoleOf that knows extra synonyms (from the config's `columns`) before the built-in table. */
export function withSynonyms(extra: Readonly<Record<string, ColumnRole>>): RoleOf {
  const known = new Map(Object.entries(extra).map(([header, role]) => [header.replace(/\s+/g, ''), role] as const));
  if (known.size === 0) return roleOfHeader;
  return (header) => known.get(header.replace(/\s+/g, '')) ?? roleOfHeader(header);
}
