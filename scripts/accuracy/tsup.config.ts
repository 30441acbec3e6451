import { defineConfig } from 'tsup';

// Builds `npm run accuracy` (it imports src/ in TypeScript); packages stay external.
export default defineConfig({
  entry: { accuracy: 'scripts/accuracy/accuracy.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  outDir: '.tmp/accuracy',
  skipNodeModulesBundle: true,
  clean: true,
  silent: true,
});
