// Builds the package and says what it is doing: tsup bundles src/ into dist/ (ESM, code-split)
// and writes the type declarations, then schema.json is generated from the built zod schemas.
// Run by `npm run build`, by `npm pack`/`npm publish` (prepack) and by `npm start` when dist/ is stale.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const started = performance.now();
const say = (text) => console.log(`build: ${text}`);
const seconds = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;

say('1/2 bundling src/ into dist/ with tsup (ESM, code-split) and writing type declarations (dist/*.d.ts; the slow part, about a minute)…');
execFileSync(process.execPath, [join(root, 'node_modules', 'tsup', 'dist', 'cli-default.js')], { cwd: root, stdio: 'inherit' });
say(`2/2 writing schema.json (JSON Schema draft 2020-12) from the zod schemas in dist/…`);
execFileSync(process.execPath, [join(root, 'scripts', 'write-schema.mjs')], { cwd: root, stdio: 'inherit' });
say(`done in ${seconds()}: dist/ and schema.json are up to date.`);
