import { readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Config } from '../options.js';
import { cliMessages, type CliMessages } from './messages.js';

/** The name of the config file looked for upward from each input file. */
export const CONFIG_FILE = 'fenjie.config.json';

/** A config file that cannot be used: printed as one line, exit code 2. */
export class ConfigError extends Error {}

/** Reads and checks a config file with the same zod schema as the API's options; errors name it as `shown`. */
export async function loadConfig(path: string, shown = path, m: CliMessages = cliMessages('en')): Promise<Config> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new ConfigError(m.config(shown, m.configUnreadable));
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ConfigError(m.config(shown, m.configNotJson((error as Error).message)));
  }
  // zod loads only when there is a config to check.
  const { ConfigSchema, describeIssue } = await import('../options-schema.js');
  const result = ConfigSchema.safeParse(json);
  if (!result.success) throw new ConfigError(m.config(shown, describeIssue(result.error)));
  return result.data;
}

/** Finds and loads configs upward from files, reading each config once. */
export class ConfigFinder {
  private readonly byDir = new Map<string, Promise<{ path: string; config: Config } | null>>();

  /** The nearest fenjie.config.json at or above the file's folder, or null. */
  async forFile(file: string, m?: CliMessages): Promise<{ path: string; config: Config } | null> {
    return this.inDir(dirname(resolve(file)), m);
  }

  private inDir(dir: string, m?: CliMessages): Promise<{ path: string; config: Config } | null> {
    let found = this.byDir.get(dir);
    if (!found) {
      found = this.lookUp(dir, m);
      this.byDir.set(dir, found);
    }
    return found;
  }

  private async lookUp(dir: string, m?: CliMessages): Promise<{ path: string; config: Config } | null> {
    const path = join(dir, CONFIG_FILE);
    if (await exists(path)) return { path, config: await loadConfig(path, path, m) };
    const parent = dirname(dir);
    return parent === dir ? null : this.inDir(parent, m);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
