/**
 * `npm run accuracy`: parses every real file in fixtures/real with fenjie and scores it against its
 * hand-made truth. Prints one row per file and the totals (or JSON with --json). Exits 0 whatever the
 * score, unless --min <ratio> is given and the share of exact measures is below it.
 */
import { parseAndScore, realFiles, type FileScore } from './score.js';

/** The corpus totals. */
export interface Totals {
  files: number;
  measures: number;
  exact: number;
  partial: number;
  missing: number;
  extra: number;
  exactRatio: number;
  refusedFiles: string[];
  confidentWrongFiles: string[];
}

/** Sums the scores of some files. */
export function totals(scores: readonly FileScore[]): Totals {
  const sum = (key: 'measures' | 'exact' | 'partial' | 'missing' | 'extra'): number => scores.reduce((n, s) => n + s[key], 0);
  const measures = sum('measures');
  return {
    files: scores.length,
    measures,
    exact: sum('exact'),
    partial: sum('partial'),
    missing: sum('missing'),
    extra: sum('extra'),
    exactRatio: measures === 0 ? 0 : sum('exact') / measures,
    refusedFiles: scores.filter((s) => s.refused !== null).map((s) => s.slug),
    confidentWrongFiles: scores.filter((s) => s.confidentWrong).map((s) => s.slug),
  };
}

/** Parses and scores every real file. */
export async function runAccuracy(): Promise<FileScore[]> {
  const scores: FileScore[] = [];
  for (const file of realFiles()) scores.push(await parseAndScore(file));
  return scores;
}

const percent = (part: number, whole: number): string => (whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)}%`);

function printTable(scores: readonly FileScore[], verbose: boolean): void {
  const header = ['file', 'kind', 'measures', 'exact', 'partial', 'missing', 'extra', 'deadline ok', 'refused', 'diagnostics', 'confident wrong'];
  const rows = scores.map((s) => [
    s.slug,
    s.kind,
    String(s.measures),
    `${s.exact} (${percent(s.exact, s.measures)})`,
    String(s.partial),
    String(s.missing),
    String(s.extra),
    String(s.deadlines),
    s.refused ?? '-',
    String(s.diagnostics),
    s.confidentWrong ? 'YES' : '-',
  ]);
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] as string))));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c + ' '.repeat((widths[i] as number) - width(c))).join('  ');
  console.log(line(header));
  for (const [i, row] of rows.entries()) {
    console.log(line(row));
    if (verbose) for (const note of (scores[i] as FileScore).differences) console.log(`    ${note}`);
  }
  console.log('');
  for (const [label, group] of [
    ['tables', scores.filter((s) => s.kind === 'table')],
    ['prose', scores.filter((s) => s.kind === 'prose')],
    ['total', scores],
  ] as const) {
    const t = totals(group);
    console.log(
      `${label}: ${t.files} files, ${t.exact}/${t.measures} measures exact (${percent(t.exact, t.measures)}), ${t.partial} partial, ${t.missing} missing, ${t.extra} extra; ` +
        `${t.refusedFiles.length} refused, ${t.confidentWrongFiles.length} confident wrong`,
    );
  }
}

// Chinese characters take two columns in a terminal.
function width(text: string): number {
  let columns = 0;
  for (const char of text) columns += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(char) ? 2 : 1;
  return columns;
}

async function main(argv: readonly string[]): Promise<number> {
  const json = argv.includes('--json');
  const verbose = argv.includes('--verbose') || argv.includes('-v');
  const at = argv.indexOf('--min');
  const min = at >= 0 ? Number(argv[at + 1]) : null;
  if (min !== null && !(min >= 0 && min <= 1)) {
    console.error('accuracy: --min takes a ratio between 0 and 1, e.g. --min 0.9');
    return 2;
  }
  const scores = await runAccuracy();
  const total = totals(scores);
  if (json) console.log(JSON.stringify({ files: scores, total }, null, 2));
  else printTable(scores, verbose);
  if (min !== null && total.exactRatio < min) {
    console.error(`accuracy: ${(100 * total.exactRatio).toFixed(1)}% of measures exact, below --min ${min}`);
    return 1;
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
