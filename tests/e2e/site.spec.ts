import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { expect, test } from './fixtures.ts';
import { coverage } from '../../scripts/catalogue.ts';

/** Every page of the production build (dist/**​/index.html), as site paths. */
function builtPages(): string[] {
  const dist = join(process.cwd(), 'dist');
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((n) => {
      const p = join(d, n);
      return statSync(p).isDirectory() ? walk(p) : n === 'index.html' ? [p] : [];
    });
  return walk(dist)
    .map((f) => '/' + relative(dist, f).split(sep).slice(0, -1).join('/'))
    .map((p) => (p === '/' ? p : p + '/'))
    .filter((p) => !p.startsWith('/_'))
    .sort();
}

test.describe('site-wide', () => {
  test.beforeEach(({}, info) =>
    test.skip(info.project.name !== 'no-webgpu', 'backend-independent: run once'),
  );

  test('every page loads without errors, stays on localhost, and every internal link resolves', async ({
    page,
    consoleErrors,
    outside,
    request,
  }) => {
    const pages = builtPages();
    expect(pages.length).toBeGreaterThan(5);
    const links = new Set<string>();
    for (const path of pages) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(200);
      for (const href of await page
        .locator('a[href]')
        .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href))) {
        const u = new URL(href);
        if (u.host === new URL(page.url()).host) links.add(u.pathname);
      }
      expect(consoleErrors, path).toEqual([]);
    }
    expect(outside).toEqual([]);
    for (const link of links) {
      const r = await request.get(link);
      expect(r.status(), `link ${link}`).toBe(200);
    }
  });

  test('a page without a demo ships no TensorFlow.js', async ({ page }) => {
    const scripts: string[] = [];
    page.on('request', (r) => r.resourceType() === 'script' && scripts.push(r.url()));
    await page.goto('/neural-networks/');
    await page.waitForLoadState('networkidle');
    const bytes = await Promise.all(
      scripts.map(async (s) => (await (await fetch(s)).text()).length),
    );
    const tfLike = await Promise.all(
      scripts.map(async (s) => /registerKernel|tfjs-core/.test(await (await fetch(s)).text())),
    );
    expect(tfLike.some(Boolean), scripts.join(', ')).toBe(false);
    expect(bytes.reduce((a, b) => a + b, 0)).toBeLessThan(300_000);
  });

  test('each collection index lists its questions with links or "not answered yet"', async ({
    page,
  }) => {
    await page.goto('/neural-networks/');
    const items = page.locator('.question-list li');
    expect(await items.count()).toBe(134);
    await expect(page.locator('#nn-011 a')).toHaveAttribute(
      'href',
      /linear-layers-and-relu\/#nn-011$/,
    );
    const cov = coverage();
    const unanswered = cov.missing.filter((id) => id.startsWith('nn-'));
    await expect(page.locator('.question-list .unanswered')).toHaveCount(unanswered.length);
    if (unanswered.length)
      await expect(page.locator(`[id="${unanswered[0]}"]`)).toContainText('Not answered yet.');
    await expect(page.locator('#nn-011')).not.toContainText('Not answered yet.');
  });
});
