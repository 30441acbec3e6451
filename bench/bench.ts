/**
 * `npm run bench`: times parse() on seed-like tables of 2,000, 20,000 and 100,000 measures in every
 * format and text layout fenjie reads, checks that each reader is linear (ratios between sizes), the
 * peak memory of a parse in a fresh process, cold start, and — in the same run — what a user would
 * otherwise call (mammoth, cheerio, remark) and whole-process peers (pandoc, pandas.read_html) where
 * installed. The inputs are written first; then each case is timed at every size, in rounds, in
 * fresh processes of its own (this script run again with `--time`). Prints tables, checks the targets as ratios within the run, and writes
 * bench/results.json. Not part of `npm test`: speed is measured, not asserted.
 *
 * BENCH_ONLY=<regexp> times only the cases whose names match; BENCH_SIZES=2000,20000 picks sizes;
 * BENCH_PROCESSES=n times each case in n processes (default 3); BENCH_ROUNDS=n times every size n
 * times in each (default 5, see `timeRounds`); BENCH_NO_REWARM=1 times large tables straight after a
 * full collection, as before session 6 (see `timeLarge`);
 * BENCH_INPUTS_ONLY=1 writes the inputs (to $TMPDIR/fenjie-bench) and stops, for profiling by hand.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { load } from 'cheerio';
import mammoth from 'mammoth';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { parse } from '../src/index.js';
import { writeBrowserText, writeDocTable, writeDocx, writeHtml, writeMarkdown, writePipeRows, writeTabLed, writeTsv, writeXlsx } from '../test/helpers/writers.js';
import { lineCells, seedLikeTable, serialHtml } from './tables.js';

// Smallest first: a process warms and re-warms with the smallest (see `timeRounds`).
const SIZES = (process.env.BENCH_SIZES ?? '2000,20000,100000')
  .split(',')
  .map(Number)
  .sort((a, b) => a - b);
const ONLY = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : null;
const INPUTS_ONLY = process.env.BENCH_INPUTS_ONLY === '1';
/** How many processes time each case (the median of their times is taken). */
const PROCESSES = Number(process.env.BENCH_PROCESSES ?? 3);
/** How many rounds each timing process runs; a round times the sizes up to the largest and back down (see `timeRounds`). */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
// npm runs scripts from the package root; the bundled script itself lives in .tmp/bench.
const ROOT = process.cwd();
const OUT = join(tmpdir(), 'fenjie-bench');

/** One input format or text layout: how to write a table of n measures in it, and its file ending. */
interface Case {
  name: string;
  ext: string;
  /** Peak memory is checked for text and HTML, whose input size is the text's size. */
  rss: boolean;
  /** Largest size generated, where making the input is slow (LibreOffice) or the format holds no more rows; linearity targets only between sizes generated. */
  maxMeasures?: number;
  /** The input, or null where its writer is not installed. */
  make: (measures: number) => string | Uint8Array | null | Promise<Uint8Array | null>;
}

const CASES: Case[] = [
  { name: 'text (tab-led-cells)', ext: 'txt', rss: true, make: (n) => writeTabLed(seedLikeTable(n)) },
  { name: 'text (tsv)', ext: 'tsv', rss: true, make: (n) => writeTsv(seedLikeTable(n)) },
  { name: 'text (pipe-rows)', ext: 'txt', rss: true, make: (n) => writePipeRows(seedLikeTable(n)) },
  { name: 'text (line-cells)', ext: 'txt', rss: true, make: (n) => lineCells(writeTabLed(seedLikeTable(n))) },
  { name: 'text (browser-cells)', ext: 'txt', rss: true, make: (n) => writeBrowserText(seedLikeTable(n), { cells: 'paragraphs' }) },
  { name: 'html', ext: 'html', rss: true, make: (n) => writeHtml(seedLikeTable(n)) },
  { name: 'html (序号 over each task)', ext: 'html', rss: true, make: (n) => serialHtml(n) },
  { name: 'markdown', ext: 'md', rss: false, make: (n) => writeMarkdown(seedLikeTable(n)) },
  { name: 'docx', ext: 'docx', rss: false, make: (n) => writeDocx(seedLikeTable(n)) },
  { name: 'xlsx', ext: 'xlsx', rss: false, make: (n) => writeXlsx(seedLikeTable(n)) },
  { name: 'doc', ext: 'doc', rss: false, maxMeasures: 2_000, make: async (n) => docFromDocx(n, await writeDocx(seedLikeTable(n))) },
  // LibreOffice took over 40 minutes on a 20,000-measure .doc, so the .doc reader's linearity is timed
  // on .doc files from the tests' Word 97 writer (the property tests check it reads as the .docx does).
  { name: 'doc (test writer)', ext: 'doc', rss: false, make: (n) => writeDocTable(seedLikeTable(n)) },
  // An .xls sheet holds 65,536 rows at most (LibreOffice cuts a 100,000-measure table there): 2,000 and 20,000 only.
  { name: 'xls', ext: 'xls', rss: false, maxMeasures: 20_000, make: (n) => xlsFromHtml(n, writeHtml(seedLikeTable(n))) },
];

interface Row {
  name: string;
  measures: number;
  /** Median ms per call. */
  ms: number;
  /** Median ms per call spent in main-thread GC pauses. */
  gcMs: number;
  /** Median ms per call with its GC pauses taken out. */
  msWithoutGc: number;
  /** Each round's ms and ms without GC, in the order the rounds ran (see `timeRounds`). */
  rounds: { ms: number; msWithoutGc: number }[];
}

interface Target {
  name: string;
  ratio: number;
  limit: number;
  met: boolean | 'skipped';
}

async function main(): Promise<void> {
  const child = process.argv.indexOf('--time');
  if (child >= 0) return timeInChild(process.argv[child + 1] as string);
  mkdirSync(OUT, { recursive: true });
  const cases = CASES.filter((c) => !ONLY || ONLY.test(c.name));
  const files = new Map<string, string>();
  for (const size of SIZES) {
    for (const c of cases) {
      if (c.maxMeasures !== undefined && size > c.maxMeasures) continue;
      const input = await c.make(size);
      if (input === null) continue;
      const file = join(OUT, `${slug(c.name)}-${size}.${c.ext}`);
      writeFileSync(file, input);
      files.set(`${c.name}@${size}`, file);
      if (INPUTS_ONLY) console.log(file);
    }
  }
  if (INPUTS_ONLY) return;
  // Each case is timed in a process of its own, so that what one reader left in the JIT and the
  // heap does not shape another's times (in one shared process, a case's 2,000-measure time moved
  // by up to 40 % with the cases timed before it).
  // Each case is timed in several processes and the medians taken: a process's times move with
  // where its heap and code landed (a case's 2,000-measure time by up to half from one process to
  // the next, its 100,000-measure time by a third).
  const rows: Row[] = [];
  // The linearity ratios are taken round by round: each round's larger size over its smaller one,
  // timed around the same moment in the same process, and the median of those ratios over every round of
  // every process. This machine's speed drifts by up to a third over minutes, so a ratio of two
  // medians timed one after the other moved by as much; a round's two sizes share the drift.
  const ratios = new Map<string, number[]>();
  for (const c of cases) {
    const sizes = SIZES.filter((size) => files.has(`${c.name}@${size}`));
    const timed: Row[] = [];
    for (let p = 0; p < PROCESSES && sizes.length > 0; p += 1) {
      const processRows = inChild(JSON.stringify({ case: c.name, files: sizes.map((size) => [size, files.get(`${c.name}@${size}`)]) }));
      timed.push(...processRows);
      for (const [from, to] of [[2_000, 20_000], [20_000, 100_000]] as const) {
        const small = processRows.find((r) => r.measures === from);
        const large = processRows.find((r) => r.measures === to);
        if (!small || !large) continue;
        for (const field of ['ms', 'msWithoutGc'] as const) {
          const key = `${c.name}|${from}|${to}|${field}`;
          ratios.set(key, [...(ratios.get(key) ?? []), ...large.rounds.map((r, i) => r[field] / (small.rounds[i]?.[field] ?? Number.NaN))]);
        }
      }
    }
    rows.push(...medianRows(timed));
  }
  rows.push(...inChild(JSON.stringify({ peers: true })));

  const at = (name: string, size: number) => rows.find((r) => r.name === name && r.measures === size)?.ms ?? Number.NaN;
  const ratio = (c: Case, from: number, to: number, field: 'ms' | 'msWithoutGc' = 'ms') => median(ratios.get(`${c.name}|${from}|${to}|${field}`) ?? []);
  const targets: Target[] = [];
  // Not targets: the same ratios with each call's main-thread GC pauses taken out, to tell the
  // reader's own work from the collector's copying of what outlives a scavenge.
  const linearityWithoutGc: { case: string; '20k ÷ 2k': number; '100k ÷ 20k': number }[] = [];
  // Each pair of sizes the case is generated at (the .xls format stops short of 100,000 rows).
  for (const c of cases.filter((c) => (c.maxMeasures ?? Infinity) >= 20_000)) {
    targets.push(target(`${c.name}: 20,000 ÷ 2,000 measures`, ratio(c, 2_000, 20_000), 11));
    if (c.maxMeasures === undefined) targets.push(target(`${c.name}: 100,000 ÷ 20,000 measures`, ratio(c, 20_000, 100_000), 5.5));
    linearityWithoutGc.push({ case: c.name, '20k ÷ 2k': round(ratio(c, 2_000, 20_000, 'msWithoutGc')), '100k ÷ 20k': round(ratio(c, 20_000, 100_000, 'msWithoutGc')) });
  }
  targets.push(target('docx parse ÷ mammoth.convertToHtml, 2,000 measures', at('fenjie docx', 2000) / at('mammoth.convertToHtml', 2000), 0.2));
  targets.push(target('doc parse ÷ docx parse of the same table, 2,000 measures', at('fenjie doc', 2000) / at('fenjie docx', 2000), 2));
  targets.push(target('xlsx parse ÷ docx parse, 2,000 measures', at('fenjie xlsx', 2000) / at('fenjie docx', 2000), 2));
  targets.push(target('html parse ÷ cheerio.load, 2,000 measures', at('fenjie html', 2000) / at('cheerio.load', 2000), 2));
  const memory = peakMemory(cases.filter((c) => c.rss), files);
  targets.push(...memory.targets);
  const whole = wholeProcess(files);
  targets.push(...whole.targets);

  console.log(`\nparse(), median ms per call (${PROCESSES} processes × ${ROUNDS} rounds)\n`);
  console.table(rows.map((r) => ({ name: r.name, measures: r.measures, ms: round(r.ms), 'GC pause ms': round(r.gcMs), 'measures/s': r.name.startsWith('fenjie') ? Math.round((r.measures / r.ms) * 1000) : '' })));
  console.log('\npeak memory of one parse in a fresh process, median of 5 (100,000 measures where generated)\n');
  console.table(memory.rows);
  console.log(`\nwhole process, median of ${WHOLE_RUNS} runs taking turns (wall ms; CPU ms = user + system)\n`);
  console.table(whole.rows.map((r) => ({ ...r, ms: round(r.ms), 'cpu ms': round(r['cpu ms']) })));
  console.log(`CPU-time ratios (not targets): docx ÷ pandoc ${round(whole.cpuRatios.docxPandoc, 3)}, html ÷ pandas ${round(whole.cpuRatios.htmlPandas, 3)}`);
  console.log('\nlinearity with GC pauses taken out (not targets; medians of the rounds\' ratios)\n');
  console.table(linearityWithoutGc);
  console.log('\ntargets\n');
  console.table(targets.map((t) => ({ target: t.name, ratio: round(t.ratio, 3), limit: t.limit, met: t.met })));
  writeFileSync(
    join(ROOT, 'bench', 'results.json'),
    `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: cpus().length, processes: PROCESSES, rounds: ROUNDS, rows, linearityWithoutGc, memory: memory.rows, whole: whole.rows, wholeCpuRatios: whole.cpuRatios, targets }, null, 2)}\n`,
  );
}

/** Each size's rows from several timing processes as one row: the medians of all their rounds. */
function medianRows(rows: Row[]): Row[] {
  const sizes = [...new Set(rows.map((r) => r.measures))];
  return sizes.map((measures) => {
    const these = rows.filter((r) => r.measures === measures);
    const first = these[0] as Row;
    const rounds = these.flatMap((r) => r.rounds);
    // Times over every round; the GC pause is the median of the processes' medians (rounds keep no GC figure).
    return { name: first.name, measures, ms: median(rounds.map((r) => r.ms)), gcMs: median(these.map((r) => r.gcMs)), msWithoutGc: median(rounds.map((r) => r.msWithoutGc)), rounds };
  });
}

/** What starts the line of a timing child's output that holds its rows. */
const RESULT = 'fenjie-bench-rows ';

/** What a timing child is asked: one case's files by size, or the peers. */
type ChildTask = { case: string; files: [number, string][] } | { peers: true };

/** Runs this script again as a fresh process that times one task, and reads back its rows. */
function inChild(task: string): Row[] {
  const result = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', process.argv[1] as string, '--time', task], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`timing ${task} failed (exit ${result.status})`);
  // Whatever else the child printed, its rows are the line that starts with the marker.
  const line = result.stdout.split('\n').find((l) => l.startsWith(RESULT));
  if (line === undefined) throw new Error(`timing ${task} printed no result`);
  return JSON.parse(line.slice(RESULT.length)) as Row[];
}

/** In a timing child: times one case at each of its sizes in rounds, or the peers; prints the rows. */
async function timeInChild(json: string): Promise<void> {
  const task = JSON.parse(json) as ChildTask;
  const pauses = watchGc();
  let rows: Row[];
  if ('peers' in task) rows = await peers(pauses);
  else {
    const inputs: Timed[] = [];
    for (const [size, file] of task.files) {
      const input = readFileSync(file);
      // Check the generated table reads back whole before timing it. Counted in a function of its own:
      // a model held in this async function's frame stayed alive through every round (see `measuresIn`).
      const count = await measuresIn(input, file);
      if (count !== size) throw new Error(`${task.case}: the ${size}-measure table read as ${count} measures`);
      inputs.push({ name: `fenjie ${task.case}`, measures: size, call: () => parse(input, { fileName: file }) });
    }
    rows = await timeRounds(inputs, pauses);
  }
  process.stdout.write(`\n${RESULT}${JSON.stringify(rows)}\n`);
}

/**
 * How many measures a parse of the input reads. A function of its own, so that no model outlives it:
 * held in timeInChild, whose frame is suspended across the rounds, the 100,000-measure model (some
 * 90 MB) stayed alive through all of them until session 9 — a heap that every full collection
 * marked and that set when the collector started.
 */
async function measuresIn(input: Uint8Array, file: string): Promise<number> {
  const parsed = await parse(input, { fileName: file });
  return parsed.sections.flatMap((s) => s.tasks).reduce((n, t) => n + t.measures.length, 0);
}

/** A call to time, and the row it is reported under. */
interface Timed {
  name: string;
  measures: number;
  call: () => unknown;
}

/** Main-thread GC pauses as [start, end] in performance.now() time, gathered for the rest of the process. */
function watchGc(): [number, number][] {
  const pauses: [number, number][] = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) pauses.push([entry.startTime, entry.startTime + entry.duration]);
  }).observe({ entryTypes: ['gc'] });
  return pauses;
}

/**
 * Times each input ROUNDS times, in rounds that take the inputs smallest first up to the largest and
 * back down again (2k, 20k, 100k, 20k, 2k): every size but the largest is timed twice, before and
 * after the larger ones, and its round's figure is the mean of the two, so that each size's figure is
 * centred on the same moment and a drift of the machine's speed within a round is the same for every
 * size (a round's ratios are taken from them). In fifteen rounds of tab-led cells, the standard
 * deviation of the rounds' 100,000 ÷ 20,000 ratios was 0.54 with each size timed once, smallest
 * first (as until session 9), and 0.31 this way; of their 20,000 ÷ 2,000 ratios, 1.81 and 0.95.
 * Before the rounds, three seconds of calls on the smallest input: some readers' code is still being
 * optimized a hundred calls in.
 *
 * A small input (under 20,000 measures) is timed for a second in batches of ten calls, and that
 * timing's figure is the median batch: a young-generation collection comes every few small calls, so
 * the median of single calls would be a call without one, and leave out the share of the collector's
 * work that a larger table's calls pay in full. A large input is one call after a full collection
 * (`timeLarge`). A call's GC time is the main-thread pauses inside it (Node's `gc` performance
 * entries); they are delivered after the fact, so they are matched to the calls at the end.
 */
async function timeRounds(inputs: Timed[], pauses: [number, number][]): Promise<Row[]> {
  const smallest = inputs[0] as Timed;
  const warm = performance.now() + 3000;
  while (performance.now() < warm) await smallest.call();
  // The order of a round: up to the largest input and back (0, 1, 2, 1, 0).
  const order = [...inputs.keys(), ...[...inputs.keys()].reverse().slice(1)];
  // Per input, per round: its timings (one or two), each the timed spans and how many calls each holds.
  type Timing = { calls: [number, number][]; per: number };
  const timings = inputs.map(() => Array.from({ length: ROUNDS }, () => [] as Timing[]));
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const i of order) {
      const input = inputs[i] as Timed;
      timings[i]?.[round]?.push(input.measures >= 20_000 ? { calls: [await timeLarge(input.call, smallest.call)], per: 1 } : { calls: await timeBatches(input.call), per: BATCH });
    }
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
  const gcIn = ([from, to]: [number, number]) => pauses.reduce((sum, [a, b]) => sum + Math.max(0, Math.min(b, to) - Math.max(a, from)), 0);
  return inputs.map((input, i) => {
    const rounds = (timings[i] ?? []).map((round) => {
      // Each timing's median call (or batch), and the round's figure the mean of its timings.
      const figures = round.map(({ calls, per }) => {
        const ms = calls.map(([from, to]) => (to - from) / per);
        const gc = calls.map((call) => gcIn(call) / per);
        return { ms: median(ms), gcMs: median(gc), msWithoutGc: median(ms.map((m, k) => m - (gc[k] as number))) };
      });
      return { ms: mean(figures.map((f) => f.ms)), gcMs: mean(figures.map((f) => f.gcMs)), msWithoutGc: mean(figures.map((f) => f.msWithoutGc)) };
    });
    return {
      name: input.name,
      measures: input.measures,
      ms: median(rounds.map((r) => r.ms)),
      gcMs: median(rounds.map((r) => r.gcMs)),
      msWithoutGc: median(rounds.map((r) => r.msWithoutGc)),
      rounds: rounds.map(({ ms, msWithoutGc }) => ({ ms, msWithoutGc })),
    };
  });
}

/** Calls in a batch of a small input. */
const BATCH = 10;

/** A second of batches of a small input's calls: each batch's [start, end]. */
async function timeBatches(call: () => unknown): Promise<[number, number][]> {
  const batches: [number, number][] = [];
  const until = performance.now() + 1000;
  while (performance.now() < until || batches.length < 3) {
    const start = performance.now();
    for (let k = 0; k < BATCH; k += 1) await call();
    batches.push([start, performance.now()]);
  }
  return batches;
}

/**
 * One call of a large input, as [start, end]. A call leaves hundreds of MiB of garbage, so a full
 * collection (node --expose-gc) comes first. That collection also throws optimized code away: V8
 * deoptimizes code that embeds objects the collection frees (`--trace-deopt`: "weak objects"), so
 * the next call ran some 25 functions unoptimized until they were compiled again, inside the timed
 * call — a 20,000-measure call took up to a third longer than in a process that had not just
 * collected, and the 100,000 ÷ 20,000 ratios came out near 4. A few small-input calls after the
 * collection compile them again first, so that large inputs are timed as warm as small ones.
 * BENCH_NO_REWARM=1 leaves them out.
 */
async function timeLarge(call: () => unknown, rewarm: () => unknown): Promise<[number, number]> {
  collect();
  if (!process.env['BENCH_NO_REWARM']) for (let i = 0; i < REWARM_CALLS; i += 1) await rewarm();
  const start = performance.now();
  await call();
  return [start, performance.now()];
}

/** Small-input calls between a full collection and a timed large call. */
const REWARM_CALLS = 3;

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? Number.NaN : (sorted[sorted.length >> 1] as number);
}

/** What a user would otherwise call on the 2,000-measure inputs, in the same run. */
async function peers(pauses: [number, number][]): Promise<Row[]> {
  const table = seedLikeTable(2000);
  const html = writeHtml(table);
  const markdown = writeMarkdown(table);
  const docx = Buffer.from(await writeDocx(table));
  const peerCases: [string, () => unknown][] = [
    ['cheerio.load', () => void load(html)],
    ['remark parse', () => void unified().use(remarkParse).use(remarkGfm).parse(markdown)],
    ['mammoth.convertToHtml', () => mammoth.convertToHtml({ buffer: docx })],
  ];
  const rows: Row[] = [];
  for (const [name, call] of peerCases) rows.push(...(await timeRounds([{ name, measures: 2000, call }], pauses)));
  return rows;
}

/**
 * Peak resident memory of one `parse()` of the largest generated input of each text or HTML case, in
 * a fresh process, as a multiple of the input's size: the median of five processes, since where the
 * last full collection falls moves the peak of the same build by up to a fifth from one process to
 * the next (the range is printed beside it). The baseline of an idle Node process (about 40 MiB) is
 * included, which only makes the ratio stricter.
 */
function peakMemory(cases: Case[], files: Map<string, string>) {
  const size = Math.max(...SIZES);
  const rows: { case: string; measures: number; 'input MiB': number; 'peak RSS MiB': number; ratio: number; 'ratio range': string }[] = [];
  const targets: Target[] = [];
  for (const c of cases) {
    const file = files.get(`${c.name}@${size}`);
    if (!file) continue;
    const script = `const { readFileSync } = require('node:fs'); import(${JSON.stringify(join(ROOT, 'dist', 'index.js'))}).then(async ({ parse }) => { const bytes = readFileSync(process.argv[1]); await parse(bytes); console.log(JSON.stringify({ input: bytes.length, rss: process.resourceUsage().maxRSS * 1024 })); })`;
    const runs = Array.from({ length: 5 }, () => {
      const result = spawnSync(process.execPath, ['-e', script, file], { encoding: 'utf8', maxBuffer: 1 << 20 });
      if (result.status !== 0) throw new Error(`peak memory of ${c.name}: ${result.stderr}`);
      return JSON.parse(result.stdout) as { input: number; rss: number };
    }).sort((a, b) => a.rss - b.rss);
    const { input, rss } = runs[2] as { input: number; rss: number };
    const range = `${round((runs[0] as { rss: number }).rss / input, 1)}–${round((runs[4] as { rss: number }).rss / input, 1)}`;
    rows.push({ case: c.name, measures: size, 'input MiB': round(input / 2 ** 20), 'peak RSS MiB': round(rss / 2 ** 20), ratio: round(rss / input), 'ratio range': range });
    if (size >= 100_000) targets.push(target(`${c.name}: peak RSS ÷ input size, ${size.toLocaleString('en')} measures`, rss / input, 20));
  }
  return { rows, targets };
}

/** How many times each whole-process command runs. */
const WHOLE_RUNS = 9;

/**
 * Whole-process timings of `fenjie convert` and of the peers a user might reach for, on the
 * 2,000-measure files: median wall time of nine runs, and beside it the median CPU time (user +
 * system, from the shell's `times`), which a loaded machine distorts less than wall time. The
 * commands take turns, one run of each in a pass, with each `fenjie convert` just before the peer
 * it is compared with; a target is the median over the passes of that pair's ratio. Timed as seven
 * runs of one command and then seven of the next (until session 10), a ratio moved with the
 * machine's drift between the two blocks: 0.49 and 0.72 in two runs of the same code.
 */
function wholeProcess(files: Map<string, string>) {
  const docx = files.get('docx@2000');
  const html = files.get('html@2000');
  const text = files.get('text (tab-led-cells)@2000');
  const doc = files.get('doc@2000');
  const bin = join(ROOT, 'dist', 'bin.js');
  const has = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
  // A python3 that has pandas and lxml: Debian's (python3-pandas, python3-lxml), else the first on the PATH.
  const python = ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['-c', 'import pandas, lxml']).status === 0);
  const fenjie = (file: string | undefined) => (file ? [process.execPath, bin, 'convert', file] : null);
  const commands: { name: string; argv: string[] | null }[] = [
    { name: 'node -e 0 (Node start-up alone)', argv: [process.execPath, '-e', '0'] },
    { name: 'fenjie --version (cold start)', argv: [process.execPath, bin, '--version'] },
    { name: 'fenjie convert (text, 2,000)', argv: fenjie(text) },
    { name: 'fenjie convert (docx, 2,000)', argv: fenjie(docx) },
    { name: 'pandoc -f docx -t json (2,000)', argv: docx && has('pandoc') ? ['pandoc', '-f', 'docx', '-t', 'json', docx] : null },
    { name: 'fenjie convert (html, 2,000)', argv: fenjie(html) },
    { name: 'pandas.read_html (html, 2,000)', argv: html && python ? [python, '-c', `import pandas; pandas.read_html(${JSON.stringify(html)})`] : null },
    { name: 'fenjie convert (doc, 2,000)', argv: fenjie(doc) },
  ];
  // runs[name][pass]: one timing of the command in each pass, NaN where it failed.
  const runs = new Map<string, { wall: number; cpu: number }[]>();
  for (let pass = 0; pass < WHOLE_RUNS; pass += 1) {
    for (const { name, argv } of commands) {
      if (!argv) continue;
      const start = performance.now();
      // sh runs the command and then `times`, whose last line is its children's user and system time.
      const result = spawnSync('sh', ['-c', '"$@" > /dev/null; code=$?; times >&2; exit $code', 'sh', ...argv], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
      const wall = performance.now() - start;
      const ok = result.status === 0;
      runs.set(name, [...(runs.get(name) ?? []), { wall: ok ? wall : Number.NaN, cpu: ok ? childCpuMs(result.stderr) : Number.NaN }]);
    }
  }
  // A command that failed in any pass has no figure, so that a failure is not hidden in a median.
  const medianOf = (values: number[]) => (values.some(Number.isNaN) ? Number.NaN : median(values));
  const rows = [...runs].map(([command, times]) => ({ command, ms: medianOf(times.map((t) => t.wall)), 'cpu ms': medianOf(times.map((t) => t.cpu)) }));
  // The median over the passes of one command's time divided by another's in the same pass.
  const paired = (a: string, b: string, key: 'wall' | 'cpu') => {
    const x = runs.get(a);
    const y = runs.get(b);
    return x && y ? medianOf(x.map((t, i) => t[key] / (y[i] as { wall: number; cpu: number })[key])) : Number.NaN;
  };
  const docxPandoc = 'fenjie convert (docx, 2,000)';
  const htmlPandas = 'fenjie convert (html, 2,000)';
  return {
    rows,
    targets: [
      target('fenjie convert docx ÷ pandoc, whole process', paired(docxPandoc, 'pandoc -f docx -t json (2,000)', 'wall'), 0.5),
      target('fenjie convert html ÷ pandas.read_html, whole process', paired(htmlPandas, 'pandas.read_html (html, 2,000)', 'wall'), 0.7),
    ],
    cpuRatios: { docxPandoc: paired(docxPandoc, 'pandoc -f docx -t json (2,000)', 'cpu'), htmlPandas: paired(htmlPandas, 'pandas.read_html (html, 2,000)', 'cpu') },
  };
}

/** Milliseconds of CPU from the last line of sh's `times` ("0m1.234s 0m0.056s": children's user and system time). */
function childCpuMs(stderr: string): number {
  const last = stderr.trim().split('\n').pop() ?? '';
  const seconds = [...last.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  return seconds.length === 2 ? ((seconds[0] as number) + (seconds[1] as number)) * 1000 : Number.NaN;
}

/**
 * The same table as a Word 97 .doc: LibreOffice (where installed) saves the generated .docx with its
 * "MS Word 97" filter. Without soffice the .doc case is skipped.
 */
function docFromDocx(size: number, docx: Uint8Array): Uint8Array | null {
  return convertWithSoffice(`doc-source-${size}.docx`, docx, 'doc:MS Word 97');
}

/** A seed-like table as an .xls, converted from its HTML by LibreOffice Calc (as the .xls fixtures are); null without soffice. */
function xlsFromHtml(size: number, html: string): Uint8Array | null {
  return convertWithSoffice(`xls-source-${size}.html`, html, 'xls:MS Excel 97', 'HTML (StarCalc)');
}

/**
 * Writes a source file into the inputs folder and converts it there with soffice, in a profile of its
 * own, naming the output filter (and the input filter, where given); the converted bytes, or null
 * where soffice is missing or fails.
 */
function convertWithSoffice(sourceName: string, source: string | Uint8Array, filter: string, infilter?: string): Uint8Array | null {
  const sourcePath = join(OUT, sourceName);
  writeFileSync(sourcePath, source);
  const profile = mkdtempSync(join(tmpdir(), 'fenjie-bench-soffice-'));
  try {
    const args = ['--headless', `-env:UserInstallation=${pathToFileURL(profile).href}`, ...(infilter ? [`--infilter=${infilter}`] : []), '--convert-to', filter, '--outdir', OUT, sourcePath];
    const result = spawnSync('soffice', args, { stdio: 'ignore' });
    const output = sourcePath.replace(/\.[^.]+$/, `.${filter.split(':')[0]}`);
    return result.status === 0 && existsSync(output) ? readFileSync(output) : null;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** A full garbage collection, when node runs with --expose-gc. */
function collect(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function target(name: string, ratio: number, limit: number): Target {
  return { name, ratio, limit, met: Number.isFinite(ratio) ? ratio <= limit : 'skipped' };
}

function slug(name: string): string {
  return name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'case';
}

function round(value: number, digits = 2): number {
  return Math.round(value * 10 ** digits) / 10 ** digits;
}

await main();
