import fc from 'fast-check';
import type { Nodes, PhrasingContent, Table } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/index.js';
import { readMarkdown } from '../../src/read/markdown.js';

const HEADER = '| 项目名称 | 基本任务 | 具体措施 | 责任部门 |\n| --- | --- | --- | --- |';

function cells(markdown: string, table = 0) {
  return readMarkdown(markdown).tables[table]!.rows.map((r) => r.cells.map((c) => c.paragraphs.filter(Boolean).join('/')));
}

describe('readMarkdown', () => {
  it('reads a GFM table, reducing inline markup to text', () => {
    const md = `${HEADER}\n| 一、**甲** | 1、*乙* [链接](http://x) | \`a\` ![图](p.png) | ~~指挥部~~ |`;
    expect(cells(md)[1]).toEqual(['一、甲', '1、乙 链接', 'a 图', '指挥部']);
  });

  it('splits a cell into lines at <br> and keeps escaped pipes as text', () => {
    expect(cells(`${HEADER}\n| 一、甲 | 1、乙 | A\\|B | 指挥部<br>法制办<br/>政治部 |`)[1]).toEqual(['一、甲', '1、乙', 'A|B', '指挥部/法制办/政治部']);
  });

  it('takes title text from headings and paragraphs before each table', () => {
    const doc = readMarkdown(`# 2019年**某局**任务分解表\n\n说明文字\n\n${HEADER}\n| a | b | c | d |\n\n## 附表\n\n| x | y |\n| - | - |\n| 1 | 2 |`);
    expect(doc.dialect).toBe('gfm');
    expect(doc.tables.map((t) => t.before)).toEqual([['2019年某局任务分解表', '说明文字'], ['附表']]);
    expect(doc.tables[0]!.rows[1]!.line).toBe(7);
  });

  it('finds tables inside block quotes and lists', () => {
    expect(readMarkdown(`> ${HEADER.replace('\n', '\n> ')}\n> | a | b | c | d |`).tables).toHaveLength(1);
  });
});

/** The rows of the tables remark finds in a whole document: each cell's lines (split at `<br>` and hard breaks) and line number. */
function remarkRows(markdown: string) {
  const lines = (nodes: readonly PhrasingContent[]): string[] =>
    nodes.reduce(
      (out, node) => {
        if (node.type === 'break' || (node.type === 'html' && /^<br\s*\/?>$/i.test(node.value.trim()))) out.push('');
        else if (node.type === 'text' || node.type === 'inlineCode') out[out.length - 1] += node.value;
        else if (node.type === 'image' || node.type === 'imageReference') out[out.length - 1] += node.alt ?? '';
        else if ('children' in node) {
          const [first = '', ...rest] = lines(node.children);
          out[out.length - 1] += first;
          out.push(...rest);
        }
        return out;
      },
      [''],
    );
  const tables: Table[] = [];
  const visit = (node: Nodes): void => {
    if (node.type === 'table') tables.push(node);
    else if ('children' in node) node.children.forEach(visit);
  };
  visit(unified().use(remarkParse).use(remarkGfm).parse(markdown));
  return tables.map((table) => table.children.map((row) => ({ line: row.position?.start.line, cells: row.children.map((cell) => [lines(cell.children), cell.position?.start.line]) })));
}

describe('readMarkdown reads rows as remark does', () => {
  // Rows without markup are split at their pipes without remark, the others go to it in slices:
  // the result must be remark's reading of the whole document, whatever the rows hold.
  const pieces = ['甲', 'a b', ' ', '\t', '\u3000', '<br>', '<BR />', '<br/ >', '**', '*', '_', '`', '~~', '\\|', '\\', '[', ']', '[foo]', '[^1]', '![图](p.png)', '&amp;', '<span>', 'http://a.b/c', 'x@y.cn', '：', '|'];
  // A few kinds of piece a document, so that rows with one kind of markup and nothing else come up.
  // In one document in four, some rows start with what ends a table.
  const rows = fc.tuple(fc.subarray(pieces, { minLength: 1, maxLength: 3 }), fc.nat(3)).chain(([picked, ends]) => {
    const cell = fc.array(fc.constantFrom(...picked, '甲', ' '), { maxLength: 4 }).map((p) => p.join(''));
    const open = fc.oneof({ arbitrary: fc.constantFrom('| ', '|'), weight: 20 }, { arbitrary: fc.constantFrom('甲 ', ends === 0 ? '# ' : '甲', ends === 0 ? '```' : '甲'), weight: 1 });
    const row = fc.tuple(open, fc.array(cell, { maxLength: 5 }), fc.constantFrom(' |', '', ' | ', '||'));
    return fc.array(row.map(([open, cells, close]) => open + cells.join(' | ') + close), { maxLength: 130, size: 'max' });
  });
  const context = fc.array(fc.constantFrom('# 标题', '说明文字', '', '[foo]: /url', '[^1]: 注', '```'), { maxLength: 4 });
  const doc = fc
    .tuple(context, rows)
    .map(([before, body]) => [...before, '', '| a | b | c |', '| - | :-: | -: |', ...body, '', '后记'].join('\n'));

  it('on any rows', () => {
    fc.assert(
      fc.property(doc, (markdown) => {
        const read = readMarkdown(markdown).tables.map((table) => table.rows.map((row) => ({ line: row.line, cells: row.cells.map((c) => [c.paragraphs, c.line]) })));
        expect(read).toEqual(remarkRows(markdown));
      }),
      { numRuns: 150, seed: Number(process.env['FC_SEED'] ?? 20160101) },
    );
  });
});

describe('parse on Markdown', () => {
  it('reads empty cells and ditto marks as merged cells', async () => {
    const md = `${HEADER}\n| 一、甲 | 1、乙 | a | 指挥部、法制办 |\n|  |  | b | 〃 |\n| | 2、丙 | c | 同上 |\n| | | d | |`;
    const model = await parse(md);
    const measures = model.sections[0]!.tasks.flatMap((t) => t.measures.map((m) => [m.text, m.departments.join(','), m.inherited]));
    expect(measures).toEqual([
      ['a', '指挥部,法制办', false],
      ['b', '指挥部,法制办', true],
      ['c', '指挥部,法制办', true],
      ['d', '指挥部,法制办', true],
    ]);
    expect(model.sections).toHaveLength(1);
    expect(model.source).toMatchObject({ format: 'markdown', dialect: 'gfm' });
  });

  it('places the cells of a row that left merged cells out by what they hold', async () => {
    const md = `${HEADER}\n| 一、甲 | 1、乙 | 公开执法依据 | 指挥部 |\n| 继续推行公示制度 | 法制办、政治部 |\n| 2、丙 | 加强解读 | 宣传处 |`;
    const model = await parse(md, { rules: { 'missing-title': 'off' } });
    const tasks = model.sections[0]!.tasks;
    expect(tasks.map((t) => [t.title, t.measures.map((m) => [m.text, m.departments.join(',')])])).toEqual([
      ['乙', [['公开执法依据', '指挥部'], ['继续推行公示制度', '法制办,政治部']]],
      ['丙', [['加强解读', '宣传处']]],
    ]);
    // The rows moved to the right are named together, as a guess to check.
    expect(model.diagnostics.map((d) => [d.ruleId, d.severity, d.place?.row, d.message])).toEqual([
      ['guessed-layout', 'info', 3, expect.stringContaining('rows 3, 4;')],
    ]);
  });
});
