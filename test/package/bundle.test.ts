import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

/** Packages that only some formats need; they must load when their format is parsed, not at start-up. */
const HEAVY = ['cheerio', 'htmlparser2', 'unified', 'remark-parse', 'remark-gfm', 'fflate', 'mammoth', 'cfb', 'tinyglobby'];

/** The packages an output file reaches through static imports only, following chunks. */
function staticPackages(metafile: Metafile, entry: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const stack = [entry];
  while (stack.length > 0) {
    const file = stack.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const imported of metafile.outputs[file]?.imports ?? []) {
      if (imported.kind !== 'import-statement') continue;
      if (imported.external) packages.add(imported.path.replace(/^(@[^/]+\/[^/]+|[^/]+).*$/, '$1'));
      else stack.push(imported.path);
    }
  }
  return packages;
}

describe('the package', () => {
  it('bundles its core for browsers: no Node built-ins in the import graph of parse()', async () => {
    const result = await build({
      entryPoints: [join(ROOT, 'src', 'index.ts')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((path) => path.startsWith('node:') || /^(fs|path|os|util|stream|buffer)$/.test(path))).toEqual([]);
    expect(inputs.some((path) => path.includes('node_modules/fflate'))).toBe(true);
  }, 60_000);

  it('bundles parse() with zod/mini only: no classic zod, no zod locales', async () => {
    const result = await build({
      stdin: { contents: `import { parse } from './src/index.ts'; console.log(await parse('x'));`, resolveDir: ROOT, loader: 'js' },
      bundle: true,
      minify: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    // Inputs that put bytes into the output: tree-shaken modules are listed with none.
    // zod is reached through import() (it checks options beyond the plain ones), so esbuild wraps its
    // modules in lazy initializers; an empty one (about 80 bytes) carries no locale's messages.
    const used = Object.values(result.metafile.outputs).flatMap((output) => Object.entries(output.inputs).filter(([, input]) => input.bytesInOutput > 100).map(([path]) => path));
    const zod = used.filter((path) => path.includes('node_modules/zod/'));
    expect(zod.some((path) => path.includes('/v4/mini/'))).toBe(true);
    expect(zod.filter((path) => /\/v4\/(classic|locales)\//.test(path))).toEqual([]);
  }, 60_000);

  it('starts the CLI without loading a reader it does not need, nor zod', async () => {
    const result = await build({
      entryPoints: { bin: join(ROOT, 'src', 'cli', 'bin.ts') },
      bundle: true,
      splitting: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      outdir: join(ROOT, '.tmp', 'startup'),
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const entry = Object.keys(result.metafile.outputs).find((file) => file.endsWith('bin.js')) as string;
    const loaded = staticPackages(result.metafile, entry);
    // zod (about 90 modules) loads only to check a config file, options beyond the plain ones, the
    // model (checkModel) or to print the schema.
    expect([...HEAVY, 'zod'].filter((name) => loaded.has(name))).toEqual([]);
    // The walk does see what the CLI does import statically.
    expect(loaded.has('node:path')).toBe(true);
  }, 60_000);

  it('never loads mammoth at run time: it is a dev dependency, for cross-checks only', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(Object.keys(pkg.dependencies)).not.toContain('mammoth');
    const sources = readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    for (const file of sources) expect(readFileSync(join(ROOT, 'src', file), 'utf8')).not.toMatch(/from 'mammoth'|import\('mammoth'\)/);
  });
});
