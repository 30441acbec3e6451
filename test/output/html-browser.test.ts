import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHtml } from '../../src/index.js';
import { fixtureTable, seedTable } from './tables.js';

// The HTML report in a real browser: Debian's Chromium driven by playwright-core. Where no Chromium
// is installed (CI installs it), the tests are skipped with a message saying so.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SHOTS = join(import.meta.dirname, '..', '..', '.tmp', 'html-report');
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.log(`skipping the browser tests of the HTML report: no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`);

/** A browser with a fresh profile; every request that is not the page's own file is refused and recorded. */
async function openBrowser() {
  const profile = mkdtempSync(join(tmpdir(), 'fenjie-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 900 },
  });
  const foreign: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:')) return route.continue();
    foreign.push(url);
    return route.abort();
  });
  return { context, foreign, close: async () => (await context.close(), rmSync(profile, { recursive: true, force: true })) };
}

/** Writes a page to a temporary file and opens it. */
async function show(context: BrowserContext, name: string, html: string): Promise<Page> {
  mkdirSync(SHOTS, { recursive: true });
  const file = join(SHOTS, `${name}.html`);
  writeFileSync(file, html);
  const page = await context.newPage();
  await page.goto(pathToFileURL(file).href);
  return page;
}

/** Per visible row of the measures table: how many columns its own cells and the cells spanning into it fill. */
function filledColumns(page: Page): Promise<number[]> {
  return page.$$eval('#measures tbody tr', (rows) => {
    const filled = rows.map(() => 0);
    rows.forEach((row, r) => {
      for (const cell of Array.from((row as unknown as { cells: ArrayLike<{ rowSpan: number }> }).cells)) for (let k = r; k < r + cell.rowSpan && k < rows.length; k++) filled[k] = (filled[k] ?? 0) + 1;
    });
    return filled;
  });
}

describe.skipIf(!hasChromium)('the HTML report in Chromium', () => {
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  beforeAll(async () => {
    browser = await openBrowser();
  }, 120_000);
  afterAll(async () => browser?.close());

  it('renders the seed: title, merged cells, matrix, a screenshot, and no network', async () => {
    const page = await show(browser.context, 'seed', toHtml(await seedTable()));
    expect(await page.title()).toBe('2016年上海市公安局政务公开工作要点任务分解表');
    const text = await page.innerText('body');
    expect(text).toContain('4 个部分，14 项任务，49 项措施，11 个部门，1 条问题。');
    expect(text).toContain('部门 × 任务');
    expect(text).toContain('有针对性地主动公开新出台公安改革政策措施');
    expect(await page.isVisible('#filter')).toBe(true);
    const columns = await page.$$eval('#measures thead th', (ths) => ths.length);
    expect(new Set(await filledColumns(page))).toEqual(new Set([columns]));
    // The section cell spanning 14 measures is drawn as one box as tall as those rows together.
    const section = await page.locator('#measures tbody tr').first().locator('td').first().boundingBox();
    const rows = await Promise.all([0, 13].map((i) => page.locator('#measures tbody tr').nth(i).boundingBox()));
    expect(section?.height).toBeCloseTo((rows[1]!.y + rows[1]!.height) - rows[0]!.y, 0);
    // The matrix headers stand vertically: taller than wide.
    const head = await page.locator('table.matrix th.task').first().boundingBox();
    expect(head!.height).toBeGreaterThan(head!.width * 2);
    const shot = await page.screenshot({ path: join(SHOTS, 'seed.png'), fullPage: true });
    expect(shot.subarray(1, 4).toString()).toBe('PNG');
    expect(shot.readUInt32BE(16)).toBe(1280);
    expect(browser.foreign).toEqual([]);
  }, 120_000);

  it('filters by department, keeping merged cells merged over the rows left', async () => {
    const page = await show(browser.context, 'seed-filter', toHtml(await seedTable()));
    await page.selectOption('#department-filter', '法制办');
    expect(await page.locator('#measures tbody tr').count()).toBe(10);
    expect(await page.innerText('#filter-count')).toBe('显示 10 / 49 项措施');
    const columns = await page.$$eval('#measures thead th', (ths) => ths.length);
    expect(new Set(await filledColumns(page))).toEqual(new Set([columns]));
    const departments = await page.$$eval('#measures tbody tr', (rows) => rows.map((row) => JSON.parse(row.getAttribute('data-departments') ?? '[]') as string[]));
    expect(departments.every((names) => names.includes('法制办'))).toBe(true);
    expect(await page.locator('table.matrix tbody tr:visible').count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'seed-filter.png'), fullPage: true });
    await page.selectOption('#department-filter', '');
    expect(await page.locator('#measures tbody tr').count()).toBe(49);
    expect(new Set(await filledColumns(page))).toEqual(new Set([columns]));
  }, 120_000);

  it('is readable without scripts: the whole table, and no filter that could not work', async () => {
    const page = await browser.context.newPage();
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
    mkdirSync(SHOTS, { recursive: true });
    const file = join(SHOTS, 'seed-noscript.html');
    writeFileSync(file, toHtml(await seedTable()));
    await page.goto(pathToFileURL(file).href);
    expect(await page.isVisible('#filter')).toBe(false);
    expect(await page.locator('#measures tbody tr').count()).toBe(49);
    expect(await page.innerText('#measures')).toContain('加强专门机构建设和人员配备');
    expect(browser.foreign).toEqual([]);
  }, 120_000);

  it('shows lead and support apart and prints without the filter', async () => {
    const page = await show(browser.context, 'lead-support', toHtml(await fixtureTable('family-lead-support-text')));
    expect(await page.locator('#measures tbody tr').first().locator('td.departments .lead').innerText()).toBe('市市场监管局');
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('#filter')).toBe(false);
    // The page's own window, typed here without the DOM library.
    const display = await page.$eval('#measures thead', (el) => (globalThis as unknown as { getComputedStyle(e: unknown): { display: string } }).getComputedStyle(el).display);
    expect(display).toBe('table-header-group');
  }, 120_000);
});
