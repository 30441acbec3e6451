import { describe, expect, it } from 'vitest';
import { ListNumbering, formatNumber, type ParagraphProperties } from '../../src/read/docx-numbering.js';
import { readDocx } from '../../src/read/docx.js';
import { readHtml } from '../../src/read/html.js';
import { fixtureCases } from '../helpers/fixtures.js';
import { readMarkdown } from '../../src/read/markdown.js';
import { chineseNumeral, chineseNumeralValue } from '../../src/normalize/markers.js';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const lvl = (ilvl: number, format: string, text: string, start = 1) =>
  `<w:lvl w:ilvl="${ilvl}"><w:start w:val="${start}"/><w:numFmt w:val="${format}"/><w:lvlText w:val="${text}"/><w:suff w:val="nothing"/></w:lvl>`;
const NUMBERING = `<w:numbering ${W}>
  <w:abstractNum w:abstractNumId="0">${lvl(0, 'chineseCounting', '%1、')}${lvl(1, 'chineseCounting', '（%2）')}${lvl(2, 'decimal', '%3.')}${lvl(3, 'decimal', '（%4）')}</w:abstractNum>
  <w:abstractNum w:abstractNumId="1">${lvl(0, 'decimalEnclosedCircle', '%1')}${lvl(1, 'decimal', '%1.%2')}</w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
  <w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
</w:numbering>`;
const STYLES = `<w:styles ${W}>
  <w:style w:type="paragraph" w:styleId="H1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
  <w:style w:type="paragraph" w:styleId="H1b"><w:name w:val="My heading"/><w:basedOn w:val="H1"/></w:style>
</w:styles>`;

const p = (numId: string | null, ilvl: number | null, style: string | null = null): ParagraphProperties => ({ numId, ilvl, style, outline: null });

describe('ListNumbering', () => {
  it('renders each level as Word shows it, deeper levels starting again under a higher one', () => {
    const lists = new ListNumbering({ numbering: NUMBERING, styles: null });
    const markers = [p('1', 0), p('1', 1), p('1', 2), p('1', 2), p('1', 3), p('1', 1), p('1', 2), p('1', 0), p('1', 1)].map((props) => lists.marker(props));
    expect(markers).toEqual(['一、', '（一）', '1.', '2.', '（1）', '（二）', '1.', '二、', '（一）']);
  });

  it('continues a list across w:num instances of one definition, unless a start override restarts it', () => {
    const lists = new ListNumbering({ numbering: NUMBERING, styles: null });
    expect([p('2', 0), p('2', 0), p('2', 1), p('3', 0), p('3', 0)].map((props) => lists.marker(props))).toEqual(['①', '②', '②.1', '①', '②']);
  });

  it('takes numbering and heading level from the paragraph style, through basedOn', () => {
    const lists = new ListNumbering({ numbering: NUMBERING, styles: STYLES });
    expect([lists.marker(p(null, null, 'H1b')), lists.marker(p(null, null, 'H1'))]).toEqual(['一、', '二、']);
    expect(lists.heading(p(null, null, 'H1b'))).toBe(1);
    expect(lists.marker(p('0', null, 'H1'))).toBe('');
    expect(lists.marker(p('9', 0))).toBe('');
  });

  it('formats numbers in Word’s formats', () => {
    expect([formatNumber(11, 'chineseCounting'), formatNumber(3, 'decimalFullWidth'), formatNumber(4, 'lowerRoman'), formatNumber(2, 'ideographTraditional')]).toEqual(['十一', '３', 'iv', '乙']);
  });
});

describe('chineseNumeral', () => {
  it.each([1, 9, 10, 11, 20, 21, 99, 100, 101, 110, 1000, 1010, 2024])('%i reads back as itself', (n) => {
    expect(chineseNumeralValue(chineseNumeral(n))).toBe(n);
  });
});

describe('paragraphs of the readers', () => {
  it('.docx: Word’s automatic numbering written in front, as Word shows it (the docx package and LibreOffice)', async () => {
    const first = async (name: string) => {
      const fixture = fixtureCases().find((c) => c.name === name);
      return ((await readDocx(fixture?.bytes ?? new Uint8Array())).paragraphs ?? []).slice(1, 7).map((p) => p.text.slice(0, 8));
    };
    expect(await first('prose-docx-numbering')).toEqual(['为做好2024年', '一、推进决策公开', '（一）完善重大决', '1.及时更新网站', '2.做好政策解读', '3.建立重大决策']);
    expect(await first('prose-libreoffice-docx')).toEqual(['为做好2024年', '一、推进决策公开', '（一）完善重大决', '1. 及时更新网', '2. 做好政策解', '3. 建立重大决']);
  });

  it('HTML: every paragraph with its line and heading level, an ordered item numbered as shown', () => {
    const html = '<html><body>\n<h2>一、推进公开</h2>\n<table><tr><td><p>甲</p></td></tr></table>\n<ol start="3"><li>做好解读</li><li>加强督查</li></ol>\n</body></html>';
    expect(readHtml(html).paragraphs).toEqual([
      { text: '一、推进公开', line: 2, heading: 2 },
      { text: '甲', line: 3 },
      { text: '3. 做好解读', line: 4 },
      { text: '4. 加强督查', line: 4 },
    ]);
  });

  it('Markdown: headings, each line of a paragraph, list items with their numbers', () => {
    expect(readMarkdown('# 方案\n\n一、甲\n（一）乙\n\n1. 丙\n2. 丁\n').paragraphs).toEqual([
      { text: '方案', line: 1, heading: 1 },
      { text: '一、甲', line: 3 },
      { text: '（一）乙', line: 4 },
      { text: '1. 丙', line: 6 },
      { text: '2. 丁', line: 7 },
    ]);
  });
});
