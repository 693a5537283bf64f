import { expect, test } from './fixtures.ts';
import { renderEverything, sitemapPaths } from './reader-pages.ts';

/** A reader on a 390 px phone: no page scrolls sideways, and the header's buttons stay on screen. */
test.describe('reader on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });
  test.beforeEach(({}, info) =>
    test.skip(info.project.name !== 'no-webgpu', 'backend-independent: run once'),
  );

  test('no page is wider than the screen; Search and Menu stay visible', async ({ page }) => {
    test.setTimeout(300_000);
    const paths = sitemapPaths();
    expect(paths.length).toBeGreaterThan(50);
    await page.addInitScript(renderEverything);
    const wide: string[] = [];
    for (const path of paths) {
      await page.goto(path, { waitUntil: 'domcontentloaded' });
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 390) {
        // Name the widest offender, so that a failure says what to fix.
        const culprit = await page.evaluate(() => {
          let worst = { right: 0, what: '' };
          for (const el of document.querySelectorAll<HTMLElement>('main *')) {
            const r = el.getBoundingClientRect().right;
            if (r > worst.right)
              worst = {
                right: Math.round(r),
                what: `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`,
              };
          }
          return worst;
        });
        wide.push(`${path} ${width}px (${culprit.what} ends at ${culprit.right}px)`);
      }
    }
    expect(wide).toEqual([]);
    for (const path of ['/', paths.at(-1)!]) {
      await page.goto(path);
      for (const button of [
        page.locator('site-search button[data-open-modal]'),
        page.locator('button[popovertarget="starlight__sidebar"]'),
      ]) {
        const box = (await button.boundingBox())!;
        expect(box.x + box.width, `${path}: header button on screen`).toBeLessThanOrEqual(390);
      }
    }
  });

  test('the phone menu opens with the current page in view', async ({ page }) => {
    const path = '/neural-networks/regularisation/label-smoothing/';
    await page.goto(path);
    await page.locator('button[popovertarget="starlight__sidebar"]').click();
    const current = page.locator('#starlight__sidebar [aria-current="page"]');
    await expect(current).toBeInViewport();
    await expect(current).toHaveAttribute('href', path);
  });
});
