import { extname } from 'node:path';
import CFB from 'cfb';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { FENJIE_ERROR_CODES, TaskTable } from '../../src/index.js';
import { fixtureCases, type FixtureCase } from '../helpers/fixtures.js';
import { describeOutcome, useParseWorker, type Outcome } from './worker.js';

/*
 * Mutation fuzzing of every fixture. Each case damages a fixture's bytes (or, for a .docx, the XML
 * of its word/document.xml, zipped again; for an .xlsx its first sheet and shared strings; for an
 * .xls its Workbook stream and the lengths, counts and offsets of its BIFF records) and parses the result in a worker (see worker.ts). The
 * parse must end within the time allowed, and either give a model that the schema accepts or
 * refuse with a FenjieError whose code is listed and is not one of the codes that name a fenjie
 * bug, and whose message is one line that starts with the file name. Everything is derived from a
 * seeded PRNG, per fixture, so that each case is the same on every run and can be replayed alone.
 */

/** A case that takes longer than this is taken as a hang; the fixtures parse in milliseconds. */
const CASE_TIMEOUT_MS = 10_000;
/** FenjieError codes that mean fenjie failed on its own, not that the input was bad. */
const BUG_CODES = ['internal-error', 'invalid-model'];

/** mulberry32: a small, fast PRNG, good enough to pick mutations; seeded per fixture. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a of a string, to seed each fixture's PRNG from its name. */
function seedOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

type Random = () => number;
const below = (random: Random, n: number) => Math.floor(random() * n);

function randomBytes(random: Random, length: number): Uint8Array {
  return Uint8Array.from({ length }, () => below(random, 256));
}

function splice(bytes: Uint8Array, at: number, remove: number, insert: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length - remove + insert.length);
  out.set(bytes.subarray(0, at));
  out.set(insert, at);
  out.set(bytes.subarray(at + remove), at + insert.length);
  return out;
}

/** Junk that means something to one of the readers. */
const JUNK = [
  '<table>',
  '\t',
  '|',
  '"',
  '</td><td rowspan="9999" colspan="9999">',
  '<td rowspan="0">',
  '</table>',
  '<br>',
  '\r\n\t',
  '\n| --- | --- |\n',
  '\\|',
  '（',
  '〃',
  '<!--',
  '<font>',
  '</font>',
  '<form>',
  '<div><tr><td>',
  '<span>',
  '<caption>',
  '<td>',
  '<tr>',
  '遗漏',
];
/** Junk that means something to the .docx reader. */
const XML_JUNK = [
  '<w:tbl>',
  '</w:tbl>',
  '<w:tr>',
  '</w:tr>',
  '<w:tc>',
  '</w:tc>',
  '<w:vMerge/>',
  '<w:vMerge w:val="restart"/>',
  '<w:gridSpan w:val="99999999"/>',
  '<w:gridBefore w:val="-3"/>',
  '<w:p><w:r><w:t>一、</w:t></w:r></w:p>',
  '&#0;',
  '&bogus;',
  ']]>',
  '<w:p><w:r><w:t>格外</w:t></w:r></w:p>',
  '<w:r><w:t>                                </w:t></w:r>',
  '<w:br/><w:br/><w:br/>',
];

/** Junk that means something to the .xlsx reader. */
const SHEET_JUNK = [
  '<row r="1048576">',
  '<c r="XFD1048576" t="s"><v>0</v></c>',
  '<c r="A1" t="s"><v>99999999</v></c>',
  '<c t="inlineStr"><is><t>',
  '<mergeCell ref="A1:XFD1048576"/>',
  '<mergeCell ref="B2:A1"/>',
  '<c s="99999"><v>1e308</v></c>',
  '<c t="d"><v>not a date</v></c>',
  '<rPh><t>',
  '_x0000_',
  '</sheetData>',
  '<f t="shared" si="0"/>',
];

/** A named way to damage bytes. */
interface Mutation {
  kind: string;
  apply(bytes: Uint8Array, random: Random): Uint8Array;
}

const insertAt = (bytes: Uint8Array, random: Random, junk: Uint8Array) => splice(bytes, below(random, bytes.length + 1), 0, junk);

/** Mutations of any bytes; `junk` is the list of meaningful strings to insert. */
function mutations(junk: readonly string[]): Mutation[] {
  return [
    { kind: 'truncate', apply: (bytes, random) => bytes.slice(0, below(random, bytes.length)) },
    {
      kind: 'flip',
      apply: (bytes, random) => {
        const out = bytes.slice();
        const flips = 1 + below(random, 8);
        for (let i = 0; i < flips && out.length > 0; i += 1) {
          const at = below(random, out.length);
          out[at] = (out[at] as number) ^ (1 << below(random, 8));
        }
        return out;
      },
    },
    { kind: 'insert-random', apply: (bytes, random) => insertAt(bytes, random, randomBytes(random, 1 + below(random, 32))) },
    {
      kind: 'insert-junk',
      apply: (bytes, random) => {
        let out = bytes;
        const count = 1 + below(random, 4);
        for (let i = 0; i < count; i += 1) out = insertAt(out, random, strToU8(junk[below(random, junk.length)] as string));
        return out;
      },
    },
    {
      kind: 'duplicate',
      apply: (bytes, random) => {
        const from = below(random, bytes.length);
        const length = 1 + below(random, Math.min(2048, bytes.length - from));
        return insertAt(bytes, random, bytes.slice(from, from + length));
      },
    },
  ];
}

const ZIP_SIGNATURES = [0x04034b50, 0x02014b50, 0x06054b50, 0x06064b50, 0x07064b50];

/**
 * Overwrites a field of a zip record (local header, central directory entry, end records) with an
 * extreme value: sizes, counts and offsets are what a hand-written zip reader trusts.
 */
const zipField: Mutation = {
  kind: 'zip-field',
  apply: (bytes, random) => {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const records: number[] = [];
    for (let at = 0; at + 4 <= bytes.length; at += 1) if (ZIP_SIGNATURES.includes(view.getUint32(at, true))) records.push(at);
    const out = bytes.slice();
    const record = records[below(random, records.length)] ?? 0;
    const field = record + 4 + 2 * below(random, 26);
    const wide = random() < 0.5;
    const values = wide ? [0, 0xffffffff, 0x7fffffff, below(random, 2 ** 32), out.length, out.length + 1] : [0, 0xffff, 0x8000, below(random, 2 ** 16)];
    const value = values[below(random, values.length)] as number;
    if (field + (wide ? 4 : 2) > out.length) return out;
    const outView = new DataView(out.buffer);
    if (wide) outView.setUint32(field, value, true);
    else outView.setUint16(field, value, true);
    return out;
  },
};

/**
 * Overwrites a 2- or 4-byte field in the first KiB of a stream (a .doc's FIB, CLX and PlcBtes live
 * there) with an extreme value: offsets, sizes and counts are what a .doc reader trusts.
 */
const streamField: Mutation = {
  kind: 'stream-field',
  apply: (bytes, random) => {
    const out = bytes.slice();
    const wide = random() < 0.5;
    const at = 2 * below(random, Math.max(1, Math.min(1024, out.length - 4) / 2));
    const values = wide ? [0, 0xffffffff, 0x7fffffff, 0x40000000, out.length, below(random, 2 ** 32)] : [0, 0xffff, 0x8000, 0xa5ec, below(random, 2 ** 16)];
    const value = values[below(random, values.length)] as number;
    if (at + 4 > out.length) return out;
    const view = new DataView(out.buffer);
    if (wide) view.setUint32(at, value, true);
    else view.setUint16(at, value, true);
    return out;
  },
};

/**
 * Overwrites a 4-byte field of an OLE file's own structures with an extreme value: a header field
 * (FAT count, first directory, mini FAT and DIFAT sectors, the DIFAT's FAT sector numbers), or a
 * word of the first directory sector (names' lengths, tree links, first sectors, sizes) or of the
 * first FAT sector (the chains). These are what fenjie's OLE reader trusts, and a damaged one must
 * be refused or read, never loop or crash.
 */
const containerField: Mutation = {
  kind: 'container-field',
  apply: (bytes, random) => {
    const out = bytes.slice();
    const view = new DataView(out.buffer);
    const sector = 1 << view.getUint16(0x1e, true);
    const sectors = Math.ceil(out.length / sector);
    const structure = below(random, 3);
    const base = structure === 0 ? 0 : sector * (1 + (structure === 1 ? view.getUint32(0x30, true) : view.getUint32(0x4c, true)));
    const at = structure === 0 ? 0x2c + 4 * below(random, 12) : base + 4 * below(random, sector / 4);
    if (at + 4 > out.length) return out;
    const values = [0, 0xffffffff, 0xfffffffe, 0xfffffffd, 0x7fffffff, sectors, sectors + 1, below(random, sectors), below(random, 2 ** 32)];
    view.setUint32(at, values[below(random, values.length)] as number, true);
    return out;
  },
};

/**
 * One stream of an OLE file (.doc) damaged by a mutation and the container written again with cfb,
 * so that the damage reaches the .doc reader instead of stopping at the container.
 */
function mutateOleStream(ole: Uint8Array, mutation: Mutation, random: Random): Uint8Array {
  const container = CFB.read(ole, { type: 'buffer' });
  const streams = container.FileIndex.filter((entry) => entry.type === 2 && entry.size > 0 && ['WordDocument', '0Table', '1Table'].includes(entry.name));
  const entry = streams[below(random, streams.length)];
  if (!entry) throw new Error('a fixture .doc has no WordDocument or table stream');
  CFB.utils.cfb_add(container, `/${entry.name}`, mutation.apply(Uint8Array.from(entry.content as ArrayLike<number>), random));
  return Uint8Array.from(CFB.write(container, { type: 'array' }) as number[]);
}

/**
 * Each fixture gets every byte mutation this many times, .docx files as many again on their XML.
 * FUZZ_ROUNDS=50 runs a deeper search; the cases of the default run stay the first ones of it.
 */
const ROUNDS = Number(process.env['FUZZ_ROUNDS'] ?? 2);
/** Text fixtures are also damaged as strings, this many times a round. */
const STRING_CASES = 2;

interface FuzzCase {
  id: string;
  fileName: string;
  input: Uint8Array | string;
}

/** The document.xml of a .docx damaged by one mutation, zipped again with the other parts as they were. */
function mutateDocxXml(docx: Uint8Array, mutation: Mutation, random: Random): Uint8Array {
  const parts = unzipSync(docx);
  const xml = parts['word/document.xml'];
  if (!xml) throw new Error('a fixture .docx has no word/document.xml');
  return zipSync({ ...parts, 'word/document.xml': mutation.apply(xml, random) });
}

/** A part of a zip package damaged by one mutation, zipped again with the other parts as they were. */
function mutateZipPart(bytes: Uint8Array, part: string, mutation: Mutation, random: Random): Uint8Array {
  const parts = unzipSync(bytes);
  const xml = parts[part];
  if (!xml) throw new Error(`a fixture package has no ${part}`);
  return zipSync({ ...parts, [part]: mutation.apply(xml, random) });
}

/**
 * The Workbook stream of an .xls damaged by one mutation, or one of its BIFF records given an
 * extreme length, count or offset, in an OLE file written again with cfb.
 */
function mutateWorkbookStream(bytes: Uint8Array, mutation: Mutation | null, random: Random): Uint8Array {
  const source = CFB.read(bytes, { type: 'buffer' });
  const entry = CFB.find(source, 'Workbook');
  if (!entry?.content) throw new Error('a fixture .xls has no Workbook stream');
  let stream: Uint8Array = Uint8Array.from(entry.content as ArrayLike<number>);
  if (mutation) {
    stream = mutation.apply(stream, random);
  } else {
    const view = new DataView(stream.buffer);
    const starts: number[] = [];
    for (let at = 0; at + 4 <= stream.length; at += 4 + view.getUint16(at + 2, true)) starts.push(at);
    const at = starts[below(random, starts.length)] ?? 0;
    const field = at + 2 + 2 * below(random, 6);
    const values = [0, 0xffff, 0x7fff, below(random, 0x10000)];
    if (field + 2 <= stream.length) view.setUint16(field, values[below(random, values.length)] as number, true);
  }
  const container = CFB.utils.cfb_new();
  CFB.utils.cfb_add(container, '/Workbook', stream);
  return new Uint8Array(CFB.write(container, { type: 'array' }) as number[]);
}

function casesOf(fixture: FixtureCase): FuzzCase[] {
  // The fixture's bytes are a Buffer, whose slice() is a view; a plain copy makes slice() copy.
  const bytes = Uint8Array.from(fixture.bytes);
  const ext = extname(fixture.input);
  const cases: FuzzCase[] = [];
  const add = (label: string, input: Uint8Array | string) => {
    const slug = label.replace(/[^\w-]+/g, '_');
    cases.push({ id: `${fixture.name} ${label}`, fileName: `${fixture.name}-${slug}${ext}`, input });
  };
  // One PRNG per kind of case, so that more rounds add cases after these without changing them.
  const random = prng(seedOf(`${fixture.name} bytes`));
  for (let round = 1; round <= ROUNDS; round += 1) {
    for (const mutation of mutations(JUNK)) add(`${mutation.kind} r${round}`, mutation.apply(bytes, random));
  }
  if (ext === '.docx') {
    const xmlRandom = prng(seedOf(`${fixture.name} xml`));
    for (let round = 1; round <= ROUNDS; round += 1) {
      for (const mutation of mutations(XML_JUNK)) add(`xml-${mutation.kind} r${round}`, mutateDocxXml(bytes, mutation, xmlRandom));
      add(`zip-field r${round}`, zipField.apply(bytes, xmlRandom));
    }
  } else if (ext === '.doc') {
    const streamRandom = prng(seedOf(`${fixture.name} streams`));
    for (let round = 1; round <= ROUNDS; round += 1) {
      const [truncate, flip] = mutations(JUNK);
      [truncate!, flip!, streamField, streamField].forEach((mutation, i) => add(`stream-${mutation.kind}-${i} r${round}`, mutateOleStream(bytes, mutation, streamRandom)));
    }
    addContainerCases(fixture, bytes, add);
  } else if (ext === '.xlsx') {
    const xmlRandom = prng(seedOf(`${fixture.name} xml`));
    for (let round = 1; round <= ROUNDS; round += 1) {
      for (const mutation of mutations(SHEET_JUNK)) add(`sheet-${mutation.kind} r${round}`, mutateZipPart(bytes, 'xl/worksheets/sheet1.xml', mutation, xmlRandom));
      add(`strings-insert-junk r${round}`, mutateZipPart(bytes, 'xl/sharedStrings.xml', mutations(SHEET_JUNK)[3] as Mutation, xmlRandom));
      add(`zip-field r${round}`, zipField.apply(bytes, xmlRandom));
    }
  } else if (ext === '.xls') {
    const biffRandom = prng(seedOf(`${fixture.name} biff`));
    for (let round = 1; round <= ROUNDS; round += 1) {
      for (const mutation of mutations(JUNK)) add(`stream-${mutation.kind} r${round}`, mutateWorkbookStream(bytes, mutation, biffRandom));
      for (let i = 1; i <= 3; i += 1) add(`biff-field r${round}#${i}`, mutateWorkbookStream(bytes, null, biffRandom));
    }
    addContainerCases(fixture, bytes, add);
  } else {
    // Text given as a string skips decoding and goes straight to the readers: damage it as text too.
    const textRandom = prng(seedOf(`${fixture.name} text`));
    const text = new TextDecoder().decode(bytes);
    for (let i = 1; i <= STRING_CASES * ROUNDS; i += 1) {
      const junk = JUNK[below(textRandom, JUNK.length)] as string;
      const at = below(textRandom, text.length + 1);
      add(`string-insert ${JSON.stringify(junk)} #${i}`, text.slice(0, at) + junk.repeat(1 + below(textRandom, 3)) + text.slice(at));
    }
  }
  return cases;
}

/** Damage to the OLE container of a .doc or .xls itself, six cases a round. */
function addContainerCases(fixture: FixtureCase, bytes: Uint8Array, add: (label: string, input: Uint8Array) => void): void {
  const random = prng(seedOf(`${fixture.name} container`));
  for (let round = 1; round <= ROUNDS; round += 1) {
    for (let i = 1; i <= 6; i += 1) add(`container-field r${round}#${i}`, containerField.apply(bytes, random));
  }
}

/** What is wrong with an outcome, or null when it is one of the two allowed ones. */
function problem(outcome: Outcome, fileName: string): string | null {
  if (outcome.kind === 'timeout' || outcome.kind === 'crash') return describeOutcome(outcome);
  if (outcome.kind === 'model') {
    const checked = TaskTable.safeParse(outcome.model);
    return checked.success ? null : `the model breaks the schema: ${checked.error.issues[0]?.message}`;
  }
  if (!outcome.fenjie) return describeOutcome(outcome);
  if (!(FENJIE_ERROR_CODES as readonly string[]).includes(outcome.code ?? '')) return `unknown code: ${describeOutcome(outcome)}`;
  if (BUG_CODES.includes(outcome.code as string)) return describeOutcome(outcome);
  if (/[\r\n]/.test(outcome.message)) return `the message is not one line: ${JSON.stringify(outcome.message)}`;
  if (!outcome.message.startsWith(`${fileName}: `)) return `the message does not start with the file name: ${JSON.stringify(outcome.message)}`;
  return null;
}

const cases = fixtureCases().flatMap(casesOf);
const tally = new Map<string, number>();

const runInWorker = useParseWorker();

describe('mutation fuzzing of the fixtures', () => {
  it('has a few hundred cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(300);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s', async (_id, fuzz) => {
    const outcome = await runInWorker(fuzz.input, { fileName: fuzz.fileName }, CASE_TIMEOUT_MS);
    const key = outcome.kind === 'error' ? `error ${outcome.code}` : outcome.kind;
    tally.set(key, (tally.get(key) ?? 0) + 1);
    expect(problem(outcome, fuzz.fileName)).toBeNull();
  }, CASE_TIMEOUT_MS + 5_000);

  it('reaches both outcomes: models and refusals', () => {
    // Mutations that were all refused, or all parsed, would test one path only (unless filtered with -t).
    if ([...tally.values()].reduce((a, b) => a + b, 0) < cases.length) return;
    expect(tally.get('model') ?? 0).toBeGreaterThan(cases.length / 10);
    expect([...tally.keys()].filter((key) => key.startsWith('error ')).length).toBeGreaterThan(1);
  });
});
