#!/usr/bin/env node
// npm run stress: the time and memory checks of #14 that are too slow or too noisy for npm test.
//
// Time: every reader (and each input shape that once took quadratic time) parses an input of size
// n, 2n and 4n; doubling the input may at most multiply the time by 2.5 (best of three runs each).
// Memory: the inputs that once filled the heap run in a child process each, whose peak RSS must
// stay under 1 GiB: they are refused at a limit, or read, within it.
// Usage: npm run stress [-- <case-name-substring>]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { zipSync, strToU8 } from 'fflate';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { parse } = await import(new URL('../dist/index.js', import.meta.url).href);
const MIB = 1024 * 1024;
const MAX_RATIO = 2.5;
const RSS_LIMIT_MIB = 1024;

const NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const wp = (text) => `<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`;
const wtr = (...cells) => `<w:tr>${cells.map((c) => `<w:tc>${c}</w:tc>`).join('')}</w:tr>`;
const docx = (body, level = 6) => zipSync({ 'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:document ${NS}><w:body><w:tbl>${body}</w:tbl></w:body></w:document>`) }, { level });
const rows = (n, row) => Array.from({ length: n }, (_, i) => row(i)).join('');

/** Time cases: a name, a file name (for the format) and the input at size n. */
const TIME_CASES = [
  ['text tab-led rows', 'a.txt', (n) => `\t具体措施\n\t责任部门\n${rows(n, (i) => `\t措施${i}\n\t指挥部\n`)}`, 20_000],
  ['text TSV rows', 'a.tsv', (n) => `具体措施\t责任部门\n${rows(n, (i) => `措施${i}\t指挥部\n`)}`, 20_000],
  ['text pipe rows', 'a.txt', (n) => `具体措施 | 责任部门\n${rows(n, (i) => `措施${i} | 指挥部\n`)}`, 20_000],
  ['text line-cells rows (#13 rewrites this reader)', 'a.txt', (n) => `具体措施\n责任部门\n${rows(n, (i) => `推进第${i}项工作。\n指挥部\n`)}`, 2_000],
  ['text pipe row with a run of "-"', 'a.txt', (n) => `具体措施 | 责任部门\n${'-'.repeat(n)}x | 指挥部\n`, 500_000],
  ['text TSV columns (extra keys)', 'a.tsv', (n) => `具体措施\t责任部门${rows(n, (i) => `\t列${i}`)}\n措施\t指挥部${rows(n, (i) => `\t值${i}`)}\n`, 20_000],
  ['HTML rows', 'a.html', (n) => `<table><tr><th>具体措施</th><th>责任部门</th></tr>${rows(n, (i) => `<tr><td>措施${i}</td><td>指挥部</td></tr>`)}</table>`, 20_000],
  ['HTML row of unclosed <td>', 'a.html', (n) => `<table><tr><th>具体措施</th><th>责任部门</th></tr><tr>${'<td>x'.repeat(n)}</table>`, 20_000],
  ['HTML unclosed elements, deep', 'a.html', (n) => `<table><tr><th>具体措施</th><th>责任部门</th></tr><tr><td>${'<div><font>x'.repeat(n)}</td><td>指挥部</td></tr></table>`, 100_000],
  ['HTML rows wrapped in <font>', 'a.html', (n) => `<table><tr><th>具体措施</th><th>责任部门</th></tr>${rows(n, (i) => `<font><tr><td>措施${i}<td>指挥部</font>`)}</table>`, 20_000],
  ['Markdown rows', 'a.md', (n) => `| 具体措施 | 责任部门 |\n| --- | --- |\n${rows(n, (i) => `| 措施${i} | 指挥部 |\n`)}`, 5_000],
  ['Markdown block quotes before a table', 'a.md', (n) => `${rows(n, (i) => `>>> 第${i}段\n\n`)}| 具体措施 | 责任部门 |\n| --- | --- |\n| 措施 | 指挥部 |\n`, 20_000],
  ['Markdown table in a deep block quote', 'a.md', (n) => { const q = '>'.repeat(n); return `${q} | 具体措施 | 责任部门 |\n${q} | --- | --- |\n${q} | 措施 | 指挥部 |\n`; }, 100_000],
  ['docx rows', 'a.docx', (n) => docx(wtr(wp('具体措施'), wp('责任部门')) + rows(n, (i) => wtr(wp(`措施${i}`), wp('指挥部')))), 10_000],
  ['docx run of spaces', 'a.docx', (n) => docx(wtr(wp('具体措施'), wp('责任部门')) + wtr(wp(`${' '.repeat(n)}措施${' '.repeat(n)}`), wp('指挥部')), 0), 1_000_000],
  ['docx line breaks in a paragraph', 'a.docx', (n) => docx(wtr(wp('具体措施'), wp('责任部门')) + wtr(`<w:p><w:r><w:t>a</w:t>${'<w:br/>'.repeat(n)}</w:r></w:p>`, wp('指挥部'))), 100_000],
];

/** Memory cases: run in a child each; what they do at the limits. */
const RSS_CASES = {
  'text: a 40 MB line of TABs': () => parse('\t'.repeat(40 * MIB), { fileName: 'tabs.txt' }),
  'text: a 40 MB line of pipes': () => parse('|'.repeat(40 * MIB), { fileName: 'pipes.txt' }),
  'HTML: 40 MB of <td>': () => parse(`<table>${'<td>'.repeat(10 * MIB)}</table>`, { fileName: 'cells.html' }),
  'HTML: 45 MB of unclosed <b>': () => parse(`<table><tr><th>具体措施</th><th>责任部门</th></tr><tr><td>${'<b>'.repeat(15 * 1000 * 1000)}x</td><td>y</td></tr></table>`, { fileName: 'deep.html' }),
  'Markdown: 40 MB of pipes': () => parse(`| a | b |\n| - | - |\n${'|'.repeat(40 * MIB)}\n`, { fileName: 'pipes.md' }),
  'docx: 2 million empty cells': () => parse(docx(wtr(wp('具体措施'), wp('责任部门')) + `<w:tr>${'<w:tc/>'.repeat(2_000_000)}</w:tr>`, 1), { fileName: 'cells.docx' }),
  'text: 900,000 cells, a table at the cell limit': () => parse(`具体措施\t责任部门\t完成时限\n${rows(299_999, (i) => `措施${i}\t指挥部\t年底前\n`)}`, { fileName: 'big.tsv' }),
  'CLI: fenjie convert /dev/zero': 'cli',
};

async function timeOf(input, fileName) {
  let best = Infinity;
  for (let i = 0; i < 3; i += 1) {
    globalThis.gc?.();
    const start = performance.now();
    try {
      await parse(input, { fileName });
    } catch (error) {
      if (error?.code !== 'no-table') throw error;
    }
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

function rssOf(name) {
  const args = RSS_CASES[name] === 'cli'
    ? ['--import', fileURLToPath(new URL('./stress-rss.mjs', import.meta.url)), 'dist/bin.js', 'convert', '/dev/zero']
    : ['--import', fileURLToPath(new URL('./stress-rss.mjs', import.meta.url)), fileURLToPath(import.meta.url), '--child', name];
  const child = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * MIB });
  const rss = /maxRSS (\d+)/.exec(child.stderr)?.[1];
  const outcome = child.stderr.split('\n').find((line) => line.startsWith('outcome ') || line.startsWith('fenjie: '))?.replace(/^outcome /, '') ?? `exit ${child.status}`;
  return { rssMib: rss ? Number(rss) / 1024 : NaN, outcome };
}

if (process.argv[2] === '--child') {
  try {
    const model = await RSS_CASES[process.argv[3]]();
    console.error(`outcome a model of ${model.sections.reduce((n, s) => n + s.tasks.reduce((m, t) => m + t.measures.length, 0), 0)} measures`);
  } catch (error) {
    console.error(`outcome ${error.code}: ${error.message}`);
  }
} else {
  const only = process.argv[2] ?? '';
  let failed = 0;
  console.log(`time: n → 2n → 4n, best of 3; each doubling at most ×${MAX_RATIO}`);
  for (const [name, fileName, make, n] of TIME_CASES.filter(([name]) => name.includes(only))) {
    await timeOf(make(Math.max(1, n / 8)), fileName); // warm up
    const times = [];
    for (const size of [n, 2 * n, 4 * n]) times.push(await timeOf(make(size), fileName));
    const ratios = [times[1] / times[0], times[2] / times[1]];
    const ok = Math.max(...ratios) <= MAX_RATIO;
    if (!ok) failed += 1;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${name.padEnd(48)} n=${String(n).padStart(9)}  ${times.map((t) => `${t.toFixed(0).padStart(6)} ms`).join('  ')}  ×${ratios.map((r) => r.toFixed(2)).join(' ×')}`);
  }
  console.log(`\nmemory: peak RSS of a process per input, at most ${RSS_LIMIT_MIB} MiB`);
  for (const name of Object.keys(RSS_CASES).filter((name) => name.includes(only))) {
    const { rssMib, outcome } = rssOf(name);
    const ok = rssMib <= RSS_LIMIT_MIB;
    if (!ok) failed += 1;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${name.padEnd(48)} ${rssMib.toFixed(0).padStart(6)} MiB  ${outcome.slice(0, 110)}`);
  }
  process.exitCode = failed > 0 ? 1 : 0;
}
