import { FenjieError } from './errors.js';
import { resolveSpans } from './grid/spans.js';
import { buildModel } from './model/build.js';
import { TaskTable, type SourceFormat } from './model/schema.js';
import { findTitle, findYear } from './model/title.js';
import { normalizeOptions, type ParseOptions } from './options.js';
import { decode } from './read/decode.js';
import { detectTextFormat, isZip } from './read/detect.js';
import type { RawDocument } from './read/raw-table.js';

/** Text or bytes after decoding, with the format it is in. */
interface Input {
  format: SourceFormat;
  text: string;
  bytes: Uint8Array | null;
  encoding: string;
}

/** A reader turns one format into tables; readers load only when their format is parsed. */
type Reader = (input: Input, name: string) => Promise<RawDocument>;

const READERS: Record<SourceFormat, Reader | null> = {
  text: async (input, name) => (await import('./read/text.js')).readTabLedCells(input.text, name),
  html: null,
  docx: null,
  markdown: null,
};

/**
 * Parses a task decomposition table from text or bytes into the fenjie model: merged cells resolved,
 * departments split, diagnostics collected. Throws FenjieError only for input that cannot be read.
 */
export async function parse(input: string | Uint8Array, options?: ParseOptions): Promise<TaskTable> {
  const settings = normalizeOptions(options);
  const name = settings.fileName ?? 'input';
  const decoded = prepare(input, settings.format, name);
  const reader = READERS[decoded.format];
  if (!reader) throw new FenjieError('unsupported-format', `${name}: reading ${decoded.format} is not supported yet`);
  const document = await reader(decoded, name);
  const raw = document.tables[0];
  if (!raw) throw new FenjieError('no-table', `${name}: no table found`);

  const grid = resolveSpans(raw, 1);
  const built = buildModel(grid);
  const title = findTitle(grid.before);
  const table = {
    schemaVersion: 1 as const,
    title,
    year: findYear(title, grid.before),
    source: { name: settings.fileName, format: decoded.format, dialect: document.dialect, encoding: decoded.encoding },
    ...built,
  };
  const checked = TaskTable.safeParse(table);
  if (!checked.success) {
    throw new FenjieError('invalid-model', `${name}: fenjie built a model that breaks its own schema (${checked.error.issues[0]?.message}); please report this`);
  }
  return checked.data;
}

/** Decodes the input unless it is a zip (docx) and settles its format. */
function prepare(input: string | Uint8Array, format: ParseOptions['format'], name: string): Input {
  if (typeof input === 'string') {
    if (format === 'docx') throw new FenjieError('invalid-options', `${name}: a .docx must be given as bytes (Uint8Array), not as a string`);
    const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
    return { format: format === 'auto' || !format ? detectTextFormat(text) : format, text, bytes: null, encoding: 'utf-8' };
  }
  if (format === 'docx' || ((format === 'auto' || !format) && isZip(input))) {
    return { format: 'docx', text: '', bytes: input, encoding: 'binary' };
  }
  const { text, encoding } = decode(input, name);
  return { format: format === 'auto' || !format ? detectTextFormat(text) : format, text, bytes: input, encoding };
}
