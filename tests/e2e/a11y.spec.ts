import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures.ts';
import { renderEverything, sitemapPaths } from './reader-pages.ts';

/** axe over every page of the sitemap, in one browser page: no serious or critical violation. */
test.describe('accessibility', () => {
  test.beforeEach(({}, info) =>
    test.skip(info.project.name !== 'no-webgpu', 'backend-independent: run once'),
  );

  test('axe finds no serious or critical violation on any page', async ({ page }) => {
    test.setTimeout(900_000);
    const paths = sitemapPaths();
    expect(paths.length).toBeGreaterThan(50);
    await page.addInitScript(renderEverything);
    const found: string[] = [];
    for (const path of paths) {
      await page.goto(path);
      // Judge the page as a reader sees it: web fonts loaded, and the layout pass after them done.
      await page.evaluate(async () => {
        await document.fonts.ready;
        await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
      });
      // Legacy mode runs axe in this page (the default opens a helper page per run); only
      // violations are collected. Together about five times faster on KaTeX-heavy pages.
      const { violations } = await new AxeBuilder({ page })
        .setLegacyMode(true)
        .options({ resultTypes: ['violations'] })
        .analyze();
      for (const v of violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')) {
        found.push(
          `${path} ${v.id} (${v.impact}): ${v.nodes
            .slice(0, 3)
            .map((n) => n.target.join(' '))
            .join(' | ')}`,
        );
      }
    }
    expect(found).toEqual([]);
  });
});
