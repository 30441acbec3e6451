import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Root folder of the fixture cases. */
export const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');

/** One fixture case: fixtures/<name>/input.<ext> with expected.json beside it. */
export interface FixtureCase {
  name: string;
  dir: string;
  input: string;
  bytes: Uint8Array;
}

/** Every fixture case, in name order. */
export function fixtureCases(): FixtureCase[] {
  return readdirSync(FIXTURES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => {
      const dir = join(FIXTURES, entry.name);
      const input = readdirSync(dir).find((file) => file.startsWith('input.'));
      return input ? [{ name: entry.name, dir, input, bytes: readFileSync(join(dir, input)) }] : [];
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
