import { resolveSpans } from '../../src/grid/spans.js';
import type { Grid } from '../../src/grid/grid.js';
import { DEFAULT_LIMITS } from '../../src/limits.js';
import { roleOfHeader } from '../../src/model/roles.js';
import type { SourceFormat } from '../../src/model/schema.js';
import { decode } from '../../src/read/decode.js';
import { detectTextFormat } from '../../src/read/detect.js';
import { readDoc } from '../../src/read/doc.js';
import { readDocx } from '../../src/read/docx.js';
import { readHtml } from '../../src/read/html.js';
import { readMarkdown } from '../../src/read/markdown.js';
import type { RawDocument } from '../../src/read/raw-table.js';
import { readText } from '../../src/read/text.js';
import { sniffBinary } from '../../src/read/container.js';
import type { OleFile } from '../../src/read/ole.js';
import { readXls } from '../../src/read/xls.js';
import { readXlsx } from '../../src/read/xlsx.js';

/** A document's grids as parse() builds them, one per table, with the format it was read as. */
export interface Grids {
  format: SourceFormat;
  grids: Grid[];
  /** The document's paragraphs, for plans written as prose. */
  paragraphs: string[];
}

/**
 * Reads bytes the way parse() does with default options (see `prepare` and `pickTable` in
 * src/parse.ts): a zip or OLE file is told apart by its parts and streams (.docx, .xlsx, .xls,
 * .doc), anything else is decoded and its format told from the text;
 * the reader for that format gives the tables, and `resolveSpans` turns each into a Grid.
 */
export async function gridsOf(bytes: Uint8Array, name: string): Promise<Grids> {
  let format: SourceFormat;
  let document: RawDocument;
  const binary = sniffBinary(bytes, name);
  if (binary) {
    format = binary.format;
    if (format === 'docx') document = await readDocx(bytes, name, DEFAULT_LIMITS);
    else if (format === 'xlsx') document = await readXlsx(bytes, name, DEFAULT_LIMITS);
    else if (format === 'xls') document = readXls(binary.ole as OleFile, name, DEFAULT_LIMITS);
    else document = readDoc((stream) => (binary.ole as OleFile).stream(stream), name, DEFAULT_LIMITS);
  } else {
    const { text } = decode(bytes, name);
    format = detectTextFormat(text, name);
    if (format === 'html') document = readHtml(text, name, DEFAULT_LIMITS.maxNestingDepth);
    else if (format === 'markdown') document = readMarkdown(text);
    else document = readText(text, name);
  }
  const grids = document.tables.map((raw, i) => resolveSpans(raw, i + 1, { roleOf: roleOfHeader, maxCells: DEFAULT_LIMITS.maxCells, name }));
  return { format, grids, paragraphs: (document.paragraphs ?? []).map((p) => p.text) };
}
