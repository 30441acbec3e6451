import { defineConfig } from 'tsup';

// Builds the benchmark script (it imports src/ and test/helpers/ in TypeScript); packages stay external.
export default defineConfig({
  entry: { bench: 'bench/bench.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  outDir: '.tmp/bench',
  skipNodeModulesBundle: true,
  clean: true,
  silent: true,
});
