// Measures what a browser build of `parse()` on text costs, with esbuild (minified, code-split as
// a bundler would): (1) the whole public surface of src/index.ts, (2) an app that imports only
// `parse`. Each counts the entry chunk, the chunks it imports statically and the text reader's
// chunk, and says how much of that is zod. `npm run bundle-size`.
import { build } from 'esbuild';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;

async function measure(label, stdin) {
  const result = await build({
    stdin: { contents: stdin, resolveDir: root, sourcefile: 'app.js', loader: 'js' },
    bundle: true,
    minify: true,
    splitting: true,
    platform: 'browser',
    format: 'esm',
    outdir: join(root, '.tmp', 'bundle-size'),
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const outputs = result.metafile.outputs;
  const entry = Object.keys(outputs).find((file) => outputs[file].entryPoint !== undefined);
  const reached = new Set();
  const stack = [entry];
  while (stack.length > 0) {
    const file = stack.pop();
    if (reached.has(file)) continue;
    reached.add(file);
    for (const imported of outputs[file].imports) if (imported.kind === 'import-statement' && !imported.external) stack.push(imported.path);
  }
  const textReader = Object.keys(outputs).find((file) => Object.keys(outputs[file].inputs).some((input) => input.endsWith('src/read/text.ts')));
  if (textReader) reached.add(textReader);
  let total = 0;
  let zod = 0;
  for (const file of reached) {
    total += outputs[file].bytes;
    for (const [input, { bytesInOutput }] of Object.entries(outputs[file].inputs)) if (input.includes('node_modules/zod/')) zod += bytesInOutput;
  }
  console.log(`${label}: ${kb(total)} (${total} bytes) in ${reached.size} chunks, of which zod ${kb(zod)} (${zod} bytes)`);
}

console.log('bundle-size: bundling for the browser with esbuild (minified, split)…');
await measure('every export of fenjie, parse() on text', `export * from './src/index.ts';`);
await measure('an app importing only parse, parse() on text', `import { parse } from './src/index.ts'; console.log(await parse('x'));`);
