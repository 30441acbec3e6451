import { configDefaults, defineConfig } from 'vitest/config';

/**
 * The stress suites: inputs of tens of megabytes, millions of elements and thousands of mutated
 * files, each bounded in time and memory. They take most of a run, so `npm test` leaves them to
 * `npm run test:stress` (vitest.stress.config.ts), which CI (`.ci/run`) runs after it.
 */
export const STRESS = ['test/reliability/linear-and-bounded.test.ts', 'test/reliability/pathological.test.ts', 'test/reliability/fuzz.test.ts'];

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, ...STRESS],
    // Every core: vitest's default leaves one idle, which on a 2-core machine runs the files one by one.
    maxWorkers: '100%',
    testTimeout: 30_000,
  },
});
