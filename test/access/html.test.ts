/** The HTML page in headless Chromium (Debian's package): it renders, every application appears, a screenshot is not blank. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { diffPaths } from '../../access/diff.js';
import { formatAccessHtml, PAGE_SIZE } from '../../access/formatters/html.js';
import type { AccessReport } from '../../access/formatters/types.js';
import type { RawConfig } from '../../model/types.js';
import { app, codeGrant, config, exchangeGrant, issuer, jwtGrant, pathsOf, scope } from './support.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`access HTML test skipped: ${CHROMIUM} is absent (apt-get install chromium)`);

let browser: BrowserContext | undefined;
let profileDir: string;

beforeAll(async () => {
  if (!hasChromium) return;
  profileDir = mkdtempSync(join(tmpdir(), 'tipkit-chromium-'));
  browser = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    viewport: { width: 1200, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});
afterAll(async () => {
  await browser?.close();
  if (profileDir) rmSync(profileDir, { recursive: true, force: true });
});

const reportFor = (raw: RawConfig, base?: RawConfig): AccessReport => {
  const paths = pathsOf(raw);
  return { paths, applications: raw.applications!.map((a) => String(a.Name)), ...(base ? { base: 'main', diff: diffPaths(pathsOf(base), paths) } : {}) };
};

/** A page with the HTML, refusing every request it would make (the page must need none). */
async function open(html: string): Promise<{ page: Page; requests: string[] }> {
  const page = await browser!.newPage();
  const requests: string[] = [];
  await page.route('**/*', (route) => {
    requests.push(route.request().url());
    return route.abort();
  });
  await page.setContent(html, { waitUntil: 'load' });
  return { page, requests };
}

/** Pixels of a PNG that are not the background, counted by Chromium itself (an <img> drawn on a canvas). */
async function inkedPixels(png: Buffer): Promise<number> {
  const page = await browser!.newPage();
  try {
    return await page.evaluate(async (src) => {
      const img = new Image();
      img.src = src;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.width;
      canvas.height = img.height;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const data = ctx.getImageData(0, 0, img.width, img.height).data;
      let n = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i]! < 240 || data[i + 1]! < 240 || data[i + 2]! < 240) n++;
      return n;
    }, `data:image/png;base64,${png.toString('base64')}`);
  } finally {
    await page.close();
  }
}

describe('access HTML page', () => {
  it.skipIf(!hasChromium)('renders the setup: the graph, every application, new paths marked, no request made', async () => {
    const setup = parse(readFileSync('test/fixtures/access/setup.yaml', 'utf8')) as RawConfig;
    const base = { ...setup, applications: setup.applications!.filter((a) => a.Name !== 'web') };
    const report = reportFor(setup, base);
    const { page, requests } = await open(formatAccessHtml(report, { cwd: '/', toolVersion: '0', failOnNewAccess: false }));
    const svg = await page.$('svg.graph');
    const box = await svg!.boundingBox();
    expect(box!.width).toBeGreaterThan(300);
    expect(box!.height).toBeGreaterThan(60);
    const apps = await page.$$eval('details.app', (els) => els.map((e) => e.getAttribute('data-app')));
    expect(apps.sort()).toEqual(['lake', 'portal', 'warehouse', 'web']);
    for (const name of apps) expect(await page.locator(`svg.graph g.node[data-app="${name}"]`).count()).toBeGreaterThan(0);
    expect(await page.locator('#changes li.added').count()).toBeGreaterThan(0);
    expect(await page.textContent('#changes')).toMatch(/web/);
    const shot = await page.screenshot({ fullPage: true });
    expect(await inkedPixels(shot)).toBeGreaterThan(5000);
    expect(requests).toEqual([]);
    await page.close();
  });

  it.skipIf(!hasChromium)('200 applications render: paged graph, every application listed, filter and pager work', async () => {
    const apps = [];
    for (let i = 0; i < 200; i++) {
      const name = `app-${String(i).padStart(3, '0')}`;
      if (i % 4 === 0) apps.push(app(name, { Grants: [jwtGrant([`idp-${i % 10}`, [`aud-${i}`]])], AccessScopes: [scope('redshift:connect', `app-${String(i + 1).padStart(3, '0')}`)] }));
      else if (i % 4 === 1) apps.push(app(name, { Grants: [exchangeGrant] }));
      else if (i % 4 === 2) apps.push(app(name, { Grants: [codeGrant(`https://${name}.example.com/cb`)] }));
      else apps.push(app(name));
    }
    const raw = config(apps, Array.from({ length: 10 }, (_, i) => issuer(`idp-${i}`)));
    const { page, requests } = await open(formatAccessHtml(reportFor(raw), { cwd: '/', toolVersion: '0', failOnNewAccess: false }));
    expect(await page.locator('svg.graph').count()).toBe(Math.ceil(200 / PAGE_SIZE));
    expect(await page.locator('svg.graph:visible').count()).toBe(1);
    expect(await page.locator('details.app').count()).toBe(200);
    expect(await page.textContent('#page')).toBe(`page 1 of ${Math.ceil(200 / PAGE_SIZE)}`);
    await page.click('#next');
    expect(await page.textContent('#page')).toBe(`page 2 of ${Math.ceil(200 / PAGE_SIZE)}`);
    expect(await page.locator(`svg.graph[data-page="1"] g.node[data-app="app-${String(PAGE_SIZE).padStart(3, '0')}"]`).isVisible()).toBe(true);
    await page.fill('#filter', 'app-199');
    expect(await page.locator('details.app:visible').count()).toBe(1);
    const shot = await page.screenshot();
    expect(await inkedPixels(shot)).toBeGreaterThan(5000);
    expect(requests).toEqual([]);
    await page.close();
  });
});
