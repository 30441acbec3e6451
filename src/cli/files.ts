import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';

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

/** A file to read, and where it sits in the tree it was found in (kept by `convert -o <dir>`). */
export interface InputFile {
  /** The path as the user would write it: relative to the working folder unless given absolute; '-' for standard input. */
  path: string;
  /** The path below the folder or the glob's fixed part it was found under; the file name for a file given by name. */
  tree: string;
}

/**
 * Turns command-line inputs into files: a directory gives every table file under it, a glob every
 * file it matches, anything else is taken as a file (a missing one fails later, with its name).
 */
export async function expandInputs(inputs: readonly string[], cwd: string): Promise<InputFile[]> {
  const files: InputFile[] = [];
  // tinyglobby loads only when an input may be a pattern, so that the usual start-up does without it.
  const globs = inputs.some((input) => /[*?[\]{}()!+@]/.test(input)) ? await import('tinyglobby') : null;
  for (const input of inputs) {
    if (input === STDIN) {
      files.push({ path: input, tree: 'stdin' });
    } else if (globs?.isDynamicPattern(input)) {
      const { glob, isDynamicPattern } = globs;
      const found = await glob(caseInsensitiveExtension(input), { cwd, dot: false, onlyFiles: true, expandDirectories: false, followSymbolicLinks: true });
      // A pattern that names no extension ('tables/**/*') lists only what looks like a table, as a folder does.
      const base = globBase(input, isDynamicPattern);
      for (const path of (namesExtension(input) ? found : found.filter(looksLikeTable)).sort()) files.push({ path, tree: relative(base, path) });
    } else if (await isDirectory(input.startsWith('/') ? input : join(cwd, input))) {
      for (const path of await tableFilesUnder(input, cwd)) files.push({ path, tree: relative(input, path) });
    } else {
      files.push({ path: input, tree: basename(input) });
    }
  }
  const seen = new Set<string>();
  return files.filter((file) => !seen.has(file.path) && seen.add(file.path));
}

/** The fixed folders a glob starts with ('tables/2016' of 'tables/2016/**\/*.docx'). */
function globBase(pattern: string, isDynamicPattern: (segment: string) => boolean): string {
  const segments = pattern.split('/');
  const fixed: string[] = [];
  for (const segment of segments.slice(0, -1)) {
    if (isDynamicPattern(segment)) break;
    fixed.push(segment);
  }
  return fixed.join('/') || '.';
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

/** True when a path names an existing folder. */
export async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Every file under a directory that looks like a table, sorted, skipping hidden folders and
 * node_modules. Symbolic links are followed: a link to a file is read like the file, a link to a
 * folder is walked (each real folder once, so a link loop ends), and a broken link to a table file
 * is listed, so that reading it fails with its name rather than being skipped without a word.
 */
async function tableFilesUnder(dir: string, cwd: string): Promise<string[]> {
  const root = dir.startsWith('/') ? dir : join(cwd, dir);
  const found: string[] = [];
  const seen = new Set<string>();
  const folders = [root];
  while (folders.length > 0) {
    const folder = folders.pop() as string;
    const real = await realpath(folder).catch(() => folder);
    if (seen.has(real)) continue;
    seen.add(real);
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isSymbolicLink()) {
        const target = await stat(path).catch(() => null);
        if (target?.isDirectory()) {
          if (!skippedFolder(entry.name)) folders.push(path);
        } else if (looksLikeTable(entry.name)) {
          found.push(path);
        }
      } else if (entry.isDirectory()) {
        if (!skippedFolder(entry.name)) folders.push(path);
      } else if (entry.isFile() && looksLikeTable(entry.name) && !entry.name.startsWith('.')) {
        found.push(path);
      }
    }
  }
  return found.map((path) => (dir.startsWith('/') ? path : relative(cwd, path))).sort();
}

/** Hidden folders and node_modules hold no tables of the user's. */
function skippedFolder(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}
