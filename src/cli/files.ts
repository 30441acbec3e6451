import { readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';

/**
 * File endings that look like a table document. A directory or a glob lists every such file, read
 * when fenjie can and reported as a `parse-error` when it cannot, so that a CI run never passes a
 * folder by silently skipping the files it does not understand.
 */
export const TABLE_EXTENSIONS = [
  '.doc',
  '.docx',
  '.xls',
  '.xlsx',
  '.et',
  '.wps',
  '.csv',
  '.pdf',
  '.odt',
  '.ods',
  '.rtf',
  '.ofd',
  '.htm',
  '.html',
  '.md',
  '.markdown',
  '.txt',
  '.tsv',
] as const;

/** True when a file name ends in one of {@link TABLE_EXTENSIONS}, in any case. */
export function looksLikeTable(name: string): boolean {
  const lower = name.toLowerCase();
  return TABLE_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/** The standard-input argument: `fenjie convert - --format docx`. */
export const STDIN = '-';

/**
 * Turns command-line inputs into files: a directory gives every table file under it, a glob every
 * file it matches, anything else is taken as a file (a missing one fails later, with its name).
 * Paths come back as the user would write them: relative to `cwd` unless given absolute.
 */
export async function expandInputs(inputs: readonly string[], cwd: string): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    if (input === STDIN) {
      files.push(input);
    } else if (isDynamicPattern(input)) {
      const found = await glob(caseInsensitiveExtension(input), { cwd, dot: false, onlyFiles: true, expandDirectories: false });
      // A pattern that names no extension ('tables/**/*') lists only what looks like a table, as a folder does.
      files.push(...(namesExtension(input) ? found : found.filter(looksLikeTable)).sort());
    } else if (await isDirectory(join(cwd, input), input)) {
      files.push(...(await tableFilesUnder(input, cwd)));
    } else {
      files.push(input);
    }
  }
  return [...new Set(files)];
}

/** True when the last segment of a glob ends in a literal extension (`*.docx`, `*.{md,txt}`). */
function namesExtension(pattern: string): boolean {
  const last = pattern.slice(pattern.lastIndexOf('/') + 1);
  return /\.[\p{L}\p{N}{},]+$/u.test(last);
}

/**
 * Makes the extension of a glob's last segment match in any case (`*.DOCX` finds `a.docx`), as
 * the folder walk does, while the folders in the pattern stay case-sensitive.
 */
export function caseInsensitiveExtension(pattern: string): string {
  const slash = pattern.lastIndexOf('/');
  const last = pattern.slice(slash + 1);
  const dot = last.lastIndexOf('.');
  if (dot < 0 || !/^[A-Za-z0-9{},]+$/.test(last.slice(dot + 1))) return pattern;
  const extension = last.slice(dot + 1).replace(/[A-Za-z]/g, (char) => `[${char.toLowerCase()}${char.toUpperCase()}]`);
  return `${pattern.slice(0, slash + 1)}${last.slice(0, dot + 1)}${extension}`;
}

async function isDirectory(path: string, input: string): Promise<boolean> {
  try {
    return (await stat(input.startsWith('/') ? input : path)).isDirectory();
  } catch {
    return false;
  }
}

/** Every file under a directory that looks like a table, sorted, skipping hidden folders and node_modules. */
async function tableFilesUnder(dir: string, cwd: string): Promise<string[]> {
  const root = dir.startsWith('/') ? dir : join(cwd, dir);
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && looksLikeTable(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((path) => !relative(root, path).split(/[\\/]/).some((part) => part.startsWith('.') || part === 'node_modules'))
    .map((path) => (dir.startsWith('/') ? path : relative(cwd, path)))
    .sort();
}
