import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, type TaskTable } from '../src/index.js';
import { FIXTURES } from './helpers/fixtures.js';

/** The model without where it came from and the text around the table: what must not depend on the format. */
function content(table: TaskTable) {
  const outside = ['place', 'source', 'preamble', 'postscript'];
  const json = JSON.stringify(table, (key, value) => (outside.includes(key) ? undefined : value));
  const { diagnostics, ...rest } = JSON.parse(json) as TaskTable;
  return { ...rest, diagnostics: diagnostics.map((d) => d.ruleId) };
}

// Every rendering of the seed gives the model of the text export. 'ragged-row' and 'guessed-layout'
// are the only differences allowed: the text export lost the last row's department cell, the
// rendering that leaves merged cells out names the short rows it had to place by content, and
// LibreOffice's separator-less text says its rows were rebuilt.
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
    'seed-2016-pandoc-markdown/input.md',
    'seed-2016-pandoc-markdown-html/input.md',
    'seed-2016-pandoc-plain/input.txt',
    'seed-2016-pandoc-rst/input.rst',
    'seed-2016-w3m/input.txt',
  ];

  it('has every rendering', () => {
    expect(renderings.filter((file) => !existsSync(join(FIXTURES, file)))).toEqual([]);
  });

  it.each(renderings)('%s reads as the text export does', async (file) => {
    const expected = content(await parse(text));
    const layout = (id: string) => id !== 'ragged-row' && id !== 'guessed-layout';
    expected.diagnostics = expected.diagnostics.filter(layout);
    // Named where the name says Markdown: pandoc's Markdown (a grid table and no pipe table) is told from plain text by its name.
    const actual = content(await parse(readFileSync(join(FIXTURES, file)), file.endsWith('.md') ? { fileName: 'input.md' } : {}));
    actual.diagnostics = actual.diagnostics.filter(layout);
    expect(actual).toEqual(expected);
  });
});
