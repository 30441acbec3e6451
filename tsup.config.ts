import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // The library: ESM with shared chunks, so that `import { parse }` loads a reader only when its format is parsed.
    entry: { index: 'src/index.ts', node: 'src/node.ts' },
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    dts: { entry: { index: 'src/index.ts', node: 'src/node.ts' } },
    clean: true,
    sourcemap: false,
    splitting: true,
  },
  {
    // The CLI with its dependencies inlined, so that a cold start resolves and reads a few files
    // instead of about a hundred modules; readers stay in chunks of their own, compiled only when
    // their format is parsed.
    entry: { bin: 'src/cli/bin.ts' },
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    clean: false,
    sourcemap: false,
    splitting: true,
    noExternal: [/.*/],
    banner: { js: "import { createRequire as __fenjieRequire } from 'node:module'; const require = __fenjieRequire(import.meta.url);" },
  },
]);
