import { defineConfig } from 'vitest/config';
import { SCALED, STRESS } from './vitest.config.js';

/**
 * The stress suites, and the files npm test runs small at full size (FENJIE_STRESS=1, see
 * test/helpers/stress.ts): `npm run test:stress`, run by CI after `npm test`. Every file in a fresh worker.
 */
export default defineConfig({
  test: {
    include: [...STRESS, ...SCALED],
    env: { FENJIE_STRESS: '1' },
    testTimeout: 30_000,
  },
});
