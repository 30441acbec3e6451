import { readdir, stat } from 'node:fs/promises';
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
      for (const file of (await glob(input, { cwd, dot: false, onlyFiles: true, expandDirectories: false })).sort()) files.push(file);
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

/** Every file under a directory whose ending fenjie reads, sorted, skipping hidden folders and node_modules. */
async function tableFilesUnder(dir: string, cwd: string): Promise<string[]> {
  const root = dir.startsWith('/') ? dir : join(cwd, dir);
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && TABLE_EXTENSIONS.some((ext) => entry.name.toLowerCase().endsWith(ext)))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((path) => !relative(root, path).split(/[\\/]/).some((part) => part.startsWith('.') || part === 'node_modules'))
    .map((path) => (dir.startsWith('/') ? path : relative(cwd, path)))
    .sort();
}
