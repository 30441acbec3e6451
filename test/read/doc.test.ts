import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FenjieError } from '../../src/errors.js';
import { resolveSpans } from '../../src/grid/spans.js';
import { parse } from '../../src/index.js';
import { roleOfHeader } from '../../src/model/roles.js';
import { Prls, readDoc } from '../../src/read/doc.js';
import { openOle } from '../../src/read/ole.js';
import type { RawDocument, RawTable } from '../../src/read/raw-table.js';
import { sprm, tableRow, TC_VERT_MERGED, TC_VERT_RESTART, writeDoc, type DocParagraph, type DocSpec } from '../helpers/doc-writer.js';
import { FIXTURES, fixtureCases } from '../helpers/fixtures.js';

/** Reads .doc bytes to raw tables, through the OLE container as parse() opens it. */
function read(bytes: Uint8Array, limits = {}): RawDocument {
  const ole = openOle(bytes, 'test.doc');
  return readDoc((name) => ole.stream(name), 'test.doc', limits);
}

/** A table's cells as text: paragraphs joined by '/', with spans noted where they are not 1. */
function cells(table: RawTable | undefined): string[][] {
  return (table?.rows ?? []).map((row) =>
    row.cells.map((c) => `${c.paragraphs.join('/')}${c.rowSpan > 1 ? ` ↓${c.rowSpan}` : ''}${c.colSpan > 1 ? ` →${c.colSpan}` : ''}`),
  );
}

/** A grid's text, slot by slot, as resolveSpans lays it out. */
function gridText(table: RawTable): string[][] {
  const grid = resolveSpans(table, 1, { roleOf: roleOfHeader });
  return grid.rows.map((row) => row.map((slot) => slot.cell.paragraphs.join('/')));
}

/** A model without what differs by file: its source, and the places of everything in it. */
function withoutPlaces(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPlaces);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        // postscript: the .doc reader does not collect the text after a table yet (#13 follow-up).
        .filter(([key]) => key !== 'place' && key !== 'source' && key !== 'postscript')
        .map(([key, v]) => [key, withoutPlaces(v)]),
    );
  }
  return value;
}

const E = [0, 1500, 3000, 4500, 6000];
/** A row of cells (each one paragraph ending in a cell mark) and its row-end mark with its TAP. */
function row(texts: string[], tap: number[] = sprm.defTable(E.slice(0, texts.length + 1))): DocParagraph[] {
  return tableRow(texts.map((text) => [text]), tap);
}
const para = (text: string): DocParagraph => ({ text: `${text}\r` });
const HEADER = ['项目名称', '基本任务', '具体措施', '责任部门'];

describe('.doc fixtures made by LibreOffice read as the .docx they came from', () => {
  // Where LibreOffice's own import or export changed the table, the .doc cannot match the .docx:
  const WRITER_CHANGED: Record<string, string> = {
    'doc-run-wrappers': 'LibreOffice imports a cell-level content control by repeating its text ("规划处规划处")',
    'doc-tracked-changes': 'LibreOffice saves a tracked row deletion as a plain row; deleted text is still marked and dropped',
    'doc-grid-before-after': 'LibreOffice turns w:gridBefore/w:gridAfter into empty cells, so no row is ragged',
    'doc-gridspan-vmerge': 'the .docx grid has a fifth column that no cell starts in; the .doc keeps only real cell edges',
  };
  // Prose plans are compared with their own expectations only: .doc list numbering (LSTF/LVL) is not rendered yet.
  const cases = fixtureCases().filter((c) => c.input === 'input.doc' && !c.name.startsWith('prose-'));
  const sourceOf = (name: string) => (name === 'long-pieces-doc' ? 'long-docx' : name.replace(/(^|-)doc(-|$)/, '$1docx$2'));

  it('has a .doc for every .docx fixture', () => {
    const docx = fixtureCases().filter((c) => c.input === 'input.docx' && !c.name.startsWith('prose-'));
    for (const c of docx) expect(existsSync(join(FIXTURES, c.name.replace('docx', 'doc'), 'input.doc')), c.name).toBe(true);
    expect(cases.length).toBeGreaterThanOrEqual(docx.length + 1);
  });

  it.each(cases.filter((c) => !(c.name in WRITER_CHANGED)).map((c) => [c.name, c] as const))('%s', async (name, fixture) => {
    const source = readFileSync(join(FIXTURES, sourceOf(name), 'input.docx'));
    const [doc, docx] = await Promise.all([parse(fixture.bytes, { fileName: 'x.doc' }), parse(source, { fileName: 'x.docx' })]);
    expect(doc.source.format).toBe('doc');
    expect(withoutPlaces(doc)).toEqual(withoutPlaces(docx));
    const { readDocx } = await import('../../src/read/docx.js');
    const rawDocx = await readDocx(source, 'x.docx');
    const rawDoc = read(fixture.bytes);
    expect(rawDoc.tables.map(gridText)).toEqual(rawDocx.tables.map(gridText));
  });

  it.each(Object.entries(WRITER_CHANGED))('%s: same measures where the writer kept them (%s)', async (name) => {
    const doc = await parse(readFileSync(join(FIXTURES, name, 'input.doc')));
    const docx = await parse(readFileSync(join(FIXTURES, sourceOf(name), 'input.docx')));
    const measures = (t: typeof doc) => t.sections.flatMap((s) => s.tasks.flatMap((k) => k.measures.map((m) => m.text)));
    const docMeasures = measures(doc);
    for (const text of measures(docx)) expect(docMeasures).toContain(text);
  });

  it('reads the seed as .doc into exactly the seed model', async () => {
    const doc = await parse(readFileSync(join(FIXTURES, 'seed-2016-doc', 'input.doc')));
    const docx = await parse(readFileSync(join(FIXTURES, 'seed-2016-docx', 'input.docx')));
    expect(withoutPlaces(doc)).toEqual(withoutPlaces(docx));
    expect(doc.sections).toHaveLength(4);
    expect(doc.sections.flatMap((s) => s.tasks)).toHaveLength(14);
    expect(doc.sections.flatMap((s) => s.tasks.flatMap((t) => t.measures))).toHaveLength(49);
    expect(doc.title).toBe('2016年上海市公安局政务公开工作要点任务分解表');
  });

  it('reads a fast-saved file with text in many compressed and Unicode pieces', async () => {
    const bytes = readFileSync(join(FIXTURES, 'long-pieces-doc', 'input.doc'));
    const doc = await parse(bytes);
    expect(doc.source.encoding).toBe('utf-16le+windows-1252');
    const texts = doc.sections.flatMap((s) => s.tasks.flatMap((t) => t.measures.map((m) => m.text)));
    expect(texts).toHaveLength(150);
    expect(texts).toContain('推进第4项措施（Tâche n° 4 – “résumé”）');
  });
});

describe('readDoc on written files', () => {
  it('keeps field results, drops field instructions (nested too), objects, note marks and optional hyphens', () => {
    const doc = read(
      writeDoc({
        paragraphs: [
          para('附件\x01\x08\x02\x05'),
          para('\x13 TITLE \x14\x13 REF a \x14２０１６年\x15某局工作任务分解表\x15'),
          para('\x13 HYPERLINK "x" \x13 NESTED \x15\x14链接\x15文字'),
          para('非断\x1e连字\x1f符\t制表'),
          para('换行\x0b第二行'),
          { text: '分页\x0c', sprms: [] },
          ...row(HEADER),
        ],
      }),
    );
    expect(doc.tables[0]?.before).toEqual(['附件', '２０１６年某局工作任务分解表', '链接文字', '非断-连字符 制表', '换行', '第二行', '分页']);
    expect(cells(doc.tables[0])).toEqual([HEADER]);
  });

  it('reads compressed (CP1252) and Unicode pieces in any order, with marks in both', () => {
    const paragraphs = [para('Tâche – “résumé”'), para('标题'), ...row(['a', 'b', 'c', 'd'])];
    const text = paragraphs.map((p) => p.text).join('');
    const doc = read(writeDoc({ paragraphs, pieces: [{ cp: 0, compressed: true }, { cp: 17, compressed: false }, { cp: 20, compressed: true }] }));
    expect(text.slice(17, 20)).toBe('标题\r');
    expect(doc.tables[0]?.before).toEqual(['Tâche – “résumé”', '标题']);
    expect(cells(doc.tables[0])).toEqual([['a', 'b', 'c', 'd']]);
    expect(doc.encoding).toBe('utf-16le+windows-1252');
  });

  it('makes vertical merges row spans, from TC flags and from sprmTVertMerge, and reports hidden text', () => {
    const restart = TC_VERT_RESTART;
    const cont = TC_VERT_MERGED;
    const doc = read(
      writeDoc({
        paragraphs: [
          ...row(HEADER, [...sprm.defTable(E), ...sprm.header]),
          ...row(['一、甲', '1、乙', '措施一', '办公室'], sprm.defTable(E, [restart, 0, 0, restart])),
          ...row(['', '2、丙', '措施二', ''], [...sprm.defTable(E, [cont]), ...sprm.vertMerge(3, 1)]),
          ...row(['旧文字', '3、丁', '措施三', '法制办'], sprm.defTable(E, [cont])),
        ],
      }),
    );
    const table = doc.tables[0]!;
    expect(table.headerRows).toBe(1);
    expect(cells(table)).toEqual([HEADER, ['一、甲 ↓3', '1、乙', '措施一', '办公室 ↓2'], ['2、丙', '措施二'], ['3、丁', '措施三', '法制办']]);
    expect(table.diagnostics).toEqual([
      expect.objectContaining({ ruleId: 'merged-text-lost', place: { table: 1, row: 4, column: 1, line: null }, message: expect.stringContaining('旧文字') }),
    ]);
  });

  it('makes horizontal merges and wider cells column spans, on the grid of every cell edge', () => {
    const first = 0x01;
    const merged = 0x02;
    const doc = read(
      writeDoc({
        paragraphs: [
          ...row(HEADER),
          // Word 97 horizontal merge: fFirstMerged then fMerged cells; the merged cell's text is kept.
          ...row(['一、甲', '', '', ''], sprm.defTable(E, [first, merged, merged, 0])),
          // sprmTMerge on a plain row, then sprmTSplit undoing part of it.
          ...row(['1、乙', '措施', '', ''], [...sprm.defTable(E), ...sprm.merge(1, 4), ...sprm.split(3, 4)]),
          // One cell as wide as three: the edges say so.
          ...row(['说明', '办公室'], sprm.defTable([0, 4500, 6000])),
        ],
      }),
    );
    expect(cells(doc.tables[0])).toEqual([HEADER, ['一、甲 →3', ''], ['1、乙', '措施 →2', ''], ['说明 →3', '办公室']]);
  });

  it('offsets rows by sprmTWidthBefore and by cell edges right of the table edge', () => {
    const doc = read(
      writeDoc({
        paragraphs: [
          ...row(HEADER),
          ...row(['1、乙', '措施', '办公室'], [...sprm.defTable([1500, 3000, 4500, 6000]), ...sprm.widthBefore(1500)]),
          ...row(['措施二', '法制办'], sprm.defTable([3000, 4500, 6000])),
          ...row(['一、甲', '2、丙', '措施三'], [...sprm.defTable([0, 1500, 3000, 4500]), ...sprm.widthAfter(1500)]),
        ],
      }),
    );
    const rows = doc.tables[0]!.rows;
    expect(rows.map((r) => r.columnOffset ?? 0)).toEqual([0, 1, 2, 0]);
    expect(gridText(doc.tables[0]!)[2]).toEqual(['', '', '措施二', '法制办']);
  });

  it('keeps a nested table in its outer cell', () => {
    const inner = (text: string): DocParagraph => ({ text: `${text}\r`, sprms: [...sprm.inTable, ...sprm.itap(2), ...sprm.innerCell] });
    const doc = read(
      writeDoc({
        paragraphs: [
          ...row(HEADER),
          { text: '1、乙\x07', sprms: sprm.inTable },
          { text: '外层\r', sprms: [...sprm.inTable, ...sprm.itap(1)] },
          inner('内甲'),
          inner('内乙'),
          { text: '\r', sprms: [...sprm.inTable, ...sprm.itap(2), ...sprm.innerRowEnd] },
          { text: '\x07', sprms: [...sprm.inTable, ...sprm.itap(1)] },
          ...row(['c', 'd']).slice(0, 2),
          { text: '\x07', sprms: [...sprm.rowEnd, ...sprm.defTable(E)] },
        ],
      }),
    );
    expect(cells(doc.tables[0])).toEqual([HEADER, ['1、乙', '外层/内甲/内乙/', 'c', 'd']]);
  });

  it('reads tracked deletions as accepted: deleted text and deleted rows are gone', () => {
    const paragraphs = [...row(HEADER), ...row(['一、甲', '1、乙', '措施删除一', '办公室']), ...row(['2、丙', '措施', '法制办', ''])];
    const text = paragraphs.map((p) => p.text).join('');
    const secondRow = text.indexOf('一、甲');
    const thirdRow = text.indexOf('2、丙');
    const deletedWord = text.indexOf('删除');
    const doc = read(
      writeDoc({
        paragraphs,
        runs: [
          { from: deletedWord, to: deletedWord + 2, sprms: sprm.deleted },
          { from: thirdRow, to: text.length, sprms: sprm.deleted },
        ],
      }),
    );
    expect(secondRow).toBeGreaterThan(0);
    expect(cells(doc.tables[0])).toEqual([HEADER, ['一、甲', '1、乙', '措施一', '办公室']]);
  });

  it('starts a new table after body paragraphs, each with the paragraphs before it', () => {
    const doc = read(writeDoc({ paragraphs: [para('封面'), ...row(['a', 'b']), para('正文一'), para('正文二'), ...row(HEADER)] }));
    expect(doc.tables.map((t) => t.before)).toEqual([['封面'], ['正文一', '正文二']]);
  });

  it('splits grpprls by the sprm operand sizes, the long sprmTDefTable included', () => {
    const sprms: [number, number][] = [];
    const prls = new Prls().of(new Uint8Array([...sprm.inTable, ...sprm.itap(3), ...sprm.defTable([0, 100]), ...sprm.widthBefore(20), 0x16]));
    while (prls.next()) sprms.push([prls.code, prls.size]);
    expect(sprms).toEqual([
      [0x2416, 1],
      [0x6649, 4],
      [0xd608, 1 + 4 + 20],
      [0xf617, 3],
    ]);
  });
});

describe('readDoc on random tables', () => {
  const CHARS = ['甲', '办', '公', '室', 'a', 'Z', '1', ' ', 'é', 'ü', '“', '”', '–', '€', '（', '）', '、'];
  const cellText = fc.array(fc.constantFrom(...CHARS), { maxLength: 6 }).map((chars) => chars.join(''));
  // Word's compressed pieces hold Latin-1 and the CP1252 punctuation of [MS-DOC] 2.4.1, not '€'.
  const fitsCp1252 = (text: string) => [...text].every((ch) => ch.charCodeAt(0) <= 0xff || '“”–'.includes(ch));

  it('reads back every cell, whatever pieces (compressed where the text allows) the text is split into', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((width) => fc.array(fc.array(cellText, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 5 })),
        fc.array(fc.integer({ min: 1, max: 400 }), { maxLength: 8 }),
        fc.boolean(),
        (rows, cuts, compress) => {
          const paragraphs = [para('标题'), ...rows.flatMap((texts) => row(texts))];
          const text = paragraphs.map((p) => p.text).join('');
          const starts = [...new Set([0, ...cuts.filter((c) => c < text.length)])].sort((a, b) => a - b);
          const pieces = starts.map((cp, i) => ({ cp, compressed: compress && fitsCp1252(text.slice(cp, starts[i + 1] ?? text.length)) }));
          const doc = read(writeDoc({ paragraphs, pieces }));
          expect(doc.tables[0]?.before).toEqual(['标题']);
          expect(doc.tables[0]?.rows.map((r) => r.cells.map((c) => c.paragraphs.join('/')))).toEqual(rows);
        },
      ),
      { numRuns: 100, seed: 20161201 },
    );
  });
});

describe('.doc files fenjie refuses', () => {
  const table = [para('标题'), ...row(HEADER)];
  const refuse = async (spec: Partial<DocSpec>, code: string, message: RegExp) => {
    const error = await parse(writeDoc({ paragraphs: table, ...spec }), { fileName: 'bad.doc' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FenjieError);
    expect((error as FenjieError).code).toBe(code);
    expect((error as FenjieError).message).toMatch(/^bad\.doc: /);
    expect((error as FenjieError).message).toMatch(message);
  };

  it('refuses encrypted files, saying so', () => refuse({ flags: 0x0100 }, 'unsupported-format', /encrypted/));
  it('refuses Word 6.0/95 files with their own message', () => refuse({ nFib: 104 }, 'unsupported-format', /Word 6\.0\/95/));

  it('refuses truncated streams and offsets past their ends as corrupt-file', async () => {
    const cut = (at: number) => ({ word, table: t }: { word: Uint8Array; table: Uint8Array }) => ({ word: word.subarray(0, at), table: t });
    await refuse({ mangle: cut(20) }, 'corrupt-file', /too short/);
    await refuse({ mangle: cut(300) }, 'corrupt-file', /FIB runs past/);
    await refuse({ mangle: cut(1030) }, 'corrupt-file', /outside the WordDocument stream/);
    await refuse({ mangle: ({ word }) => ({ word, table: new Uint8Array(4) }) }, 'corrupt-file', /outside the table stream/);
    const setPair = (index: number, fc: number, lcb: number) => ({ word, table: t }: { word: Uint8Array; table: Uint8Array }) => {
      const view = new DataView(word.buffer, word.byteOffset);
      view.setUint32(154 + 8 * index, fc, true);
      view.setUint32(154 + 8 * index + 4, lcb, true);
      return { word, table: t };
    };
    await refuse({ mangle: setPair(33, 0xfffffff0, 100) }, 'corrupt-file', /piece table/);
    await refuse({ mangle: setPair(33, 0, 0x7fffffff) }, 'corrupt-file', /piece table/);
    await refuse({ mangle: setPair(13, 0, 0xfffffff) }, 'corrupt-file', /paragraph property index/);
  });

  it('refuses a piece table pointing outside the stream or describing more text than it holds', async () => {
    const patch = (edit: (view: DataView) => void) => ({ word, table: t }: { word: Uint8Array; table: Uint8Array }) => {
      edit(new DataView(t.buffer, t.byteOffset));
      return { word, table: t };
    };
    // The PlcPcd starts at byte 5 of the CLX: CPs, then PCDs whose fc is at byte 2.
    await refuse({ mangle: patch((v) => v.setUint32(5 + 8 + 2, 0x3ffffff0, true)) }, 'corrupt-file', /outside the WordDocument stream/);
    await refuse({ mangle: patch((v) => v.setUint32(5, 7, true)) }, 'corrupt-file', /starts at character 7/);
    // The last CP and ccpText huge: more characters than the stream has bytes.
    const huge = ({ word, table: t }: { word: Uint8Array; table: Uint8Array }) => {
      new DataView(t.buffer, t.byteOffset).setUint32(5 + 4, 0x7ffffff0, true);
      new DataView(word.buffer, word.byteOffset).setInt32(76, 0x7ffffff0, true);
      return { word, table: t };
    };
    await refuse({ mangle: huge }, 'corrupt-file', /outside the WordDocument stream|more text/);
  });

  it('refuses containers with loops in their FAT chains or huge declared sizes, without hanging', async () => {
    const bytes = readFileSync(join(FIXTURES, 'seed-2016-doc', 'input.doc'));
    const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);
    const sectorSize = 1 << view(bytes).getUint16(0x1e, true);
    const fatSector = view(bytes).getUint32(0x4c, true);
    const fat = (fatSector + 1) * sectorSize;
    // Every chained sector points at itself.
    const looped = Uint8Array.from(bytes);
    for (let i = 0; i < sectorSize / 4; i += 1) {
      const entry = view(looped).getUint32(fat + 4 * i, true);
      if (entry < 0xfffffffa) view(looped).setUint32(fat + 4 * i, i, true);
    }
    // Every directory entry's stream size set to almost 4 GiB.
    const huge = Uint8Array.from(bytes);
    const directory = (view(bytes).getUint32(0x30, true) + 1) * sectorSize;
    for (let entry = 0; entry < sectorSize / 128; entry += 1) view(huge).setUint32(directory + 128 * entry + 0x78, 0xfffffff0, true);
    for (const input of [looped, huge]) {
      const error = await parse(input, { fileName: 'bad.doc' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FenjieError);
      expect((error as FenjieError).code).not.toBe('internal-error');
      expect((error as FenjieError).message).toMatch(/^bad\.doc: /);
    }
  });

  it('counts cells and nesting against the limits while reading', async () => {
    const many = Array.from({ length: 50 }, () => row(['a', 'b', 'c', 'd'])).flat();
    const error = await parse(writeDoc({ paragraphs: many }), { fileName: 'big.doc', maxCells: 100 }).catch((e: unknown) => e);
    expect((error as FenjieError).code).toBe('limit-exceeded');
    const deep = [{ text: '深\r', sprms: [...sprm.inTable, ...sprm.itap(120)] }, ...row(HEADER)];
    const nested = await parse(writeDoc({ paragraphs: deep }), { fileName: 'deep.doc' }).catch((e: unknown) => e);
    expect((nested as FenjieError).code).toBe('limit-exceeded');
    expect((nested as FenjieError).message).toMatch(/maxNestingDepth/);
  });
});
