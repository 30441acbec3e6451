import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { parse, toHtml } from '../../src/index.js';
import { escapeHtml } from '../../src/output/html.js';
import { fixtureTable, seedTable } from './tables.js';

describe('toHtml', () => {
  it('writes one self-contained page: no external resource of any kind', async () => {
    const html = toHtml(await seedTable());
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="zh-CN">/);
    expect(html).not.toMatch(/<(link|img|iframe|object|embed)\b|\bsrc=|@import|url\(/i);
    expect(html).toContain('<meta charset="utf-8">');
  });

  it('shows merged cells merged: sections, tasks, and departments carried down', async () => {
    const $ = load(toHtml(await seedTable()));
    const rows = $('#measures tbody tr');
    expect(rows).toHaveLength(49);
    const first = rows.eq(0).children('td');
    expect(first.eq(0).attr('rowspan')).toBe('14');
    expect(first.eq(0).text()).toBe('一、推进重点领域信息公开');
    expect(first.eq(1).attr('rowspan')).toBe('3');
    // Measure 1.1.2's department cell covers 1.1.3, whose departments are inherited.
    const second = rows.eq(1).children('td.departments');
    expect(second.attr('rowspan')).toBe('2');
    expect(second.hasClass('inherited')).toBe(true);
    expect(second.text()).toContain('合并单元格，2 项措施');
    expect(rows.eq(2).children('td.departments')).toHaveLength(0);
    // Task 7's three measures have three department cells of their own.
    const task7 = $('#m2\\.3\\.1, #m2\\.3\\.2, #m2\\.3\\.3').map((_, tr) => $(tr).children('td.departments').text()).get();
    expect(task7).toEqual(['指挥部、各分（县）局', '指挥部', '法制办']);
    // Every row's cells plus the cells spanning into it fill every column.
    const columns = $('#measures thead th').length;
    const covered = new Array<number>(49).fill(0);
    rows.each((r, tr) => {
      $(tr)
        .children('td')
        .each((_, td) => {
          const span = Number($(td).attr('rowspan') ?? 1);
          for (let k = r; k < r + span; k++) covered[k] = (covered[k] ?? 0) + 1;
        });
    });
    expect(covered.every((n) => n === columns)).toBe(true);
  });

  it('shows a diagnostic at its row and the others above the table', async () => {
    const $ = load(toHtml(await seedTable()));
    const last = $('#m4\\.3\\.3');
    expect(last.hasClass('warning')).toBe(true);
    expect(last.find('td.problems').text()).toContain('ragged-row');
    const other = load(toHtml(await parse('<table><tr><td>x</td></tr></table><table><tr><th>基本任务</th><th>具体措施</th><th>责任部门</th></tr><tr><td>1、甲</td><td>a</td><td>办公室</td></tr></table>')));
    expect(other('.problems-list').text()).toContain('other-table');
  });

  it('has the department × task matrix, the index, and a filter that only scripts show', async () => {
    const $ = load(toHtml(await fixtureTable('family-lead-support-text')));
    expect($('#filter').attr('hidden')).toBeDefined();
    expect($('#department-filter option').first().text()).toBe('全部部门');
    const matrixRow = $('table.matrix tr[data-department="市市场监管局"] td');
    expect(matrixRow.eq(2).text()).toBe('●3');
    expect(matrixRow.eq(2).hasClass('lead')).toBe(true);
    expect($('table.index tr[data-department="市公安局"] a').first().hasClass('support')).toBe(true);
    expect($('#measures tbody tr').first().attr('data-departments')).toBe(JSON.stringify(['市市场监管局', '市公安局', '市税务局', '市人力资源社会保障局']));
    expect($('script').text()).toContain("getElementById('department-filter')");
  });

  it('escapes what the table says', () => {
    expect(escapeHtml(`<b>"甲" & '乙'</b>`)).toBe('&lt;b&gt;&quot;甲&quot; &amp; &#39;乙&#39;&lt;/b&gt;');
  });
});
