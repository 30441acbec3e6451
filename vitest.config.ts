import { configDefaults, defineConfig } from 'vitest/config';

/**
 * The stress suites: inputs of tens of megabytes, millions of elements and thousands of mutated
 * files, each bounded in time and memory, and the HTML report in a real browser. They take most of
 * a run, so `npm test` leaves them to `npm run test:stress` (vitest.stress.config.ts), which CI
 * (`.ci/run`) runs after it.
 */
export const STRESS = [
  'test/reliability/linear-and-bounded.test.ts',
  'test/reliability/pathological.test.ts',
  'test/reliability/fuzz.test.ts',
  'test/output/html-browser.test.ts',
];

/**
 * Files that `npm test` runs small (a fifth of the property runs, cells of 50,000 characters, a few
 * sources of each format) and `npm run test:stress` runs again at full size (see test/helpers/stress.ts).
 */
export const SCALED = [
  'test/property.test.ts',
  'test/reliability/parallel.test.ts',
  'test/normalize/responsibility.test.ts',
  'test/normalize/departments.test.ts',
  'test/normalize/whitespace.test.ts',
];

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, ...STRESS],
    // Every core: vitest's default leaves one idle, which on a 2-core machine runs the files one by one.
    maxWorkers: '100%',
    // One worker runs many files and keeps the modules it loaded (src/, the readers, zod, the test
    // helpers) and its warmed-up code: a fresh worker per file spent more time loading and compiling
    // than testing. No test mocks modules or changes globals; test:stress isolates every file.
    isolate: false,
    testTimeout: 30_000,
  },
});
