import type { CliMessages } from './messages.js';
import { UsageError } from './shared.js';

/** One option a command takes: a string value or a switch, with an optional one-letter alias. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
}

/** The values parsed for a command's options. */
export type OptionValues<T extends Record<string, OptionSpec>> = { -readonly [K in keyof T]?: T[K]['type'] extends 'string' ? string : boolean };

/**
 * Parses a command line the conventional way (`--name value`, `--name=value`, `-o value`, `--` ends
 * the options, `-` alone is standard input). Anything wrong is one line: an unknown option names the
 * closest known one, as git and npm do.
 */
export function parseArgs<T extends Record<string, OptionSpec>>(argv: readonly string[], spec: T, m: CliMessages): { values: OptionValues<T>; positionals: string[] } {
  const values: Record<string, string | boolean> = {};
  const positionals: string[] = [];
  const byShort = new Map(Object.entries(spec).flatMap(([name, option]) => (option.short ? [[option.short, name] as const] : [])));
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg === '--') {
      for (const rest of argv.slice(i + 1)) positionals.push(rest);
      break;
    }
    if (arg === '-' || !arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    const long = arg.startsWith('--');
    const equals = arg.indexOf('=');
    const written = equals > 0 ? arg.slice(0, equals) : arg;
    const name = long ? written.slice(2) : byShort.get(written.slice(1, 2));
    const option = name !== undefined && Object.hasOwn(spec, name) ? spec[name] : undefined;
    if (name === undefined || option === undefined || (!long && written.length > 2 && option.type === 'boolean')) {
      throw new UsageError(m.unknownOption(written, suggest(written, spec)));
    }
    if (option.type === 'boolean') {
      if (equals > 0) throw new UsageError(m.noValue(written));
      values[name] = true;
      continue;
    }
    // A value: after '=', glued to a short option (-oout), or the next argument.
    let value: string | undefined;
    if (equals > 0) value = arg.slice(equals + 1);
    else if (!long && written.length > 2) value = arg.slice(2);
    else {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('-') && next !== '-')) throw new UsageError(m.missingValue(written));
      value = next;
      i += 1;
    }
    values[name] = value;
  }
  return { values: values as OptionValues<T>, positionals };
}

/** The known option closest to an unknown one, when it is close enough to be a typo. */
function suggest(written: string, spec: Record<string, OptionSpec>): string | null {
  const candidates = Object.keys(spec).map((name) => `--${name}`);
  const typed = written.startsWith('--') ? written : `-${written}`;
  return closest(typed, candidates);
}

/** The candidate nearest to `word` by edit distance, if within a third of its length (at least 1, at most 3). */
export function closest(word: string, candidates: readonly string[]): string | null {
  const limit = Math.min(3, Math.max(1, Math.floor(word.replace(/^-+/, '').length / 3)));
  let best: string | null = null;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Levenshtein distance, with a transposition counting as one edit (--frmat, --fromat). */
export function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j += 1) (rows[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    const row = rows[i] as number[];
    const above = rows[i - 1] as number[];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((above[j] as number) + 1, (row[j - 1] as number) + 1, (above[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (rows[i - 2] as number[])[j - 2] as number + 1);
      row[j] = best;
    }
  }
  return (rows[a.length] as number[])[b.length] as number;
}
