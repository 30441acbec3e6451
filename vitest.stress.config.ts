import { defineConfig } from 'vitest/config';
import { STRESS } from './vitest.config.js';

/** The stress suites alone (see vitest.config.ts): `npm run test:stress`, run by CI after `npm test`. */
export default defineConfig({
  test: {
    include: STRESS,
    testTimeout: 30_000,
  },
});
