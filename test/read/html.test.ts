import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { resolveSpans } from '../../src/grid/spans.js';
import { parse } from '../../src/index.js';
import { readHtml, spanValue } from '../../src/read/html.js';

/** Cell texts of every raw row, paragraphs joined with '/'. */
function rows(html: string, table = 0) {
  return readHtml(html).tables[table]!.rows.map((r) => r.cells.map((c) => c.paragraphs.join('/')));
}

const HEAD = '<tr><th>项目名称</th><th>基本任务</th><th>具体措施</th><th>责任部门</th></tr>';

describe('readHtml', () => {
  it('reads th and td, rowspan and colspan as written', () => {
    const { tables } = readHtml(`<table>${HEAD}<tr><td rowspan=2>一、甲</td><td colspan="2">1、乙</td><td>x</td></tr><tr><td>1、丙</td><td>b</td><td>y</td></tr></table>`);
    const cells = tables[0]!.rows[1]!.cells;
    expect(cells.map((c) => [c.paragraphs[0], c.rowSpan, c.colSpan])).toEqual([
      ['一、甲', 2, 1],
      ['1、乙', 1, 2],
      ['x', 1, 1],
    ]);
    expect(tables[0]!.headerRows).toBe(1);
  });

  it('reads tag names in any case, short and long ones alike', () => {
    const html = '<TABLE><THead><TR><TH>序号</Th><tH>具体措施</TH></tr></THEAD><TBODY><Tr><TD ROWSPAN=2>1</td><TD>a<BR>b</TD></TR><tr><td>c<Br/>d</TD></TR></TBODY></TABLE><P>后记</P><CENTER>x</CENTER>';
    const { tables } = readHtml(html);
    expect(rows(html)).toEqual([['序号', '具体措施'], ['1', 'a/b'], ['c/d']]);
    expect(tables[0]!.rows[1]!.cells[0]!.rowSpan).toBe(2);
    expect(tables[0]!.headerRows).toBe(1);
    expect(tables[0]!.after).toEqual(['后记', 'x']);
  });

  it('puts thead rows first and tfoot rows last, whatever the source order', () => {
    const html = '<table><tfoot><tr><td>foot</td></tr></tfoot><tbody><tr><td>body</td></tr></tbody><thead><tr><th>head</th></tr></thead></table>';
    expect(rows(html)).toEqual([['head'], ['body'], ['foot']]);
  });

  it.each([
    ['3', 3],
    ['"2;"', 2],
    [' 4 ', 4],
    ['x', 1],
    ['-1', 1],
    ['0', 1],
    ['99999999', 65534],
  ])('reads span value %s as %i', (value, n) => {
    expect(spanValue(value.replace(/"/g, ''), 65534)).toBe(n);
  });

  it('lets rowspan="0" run to the end of the table', () => {
    const { tables } = readHtml(`<table>${HEAD}<tr><td rowspan="0">一、甲</td><td>1、乙</td><td>a</td><td>x</td></tr><tr><td>b</td></tr><tr><td>c</td></tr></table>`);
    expect(tables[0]!.rows[1]!.cells[0]!.rowSpan).toBe(3);
  });

  it('clamps a span past the table end and reports it through the grid', () => {
    const { tables } = readHtml(`<table>${HEAD}<tr><td>一、甲</td><td>1、乙</td><td>a</td><td rowspan="9">x</td></tr></table>`);
    expect(resolveSpans(tables[0]!, 1).diagnostics.map((d) => d.ruleId)).toEqual(['span-overflow']);
  });

  it('keeps the line structure of p, br, div and li, without markup, &nbsp;, <o:p> and styles', () => {
    const html = `<table><tr><td><p class=MsoNormal><span style='font-family:宋体'>指挥部<o:p></o:p></span></p><p>法制办&nbsp;</p>各分（县）局<br>市局<br/>相关单位<div>警保部</div><ul><li>政治部</li><li>科技处</li></ul></td></tr></table>`;
    expect(rows(html)).toEqual([['指挥部/法制办/各分（县）局/市局/相关单位/警保部/政治部/科技处']]);
  });

  it('joins Chinese text that the writer wrapped across source lines, as a browser shows it', () => {
    expect(rows('<table><tr><td>市局相关\n  单位 指挥部\nWEB\n攻击</td></tr></table>')).toEqual([['市局相关单位 指挥部 WEB 攻击']]);
  });

  it('ignores conditional comments, xml islands, styles, scripts and VML', () => {
    const html = `<html><head><style>p{}</style><!--[if gte mso 9]><xml><o:x>junk</o:x></xml><![endif]--></head><body>
      <![if !supportLists]><span>1、</span><![endif]><v:shape><v:textbox>logo</v:textbox></v:shape><script>var x</script>
      <table><tr><td>a<!-- hidden --></td></tr></table></body></html>`;
    const { tables } = readHtml(html);
    expect(tables[0]!.before).toEqual(['1、']);
    expect(tables[0]!.rows[0]!.cells[0]!.paragraphs).toEqual(['a']);
  });

  it('keeps a nested table’s text in its cell without shifting the outer grid', () => {
    const html = `<table>${HEAD}<tr><td>一、甲</td><td>1、乙</td><td>a<table><tr><td>内1</td><td>内2</td></tr></table></td><td>x</td></tr></table>`;
    const { tables } = readHtml(html);
    expect(tables).toHaveLength(1);
    expect(rows(html)[1]).toEqual(['一、甲', '1、乙', 'a/内1/内2', 'x']);
  });

  it('collects the text before each table and numbers source lines', () => {
    const html = '<title>标题甲</title>\n<h1>2019年任务分解表</h1>\n<p>说明</p>\n<table>\n<tr><td>a</td></tr></table><p>附件2</p><table><tr><td>b</td></tr></table>';
    const { tables } = readHtml(html);
    // The <title> names the document (metadata, for the title) and is not text before the table.
    expect(tables.map((t) => [t.metadata, t.before, t.after])).toEqual([
      [['标题甲'], ['2019年任务分解表', '说明'], ['附件2']],
      [['标题甲'], ['附件2'], []],
    ]);
    expect(tables[0]!.rows[0]!.line).toBe(5);
  });
});

describe('parse on HTML', () => {
  const table = (head: string, body: string) => `<table>${head}${body}</table>`;
  const TASKS = table(HEAD, '<tr><td>一、甲</td><td>1、乙</td><td>a</td><td>x</td></tr>');

  it('picks the task table by its header and reports the others as info', async () => {
    const html = `${table('<tr><td>联系人</td><td>电话</td></tr>', '<tr><td>张三</td><td>123</td></tr>')}${TASKS}`;
    const model = await parse(html, { rules: { 'missing-title': 'off' } });
    expect(model.sections[0]!.tasks[0]!.measures[0]!.place.table).toBe(2);
    expect(model.diagnostics).toEqual([
      {
        severity: 'info',
        ruleId: 'other-table',
        message: 'Table 1 (2 rows × 2 columns, header: 联系人 | 电话) is not the task table and was not read; choose it with --table 1 (options.table).',
        params: { table: 1, rows: 2, columns: 2, header: '联系人 | 电话' },
        place: { table: 1, row: 1, column: 1, line: 1 },
      },
    ]);
  });

  it('reads the table asked for, and refuses one that is not there', async () => {
    const html = `${TASKS}${table(HEAD, '<tr><td>二、丙</td><td>2、丁</td><td>b</td><td>y</td></tr>')}`;
    expect((await parse(html, { table: 2 })).sections[0]!.title).toBe('丙');
    await expect(parse(html, { table: 3, fileName: 't.html' })).rejects.toThrow('t.html: table 3 was asked for, but the document has 2');
  });

  it('takes the title from a first row spanning the whole table', async () => {
    const model = await parse(table(`<tr><td colspan="4">2021年某区任务分解表</td></tr>${HEAD}`, '<tr><td>一、甲</td><td>1、乙</td><td>a</td><td>x</td></tr>'));
    expect([model.title, model.year]).toEqual(['2021年某区任务分解表', 2021]);
    expect(model.columns.map((c) => c.role)).toEqual(['section', 'task', 'measure', 'departments']);
  });

  it('heads a section with a row whose one cell spans all columns', async () => {
    const model = await parse(
      table(
        '<tr><th>基本任务</th><th>具体措施</th><th>责任部门</th></tr>',
        '<tr><td colspan="3">一、公开</td></tr><tr><td>1、乙</td><td>a</td><td>x</td></tr><tr><td colspan=3>二、监督</td></tr><tr><td>2、丙</td><td>b</td><td>y</td></tr>',
      ),
    );
    expect(model.sections.map((s) => [s.number, s.title, s.tasks.map((t) => t.title)])).toEqual([
      [1, '公开', ['乙']],
      [2, '监督', ['丙']],
    ]);
  });

  it('decodes a declared gb2312 page as GB18030', async () => {
    const page = `<html><head><meta http-equiv=Content-Type content="text/html; charset=gb2312"></head><body>${TASKS}</body></html>`;
    const model = await parse(iconv.encode(page, 'gb2312'));
    expect(model.source.encoding).toBe('gb18030');
    expect(model.sections[0]!.title).toBe('甲');
  });

  it('tells GB18030 from UTF-8 by the bytes when nothing is declared', async () => {
    const model = await parse(iconv.encode(`<p>2020年某局任务分解表</p>${TASKS}`, 'gb18030'));
    expect([model.source.encoding, model.title]).toEqual(['gb18030', '2020年某局任务分解表']);
  });

  it('believes the bytes over a wrong declaration', async () => {
    const page = `<meta charset="gbk">${TASKS}`;
    const model = await parse(new TextEncoder().encode(page));
    expect(model.source.encoding).toBe('utf-8');
  });

  it('refuses a document without tables', async () => {
    await expect(parse('<html><body><p>无表格</p></body></html>', { fileName: 'a.html' })).rejects.toThrow('a.html: no table found');
  });
});

describe('readHtml builds tables as browsers do (#14)', () => {
  const ROW = '<tr><td>一、甲</td><td>1、乙</td><td>措施甲</td><td>指挥部</td></tr>';
  const EXPECTED = [['项目名称', '基本任务', '具体措施', '责任部门'], ['一、甲', '1、乙', '措施甲', '指挥部']];

  it.each([
    ['<font>', `<table>${HEAD}<font size="2">${ROW}</font></table>`],
    ['<form>', `<table><form action="x">${HEAD}${ROW}</form></table>`],
    ['<div>', `<table>${HEAD}<div>${ROW}</div></table>`],
    ['<span> in <tbody>', `<table><tbody>${HEAD}<span>${ROW}</span></tbody></table>`],
    ['<center>', `<table><center>${HEAD}${ROW}</center></table>`],
    ['<p>', `<table>${HEAD}<p>${ROW}</p></table>`],
    ['<td> without <tr>', `<table>${HEAD}<td>一、甲</td><td>1、乙</td><td>措施甲</td><td>指挥部</td></table>`],
    ['unclosed <td> and <tr>', `<table><tr><th>项目名称<th>基本任务<th>具体措施<th>责任部门<tr><td>一、甲<td>1、乙<td>措施甲<td>指挥部</table>`],
    ['unclosed <font> in cells', `<table>${HEAD}<tr><td><font>一、甲<td><font>1、乙<td><b><font>措施甲<td><font>指挥部</table>`],
    ['a row nested in a cell by an unclosed <font>', `<table>${HEAD.replace('</tr>', '')}<font>${ROW}</table>`],
  ])('reads rows wrapped in %s where they stand', (_what, html) => {
    expect(rows(html)).toEqual(EXPECTED);
    expect(readHtml(html).tables[0]!.diagnostics).toEqual([]);
  });

  it('keeps a nested table, unclosed cells and all, inside its cell', () => {
    const html = `<table>${HEAD}<tr><td>一、甲</td><td>1、乙</td><td>措施甲<table><tr><td>内一<td>内二</table></td><td>指挥部</td></tr></table>`;
    expect(rows(html)[1]).toEqual(['一、甲', '1、乙', '措施甲/内一/内二', '指挥部']);
  });

  it('reports text between cells as text-outside-cells, an error', () => {
    const html = `<table>${HEAD}<tr><td>一、甲</td><td>1、乙</td>遗失的措施<td>措施甲</td><td>指挥部</td></tr></table>`;
    const table = readHtml(html).tables[0]!;
    expect(table.diagnostics.map((d) => [d.ruleId, d.severity, d.place?.row, d.message])).toEqual([
      ['text-outside-cells', 'error', 2, 'Text stands inside the table but outside its cells, where a browser shows it above the table, and was not read: "遗失的措施".'],
    ]);
  });

  it('takes the caption as text before the table', () => {
    const html = `<p>附件</p><table><caption>2020年任务分解表</caption>${HEAD}${ROW}</table>`;
    expect(readHtml(html).tables[0]!.before).toEqual(['附件', '2020年任务分解表']);
  });

  it('never passes a table whose text was lost, or that has no data rows', async () => {
    const lost = await parse(`<table>${HEAD}<tr><td>一、甲</td>措施<td>1、乙</td></tr></table>`, { fileName: 'lost.html' });
    expect(lost.diagnostics.filter((d) => d.severity === 'error').map((d) => d.ruleId)).toContain('text-outside-cells');
    const empty = await parse(`<table><caption>2020年任务分解表</caption>${HEAD}</table>`, { fileName: 'empty.html' });
    expect(empty.title).toBe('2020年任务分解表');
    expect(empty.diagnostics.map((d) => [d.ruleId, d.severity])).toEqual([['no-measures', 'error']]);
  });

  it('costs time linear in the width of a row of unclosed cells and in the depth of unclosed elements', () => {
    // Sizes at which the old DOM-based reading took minutes; in one pass they take well under a second.
    const wide = `<table>${HEAD}<tr>${'<td><span>x'.repeat(200_000)}</table>`;
    expect(readHtml(wide).tables[0]!.rows[1]!.cells).toHaveLength(200_000);
    const deep = `<table>${HEAD}<tr><td>a</td><td>b</td><td>${'<div><font>'.repeat(100_000)}深</td><td>指挥部</td></tr></table>`;
    expect(rows(deep)[1]).toEqual(['a', 'b', '深', '指挥部']);
  });
});
