// Checks the package as users get it: packs the tarball (prepack builds it first) (must stay under 256 KiB), lints it with
// publint and @arethetypeswrong/cli, installs it into an empty project, and uses it from ESM, from
// CommonJS (require of ESM, Node >= 20.19), and as the `fenjie` command. Run by .ci/run after the tests.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

const root = new URL('..', import.meta.url).pathname;
// The bound catches what should never ship: a dependency bundled in (the CLI with its dependencies
// inlined was 455 KiB), source maps, fixtures. Round 2's readers (.xlsx, .xls, .doc, the text
// layouts of web copies, grid tables) took the package from 85 to about 211 KiB of real code.
const MAX_TARBALL = 256 * 1024;
const run = (file, args, cwd = root) => execFileSync(file, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const fail = (message) => {
  console.error(`pack-check: ${message}`);
  process.exit(1);
};

const work = mkdtempSync(join(tmpdir(), 'fenjie-pack-'));
try {
  // prepack builds first (as from a fresh clone); its progress lines come before npm's JSON.
  const output = run('npm', ['pack', '--json', '--pack-destination', work]);
  if (!output.includes('build: done')) fail('npm pack did not build first (prepack)');
  console.log('npm pack: prepack built dist/ and schema.json first');
  const [packed] = JSON.parse(output.slice(output.search(/^\[/m)));
  const tarball = join(work, packed.filename);
  const size = statSync(tarball).size;
  console.log(`tarball ${packed.filename}: ${(size / 1024).toFixed(1)} KiB, ${packed.entryCount} files`);
  if (size > MAX_TARBALL) fail(`the tarball is ${(size / 1024).toFixed(1)} KiB, over 256 KiB`);

  const { messages } = await publint({ pkgDir: root, strict: true });
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  for (const message of messages) console.error(`publint ${message.type}: ${formatMessage(message, pkg)}`);
  if (messages.length > 0) fail('publint reported the messages above');
  console.log('publint: no messages');

  try {
    console.log(run(join(root, 'node_modules', '.bin', 'attw'), ['--format', 'table-flipped', '--profile', 'esm-only', tarball]).trim());
  } catch (error) {
    console.error(error.stdout);
    fail('@arethetypeswrong/cli reported problems');
  }

  const project = join(work, 'project');
  execFileSync('mkdir', ['-p', project]);
  writeFileSync(join(project, 'package.json'), '{ "name": "fenjie-pack-check", "private": true }\n');
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], project);
  const seed = 'node_modules/fenjie/seeds/2016-shanghai-psb-zwgk-task-table.txt';
  const esm = run(process.execPath, ['--input-type=module', '-e', `import { parse } from 'fenjie'; import { parseFile } from 'fenjie/node'; const t = await parseFile(${JSON.stringify(seed)}); console.log(typeof parse, t.sections.length);`], project);
  if (esm.trim() !== 'function 4') fail(`import from ESM printed ${esm}`);
  const cjs = run(process.execPath, ['-e', `const { parse } = require('fenjie'); const schema = require('fenjie/schema.json'); parse(require('fs').readFileSync(${JSON.stringify(seed)})).then((t) => console.log(schema.type, t.sections.flatMap((s) => s.tasks).length));`], project);
  if (cjs.trim() !== 'object 14') fail(`require from CommonJS printed ${cjs}`);
  const version = run('npx', ['--no-install', 'fenjie', '--version'], project).trim();
  if (version !== pkg.version) fail(`npx fenjie --version printed ${version}`);
  const converted = JSON.parse(run('npx', ['--no-install', 'fenjie', 'convert', seed], project));
  if (converted.sections.length !== 4) fail('fenjie convert did not read the seed');
  console.log('installed package: ESM import, CommonJS require, npx fenjie --version and convert all work');
} finally {
  rmSync(work, { recursive: true, force: true });
}
