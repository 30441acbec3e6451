/**
 * Scores fenjie's reading of a real file against its hand-made truth: produced and true measures are
 * aligned in reading order (a weighted longest common subsequence on normalized text, so that one
 * missing or extra measure does not shift every later pair), then each aligned pair is exact or partial.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isFenjieError, parse, type Measure, type TaskTable } from '../../src/index.js';
import { splitMarker } from '../../src/normalize/markers.js';
import { normalizeWhitespace } from '../../src/normalize/whitespace.js';
import { Truth, truthMeasures, type TruthMeasure } from './truth.js';

/** One real file of the corpus: fixtures/real/<slug>/input.<ext> with truth.json beside it. */
export interface RealFile {
  slug: string;
  dir: string;
  input: string;
  bytes: Uint8Array;
  truth: Truth;
}

/** How fenjie did on one file. */
export interface FileScore {
  slug: string;
  kind: Truth['kind'];
  /** Measures in the truth. */
  measures: number;
  /** Text, departments, lead, support and inherited all exactly right. */
  exact: number;
  /** Aligned with a true measure but something differs. */
  partial: number;
  /** True measures with no produced measure aligned to them. */
  missing: number;
  /** Produced measures aligned to no true measure (cut-off rows named in `excluded` are not counted). */
  extra: number;
  /** Aligned measures whose deadline text is right (not part of `exact`). */
  deadlines: number;
  /** The FenjieError code when the file was refused, else null. */
  refused: string | null;
  /** Diagnostics fenjie reported (0 when refused). */
  diagnostics: number;
  /** Something is wrong and fenjie said nothing at all: the worst case. */
  confidentWrong: boolean;
  /** What differs, one line per partial measure (for reading, not for counting). */
  differences: string[];
}

// Two levels up is the package root both from scripts/accuracy/ and from the bundle in .tmp/accuracy/.
const CORPUS = join(import.meta.dirname, '..', '..', 'fixtures', 'real');
// Pairs less similar than this are never aligned: a measure glued to its neighbour or cut in half
// still aligns (partial), while an unrelated measure counts as missing plus extra.
const MIN_SIMILARITY = 0.5;

/** Every file of the real corpus, in slug order; throws when a truth.json breaks the truth schema. */
export function realFiles(root = CORPUS): RealFile[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => realFile(entry.name, root))
    .sort((a, b) => a.slug.localeCompare(b.slug));
}

/** One file of the real corpus by its slug; throws when it has no input or its truth breaks the schema. */
export function realFile(slug: string, root = CORPUS): RealFile {
  const dir = join(root, slug);
  const input = readdirSync(dir).find((file) => file.startsWith('input.'));
  if (!input) throw new Error(`fixtures/real/${slug}: no input.* file`);
  const parsed = Truth.safeParse(JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')));
  if (!parsed.success) throw new Error(`fixtures/real/${slug}/truth.json: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return { slug, dir, input, bytes: readFileSync(join(dir, input)), truth: parsed.data };
}

/** Parses a real file with fenjie and scores the outcome; a FenjieError is scored as a refusal. */
export async function parseAndScore(file: RealFile): Promise<FileScore> {
  try {
    return scoreFile(file, await parse(file.bytes, { fileName: file.input }));
  } catch (error) {
    if (!isFenjieError(error)) throw error;
    return scoreFile(file, { code: error.code });
  }
}

/** Measure text as compared: whitespace-normalized and without a leading numbering marker. */
export function comparableText(text: string): string {
  const normalized = normalizeWhitespace(text);
  return splitMarker(normalized)?.rest ?? normalized;
}

/** Text reduced to its letters and digits, for similarity only. */
function skeleton(text: string): string {
  return comparableText(text).replace(/[\p{P}\p{S}\s]/gu, '');
}

function bigrams(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + 1 < text.length; i++) {
    const pair = text.slice(i, i + 2);
    counts.set(pair, (counts.get(pair) ?? 0) + 1);
  }
  return counts;
}

/** Dice coefficient of character bigrams, 1 for equal skeletons. */
function similarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const left = bigrams(a);
  const right = bigrams(b);
  let shared = 0;
  for (const [pair, count] of left) shared += Math.min(count, right.get(pair) ?? 0);
  return (2 * shared) / (a.length - 1 + (b.length - 1));
}

/** Pairs [truthIndex, producedIndex] of the best order-keeping alignment. */
export function align(truth: readonly string[], produced: readonly string[]): [number, number][] {
  const a = truth.map(skeleton);
  const b = produced.map(skeleton);
  const rows = a.length + 1;
  const cols = b.length + 1;
  const best = new Float64Array(rows * cols);
  const weight = (i: number, j: number): number => {
    const s = similarity(a[i - 1] as string, b[j - 1] as string);
    return s >= MIN_SIMILARITY ? s : -1;
  };
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const w = weight(i, j);
      const diagonal = w > 0 ? (best[(i - 1) * cols + j - 1] as number) + w : -Infinity;
      best[i * cols + j] = Math.max(best[(i - 1) * cols + j] as number, best[i * cols + j - 1] as number, diagonal);
    }
  }
  const pairs: [number, number][] = [];
  let i = a.length;
  let j = b.length;
  while (i > 0 && j > 0) {
    const here = best[i * cols + j] as number;
    if (here === best[(i - 1) * cols + j]) i--;
    else if (here === best[i * cols + j - 1]) j--;
    else {
      pairs.push([i - 1, j - 1]);
      i--;
      j--;
    }
  }
  return pairs.reverse();
}

const sameSet = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');

/** What differs between a true measure and the produced one aligned with it; [] when exact. */
export function differences(truth: TruthMeasure, produced: Measure): string[] {
  const found: string[] = [];
  if (comparableText(truth.text) !== comparableText(produced.text)) found.push(`text "${produced.text}"`);
  if (!sameSet(truth.departments, produced.departments)) found.push(`departments [${produced.departments.join(', ')}] for [${truth.departments.join(', ')}]`);
  if (!sameSet(truth.lead, produced.lead)) found.push(`lead [${produced.lead.join(', ')}] for [${truth.lead.join(', ')}]`);
  if (!sameSet(truth.support, produced.support)) found.push(`support [${produced.support.join(', ')}] for [${truth.support.join(', ')}]`);
  if (truth.inherited !== produced.inherited) found.push(`inherited ${produced.inherited}`);
  return found;
}

/** Every measure of a parsed table, in reading order. */
export function producedMeasures(table: TaskTable): Measure[] {
  return table.sections.flatMap((section) => section.tasks.flatMap((task) => task.measures));
}

function isExcluded(text: string, excluded: readonly string[]): boolean {
  const key = skeleton(text);
  return excluded.some((start) => {
    const cut = skeleton(start);
    return key.startsWith(cut) || (cut.startsWith(key) && key.length > 0) || key.slice(0, 12) === cut.slice(0, 12);
  });
}

/** Scores one file: `outcome` is the parsed table, or the error fenjie threw. */
export function scoreFile(file: RealFile, outcome: TaskTable | { code: string }): FileScore {
  const expected = truthMeasures(file.truth);
  const base = { slug: file.slug, kind: file.truth.kind, measures: expected.length };
  if (!('sections' in outcome)) {
    return { ...base, exact: 0, partial: 0, missing: expected.length, extra: 0, deadlines: 0, refused: outcome.code, diagnostics: 0, confidentWrong: false, differences: [] };
  }
  const produced = producedMeasures(outcome);
  const pairs = align(
    expected.map((m) => m.text),
    produced.map((m) => m.text),
  );
  let exact = 0;
  let deadlines = 0;
  const notes: string[] = [];
  for (const [t, p] of pairs) {
    const truth = expected[t] as TruthMeasure;
    const measure = produced[p] as Measure;
    const wrong = differences(truth, measure);
    if (wrong.length === 0) exact++;
    else notes.push(`#${t + 1} ${truth.text.slice(0, 24)}…: ${wrong.join('; ')}`);
    if ((truth.deadline === null ? null : normalizeWhitespace(truth.deadline)) === (measure.deadline ? normalizeWhitespace(measure.deadline.text) : null)) deadlines++;
  }
  const alignedProduced = new Set(pairs.map(([, p]) => p));
  const extra = produced.filter((m, p) => !alignedProduced.has(p) && !isExcluded(m.text, file.truth.excluded ?? [])).length;
  const partial = pairs.length - exact;
  const missing = expected.length - pairs.length;
  const diagnostics = outcome.diagnostics.length;
  return {
    ...base,
    exact,
    partial,
    missing,
    extra,
    deadlines,
    refused: null,
    diagnostics,
    confidentWrong: partial + missing + extra > 0 && diagnostics === 0,
    differences: notes,
  };
}
