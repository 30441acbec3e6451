/**
 * `npm run bench`: times parse() on seed-like tables of 100, 2,000 and 20,000 measures in each format,
 * and, in the same run, what a user would otherwise call (mammoth, cheerio, remark) and whole-process
 * peers (pandoc, pandas.read_html) where installed. Prints a table, checks the targets as ratios
 * within the run, and writes bench/results.json. Not part of `npm test`: speed is measured, not asserted.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { load } from 'cheerio';
import { load as loadSlim } from 'cheerio/slim';
import mammoth from 'mammoth';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { Bench } from 'tinybench';
import { unified } from 'unified';
import { parse } from '../src/index.js';
import { writeDocx, writeHtml, writeMarkdown, writeTabLed, writeXlsx } from '../test/helpers/writers.js';
import { seedLikeTable } from './tables.js';

const SIZES = [100, 2_000, 20_000] as const;
// npm runs scripts from the package root; the bundled script itself lives in .tmp/bench.
const ROOT = process.cwd();
const OUT = join(tmpdir(), 'fenjie-bench');

interface Row {
  name: string;
  measures: number;
  ms: number;
  perSecond: number | null;
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const rows: Row[] = [];
  const inputs = new Map<string, { text: string; html: string; markdown: string; docx: Uint8Array; xlsx: Uint8Array; doc: Uint8Array | null }>();
  for (const size of SIZES) {
    const table = seedLikeTable(size);
    const docx = await writeDocx(table);
    writeFileSync(join(OUT, `table-${size}.docx`), docx);
    const input = { text: writeTabLed(table), html: writeHtml(table), markdown: writeMarkdown(table), docx, xlsx: writeXlsx(table), doc: size <= 2_000 ? docFromDocx(join(OUT, `table-${size}.docx`)) : null };
    inputs.set(String(size), input);
    writeFileSync(join(OUT, `table-${size}.txt`), input.text);
    writeFileSync(join(OUT, `table-${size}.html`), input.html);
    writeFileSync(join(OUT, `table-${size}.md`), input.markdown);
    writeFileSync(join(OUT, `table-${size}.xlsx`), input.xlsx);
    // Check the generated tables read back whole before timing them.
    const binaries: [string, Uint8Array | null][] = [['docx', input.docx], ['xlsx', input.xlsx], ['doc', input.doc]];
    for (const [format, bytes] of binaries) {
      if (!bytes) continue;
      const parsed = await parse(bytes);
      const count = parsed.sections.flatMap((s) => s.tasks).reduce((n, t) => n + t.measures.length, 0);
      if (count !== size) throw new Error(`the ${size}-measure ${format} read as ${count} measures`);
    }
  }

  for (const size of SIZES) {
    const input = inputs.get(String(size))!;
    // Large inputs take seconds a call: time a few calls and no warm-up rounds there.
    const big = size >= 20_000;
    const bench = new Bench({ time: big ? 0 : 500, iterations: big ? 3 : 5, warmup: !big, warmupIterations: 1, warmupTime: 0 });
    const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : null;
    const tasks: [string, () => unknown][] = [
      ['fenjie text', () => parse(input.text, { format: 'text' })],
      ['fenjie html', () => parse(input.html, { format: 'html' })],
      ['fenjie markdown', () => parse(input.markdown, { format: 'markdown' })],
      ['fenjie docx', () => parse(input.docx)],
      ...(input.doc ? [['fenjie doc', () => parse(input.doc as Uint8Array)] as [string, () => unknown]] : []),
      ['fenjie xlsx', () => parse(input.xlsx)],
      ['cheerio.load', () => void load(input.html)],
      ['cheerio/slim load', () => void loadSlim(input.html)],
      ['remark parse', () => void unified().use(remarkParse).use(remarkGfm).parse(input.markdown)],
      ['mammoth.convertToHtml', () => mammoth.convertToHtml({ buffer: Buffer.from(input.docx) })],
    ];
    // BENCH_ONLY=<regexp> times only the tasks whose names match (for looking into one of them).
    // On the largest tables a call leaves hundreds of MiB of garbage; a full collection before each
    // call (node --expose-gc) keeps one call from paying for another's. Smaller tables run warm.
    for (const [name, fn] of tasks) if (!only || only.test(name)) bench.add(name, fn, big ? { beforeEach: collect } : {});
    await bench.run();
    for (const task of bench.tasks) {
      const ms = task.result.state === 'completed' ? task.result.latency.p50 : Number.NaN;
      rows.push({ name: task.name, measures: size, ms, perSecond: task.name.startsWith('fenjie') ? Math.round((size / ms) * 1000) : null });
    }
  }

  const whole = wholeProcess();
  const at = (name: string, size: number) => rows.find((r) => r.name === name && r.measures === size)?.ms ?? Number.NaN;
  const targets = [
    target('docx parse ÷ mammoth.convertToHtml, 2,000 measures', at('fenjie docx', 2000) / at('mammoth.convertToHtml', 2000), 0.2),
    target('doc parse ÷ docx parse of the same table, 2,000 measures', at('fenjie doc', 2000) / at('fenjie docx', 2000), 2),
    target('xlsx parse ÷ docx parse, 2,000 measures', at('fenjie xlsx', 2000) / at('fenjie docx', 2000), 2),
    target('html parse ÷ cheerio.load, 2,000 measures', at('fenjie html', 2000) / at('cheerio.load', 2000), 2),
    target('text 20,000 ÷ 2,000 measures', at('fenjie text', 20000) / at('fenjie text', 2000), 11),
    target('markdown 20,000 ÷ 2,000 measures', at('fenjie markdown', 20000) / at('fenjie markdown', 2000), 11),
    ...whole.targets,
  ];

  console.log('\nparse() and peers, median ms per call (measures/s for fenjie)\n');
  console.table(rows.map((r) => ({ name: r.name, measures: r.measures, ms: round(r.ms), 'measures/s': r.perSecond ?? '' })));
  console.log('\nwhole process, median of 5 runs\n');
  console.table(whole.rows.map((r) => ({ ...r, ms: round(r.ms) })));
  console.log('\ntargets\n');
  console.table(targets.map((t) => ({ target: t.name, ratio: round(t.ratio, 3), limit: t.limit, met: t.met })));
  writeFileSync(
    join(ROOT, 'bench', 'results.json'),
    `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: (await import('node:os')).cpus().length, rows, whole: whole.rows, targets }, null, 2)}\n`,
  );
}

/**
 * The same table as a Word 97 .doc: LibreOffice (where installed) saves the generated .docx with its
 * "MS Word 97" filter, in a profile of its own. Without soffice the .doc rows are skipped.
 */
function docFromDocx(docxPath: string): Uint8Array | null {
  const profile = mkdtempSync(join(tmpdir(), 'fenjie-bench-soffice-'));
  try {
    const result = spawnSync('soffice', ['--headless', `-env:UserInstallation=${pathToFileURL(profile).href}`, '--convert-to', 'doc:MS Word 97', '--outdir', OUT, docxPath], {
      stdio: 'ignore',
    });
    const doc = docxPath.replace(/\.docx$/, '.doc');
    return result.status === 0 && existsSync(doc) ? readFileSync(doc) : null;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** A full garbage collection, when node runs with --expose-gc. */
function collect(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function target(name: string, ratio: number, limit: number) {
  return { name, ratio, limit, met: Number.isFinite(ratio) ? ratio <= limit : 'skipped' };
}

/** Whole-process timings of `fenjie convert` and the peers a user might reach for, on the 2,000-measure files. */
function wholeProcess() {
  const docx = join(OUT, 'table-2000.docx');
  const html = join(OUT, 'table-2000.html');
  const bin = join(ROOT, 'dist', 'bin.js');
  const rows: { command: string; ms: number }[] = [];
  const time = (command: string, file: string, args: string[]) => {
    const runs: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const start = performance.now();
      const result = spawnSync(file, args, { stdio: ['ignore', 'ignore', 'pipe'] });
      if (result.status !== 0) return Number.NaN;
      runs.push(performance.now() - start);
    }
    const ms = runs.sort((a, b) => a - b)[2] as number;
    rows.push({ command, ms });
    return ms;
  };
  const has = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
  // Debian's python3 (with python3-pandas and python3-lxml), not another one earlier on the PATH.
  const python = ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['-c', 'import pandas, lxml']).status === 0);
  const fenjieDocx = time('fenjie convert (docx, 2,000)', process.execPath, [bin, 'convert', docx]);
  const fenjieHtml = time('fenjie convert (html, 2,000)', process.execPath, [bin, 'convert', html]);
  const doc = join(OUT, 'table-2000.doc');
  if (existsSync(doc)) time('fenjie convert (doc, 2,000)', process.execPath, [bin, 'convert', doc]);
  const pandoc = has('pandoc') ? time('pandoc -f docx -t json (2,000)', 'pandoc', ['-f', 'docx', '-t', 'json', docx]) : Number.NaN;
  const pandas = python ? time('pandas.read_html (html, 2,000)', python, ['-c', `import pandas; pandas.read_html(${JSON.stringify(html)})`]) : Number.NaN;
  return {
    rows,
    targets: [
      target('fenjie convert docx ÷ pandoc, whole process', fenjieDocx / pandoc, 0.5),
      target('fenjie convert html ÷ pandas.read_html, whole process', fenjieHtml / pandas, 1),
    ],
  };
}

function round(value: number, digits = 2): number {
  return Math.round(value * 10 ** digits) / 10 ** digits;
}

await main();
