import { readdir, realpath, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';

/** File endings fenjie reads when it is given a directory. */
export const TABLE_EXTENSIONS = ['.docx', '.doc', '.wps', '.xlsx', '.xls', '.et', '.csv', '.html', '.htm', '.md', '.markdown', '.txt', '.tsv'] as const;

/**
 * Turns command-line inputs into files: a directory gives every table file under it, a glob every
 * file it matches, anything else is taken as a file (a missing one fails later, with its name).
 * Paths come back as the user would write them: relative to `cwd` unless given absolute.
 */
export async function expandInputs(inputs: readonly string[], cwd: string): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    if (isDynamicPattern(input)) {
      for (const file of (await glob(input, { cwd, dot: false, onlyFiles: true, expandDirectories: false, followSymbolicLinks: true })).sort()) files.push(file);
    } else if (await isDirectory(join(cwd, input), input)) {
      for (const file of await tableFilesUnder(input, cwd)) files.push(file);
    } else {
      files.push(input);
    }
  }
  return [...new Set(files)];
}

async function isDirectory(path: string, input: string): Promise<boolean> {
  try {
    return (await stat(input.startsWith('/') ? input : path)).isDirectory();
  } catch {
    return false;
  }
}

function isTableFile(name: string): boolean {
  return TABLE_EXTENSIONS.some((ext) => name.toLowerCase().endsWith(ext));
}

/**
 * Every file under a directory whose ending fenjie reads, sorted, skipping hidden folders and
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
        } else if (isTableFile(entry.name)) {
          found.push(path);
        }
      } else if (entry.isDirectory()) {
        if (!skippedFolder(entry.name)) folders.push(path);
      } else if (entry.isFile() && isTableFile(entry.name) && !entry.name.startsWith('.')) {
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
