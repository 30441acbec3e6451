import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, type TaskTable } from '../src/index.js';
import { FIXTURES } from './helpers/fixtures.js';

/** The model without where it came from: what must not depend on the format. */
function content(table: TaskTable) {
  const json = JSON.stringify(table, (key, value) => (key === 'place' || key === 'source' ? undefined : value));
  const { diagnostics, ...rest } = JSON.parse(json) as TaskTable;
  return { ...rest, diagnostics: diagnostics.map((d) => d.ruleId) };
}

// Every rendering of the seed gives the model of the text export. 'ragged-row' warnings are the only
// difference allowed: the text export lost the last row's department cell, and the rendering that
// leaves merged cells out reports every short row it had to place by content.
describe('renderings of the seed', () => {
  const text = readFileSync(join(FIXTURES, 'seed-2016-text', 'input.txt'));
  const renderings = [
    'seed-2016-html/input.html',
    'seed-2016-word-html/input.htm',
    'seed-2016-docx/input.docx',
    'seed-2016-markdown/input.md',
    'seed-2016-tsv/input.tsv',
    'seed-2016-pipe-rows/input.txt',
    'seed-2016-omitted-cells/input.txt',
    'seed-2016-bom-crlf/input.txt',
    'seed-2016-gb18030/input.txt',
    'seed-2016-utf16le/input.txt',
    'seed-2016-libreoffice-text/input.txt',
    'seed-2016-libreoffice-xhtml/input.html',
    'seed-2016-pandoc-docx/input.docx',
    'seed-2016-xlsx/input.xlsx',
    'seed-2016-xls/input.xls',
    'seed-2016-csv/input.csv',
    'seed-2016-csv-gbk/input.csv',
  ];

  it('has every rendering', () => {
    expect(renderings.filter((file) => !existsSync(join(FIXTURES, file)))).toEqual([]);
  });

  it.each(renderings)('%s reads as the text export does', async (file) => {
    const expected = content(await parse(text));
    expected.diagnostics = expected.diagnostics.filter((id) => id !== 'ragged-row');
    const actual = content(await parse(readFileSync(join(FIXTURES, file))));
    actual.diagnostics = actual.diagnostics.filter((id) => id !== 'ragged-row');
    expect(actual).toEqual(expected);
  });
});
