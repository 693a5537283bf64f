/**
 * `npm run verify -- https://host/path/`: checks a deployed copy of the site with Debian's Chromium.
 *
 * - every page in the sitemap loads (HTTP 200) with no console error;
 * - every internal link on those pages resolves;
 * - search answers a query;
 * - the headers that wasm threads need (cross-origin isolation) are sent — or, when they are not,
 *   a demo's badge reports the single-thread fallback;
 * - one light demo runs on every backend the browser offers, without leaking tensors.
 *
 * Prints one line per check and exits non-zero when any fails. `--local` builds nothing: it serves
 * dist/ with `astro preview` on a free port, verifies it and stops the server (CI uses this).
 */
import type { Browser, Page } from '@playwright/test';
import { launchChromium } from './lib/chromium.ts';
import { previewServer } from './preview-server.ts';

const LIGHT_DEMO = {
  path: 'neural-networks/perceptron/linear-layers-and-relu/',
  name: 'linear-collapse',
};
const SEARCH_QUERY = 'dropout';
const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;

interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

/** Site paths listed by the sitemap, re-rooted at `base` (the sitemap names the build's own host). */
export async function sitemapPages(base: URL): Promise<URL[]> {
  const index = await (await fetch(new URL('sitemap-index.xml', base))).text();
  const maps = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) =>
    new URL(m[1]!).pathname.split('/').pop()!,
  );
  const pages: URL[] = [];
  for (const map of maps) {
    const xml = await (await fetch(new URL(map, base))).text();
    for (const m of xml.matchAll(/<loc>([^<]+)<\/loc>/g))
      pages.push(new URL(new URL(m[1]!).pathname.replace(/^\//, ''), base));
  }
  return pages;
}

async function checkPages(browser: Browser, base: URL): Promise<Check[]> {
  const pages = await sitemapPages(base);
  const page = await browser.newPage();
  const errors: string[] = [];
  let current = '';
  page.on('console', (m) => m.type() === 'error' && errors.push(`${current}: ${m.text()}`));
  page.on('pageerror', (e) => errors.push(`${current}: ${e.message}`));
  const bad: string[] = [];
  const links = new Set<string>();
  for (const url of pages) {
    current = url.pathname;
    const res = await page.goto(url.href);
    if (res?.status() !== 200) bad.push(`${url.pathname} → HTTP ${res?.status()}`);
    for (const href of await page
      .locator('a[href]')
      .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href))) {
      const u = new URL(href);
      u.hash = '';
      if (u.host === base.host && u.pathname.startsWith(base.pathname)) links.add(u.href);
    }
  }
  await page.close();
  const broken: string[] = [];
  for (const link of links) {
    const r = await fetch(link);
    if (!r.ok) broken.push(`${new URL(link).pathname} → HTTP ${r.status}`);
  }
  return [
    {
      name: 'pages',
      ok: pages.length > 0 && bad.length === 0,
      detail: bad.length ? bad.join('; ') : `${pages.length} pages from the sitemap load`,
    },
    {
      name: 'console',
      ok: errors.length === 0,
      detail: errors.length ? errors.slice(0, 5).join('; ') : 'no console errors',
    },
    {
      name: 'links',
      ok: broken.length === 0,
      detail: broken.length
        ? broken.slice(0, 10).join('; ')
        : `${links.size} internal links resolve`,
    },
  ];
}

async function checkSearch(browser: Browser, base: URL): Promise<Check> {
  const page = await browser.newPage();
  try {
    await page.goto(base.href);
    await page.locator('button[data-open-modal]').first().click();
    await page.locator('.pagefind-ui__search-input').fill(SEARCH_QUERY);
    const first = page.locator('.pagefind-ui__result').first();
    await first.waitFor({ timeout: 20_000 });
    const n = await page.locator('.pagefind-ui__result').count();
    return { name: 'search', ok: n > 0, detail: `"${SEARCH_QUERY}" → ${n} results` };
  } catch (e) {
    return {
      name: 'search',
      ok: false,
      detail: `no results for "${SEARCH_QUERY}": ${(e as Error).message.split('\n')[0]}`,
    };
  } finally {
    await page.close();
  }
}

interface DemoRun {
  state: string;
  backend: string;
  badge: string;
  leak: boolean;
  isolated: boolean;
}

async function runLightDemo(page: Page, base: URL, backend: string): Promise<DemoRun> {
  await page.goto(new URL(`${LIGHT_DEMO.path}?backend=${backend}`, base).href);
  const demo = page.locator(`[data-demo="${LIGHT_DEMO.name}"]`);
  await demo.locator('[data-role=run]').click();
  await page.waitForFunction(
    (sel) =>
      /^(done|failed|cancelled)$/.test(
        document.querySelector(sel)?.getAttribute('data-state') ?? '',
      ),
    `[data-demo="${LIGHT_DEMO.name}"]`,
    { timeout: 300_000 },
  );
  return {
    state: (await demo.getAttribute('data-state')) ?? '',
    backend: (await demo.locator('[data-role=badge]').getAttribute('data-backend')) ?? '',
    badge: (await demo.locator('[data-role=badge]').textContent()) ?? '',
    leak:
      (await demo.getAttribute('data-tensors-before')) !==
      (await demo.getAttribute('data-tensors-after')),
    isolated: await page.evaluate(() => crossOriginIsolated),
  };
}

async function checkDemos(browser: Browser, base: URL): Promise<Check[]> {
  const checks: Check[] = [];
  for (const backend of BACKENDS) {
    const page = await browser.newPage();
    try {
      const r = await runLightDemo(page, base, backend);
      if (r.backend !== backend) {
        checks.push({
          name: `demo ${backend}`,
          ok: true,
          detail: `not available in this browser (ran on ${r.badge})`,
        });
        continue;
      }
      const ok = r.state === 'done' && !r.leak;
      checks.push({
        name: `demo ${backend}`,
        ok,
        detail: `${LIGHT_DEMO.name}: ${r.state} on ${r.badge}${r.leak ? ', tensors leaked' : ''}`,
      });
      if (backend === 'wasm') {
        const threads = /threads/.test(r.badge);
        const single = /single-thread/.test(r.badge);
        checks.push({
          name: 'wasm threads',
          ok: r.isolated ? threads || single : single,
          detail: r.isolated
            ? `page is cross-origin isolated; badge: ${r.badge}`
            : `page is not cross-origin isolated (headers missing); the badge reports the single-thread fallback: ${single}`,
        });
      }
    } catch (e) {
      checks.push({
        name: `demo ${backend}`,
        ok: false,
        detail: (e as Error).message.split('\n')[0]!,
      });
    } finally {
      await page.close();
    }
  }
  return checks;
}

async function checkHeaders(base: URL): Promise<Check> {
  const r = await fetch(base);
  const coop = r.headers.get('cross-origin-opener-policy');
  const coep = r.headers.get('cross-origin-embedder-policy');
  const sent = coop === 'same-origin' && (coep === 'require-corp' || coep === 'credentialless');
  // Missing headers are not a failure: the wasm-threads check above requires the badge to say so.
  return {
    name: 'headers',
    ok: true,
    detail: sent
      ? `COOP ${coop}, COEP ${coep}: wasm threads allowed`
      : `COOP/COEP not sent (COOP ${coop}, COEP ${coep}): wasm runs single-threaded`,
  };
}

export async function verify(target: string): Promise<Check[]> {
  const base = new URL(target.endsWith('/') ? target : target + '/');
  const browser = await launchChromium();
  try {
    return [
      ...(await checkPages(browser, base)),
      await checkSearch(browser, base),
      await checkHeaders(base),
      ...(await checkDemos(browser, base)),
    ];
  } finally {
    await browser.close();
  }
}

async function main() {
  const args = process.argv.slice(2);
  const local = args.includes('--local');
  const target = args.find((a) => !a.startsWith('--'));
  if (!local && !target) {
    console.error(
      'usage: npm run verify -- https://host/path/   (or --local to verify dist/ on a local preview)',
    );
    process.exit(2);
  }
  const server = local ? await previewServer() : null;
  try {
    const checks = await verify(server?.url ?? target!);
    for (const c of checks)
      console.log(`${c.ok ? 'ok  ' : 'FAIL'} ${c.name.padEnd(13)} ${c.detail}`);
    const failed = checks.filter((c) => !c.ok).length;
    console.log(`verify: ${checks.length - failed} passed, ${failed} failed`);
    process.exitCode = failed ? 1 : 0;
  } finally {
    await server?.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
