import { expect, test } from './fixtures.ts';

/** Search as a reader uses it: quick typing on a first visit, and excerpts that read as prose. */
test.describe('reader search', () => {
  test.beforeEach(({}, info) =>
    test.skip(info.project.name !== 'no-webgpu', 'backend-independent: run once'),
  );

  test('a query typed before the search interface has loaded is kept and answered', async ({
    page,
  }) => {
    // A slow first visit: hold back the search interface's script for a second and a half.
    await page.route(/\/_astro\/ui-core\.[^/]*\.js$/, async (route) => {
      await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
    await page.goto('/lab/');
    await page.locator('site-search button[data-open-modal]').click();
    await page.waitForTimeout(400);
    await page.keyboard.type('dropout');
    const input = page.locator('#starlight__search .pagefind-ui__search-input');
    await expect(input).toHaveValue('dropout', { timeout: 15_000 });
    await expect(input).toBeFocused();
    await expect(page.locator('.pagefind-ui__result').first()).toBeVisible();
  });

  test('excerpts show a formula once and no code, and do not repeat the page title', async ({
    page,
  }) => {
    await page.goto('/lab/');
    await page.locator('site-search button[data-open-modal]').click();
    const input = page.locator('#starlight__search .pagefind-ui__search-input');
    await input.fill('hidden node weighted sum');
    const results = page.locator('.pagefind-ui__result');
    await expect(results.first()).toBeVisible();
    const first = results.first();
    // Pagefind draws a result as an empty placeholder first; an empty title would prefix anything.
    await expect(first.locator('.pagefind-ui__result-title').first()).not.toBeEmpty();
    await expect(first.locator('.pagefind-ui__result-excerpt').first()).not.toBeEmpty();
    const title = (await first.locator('.pagefind-ui__result-title').first().textContent())!.trim();
    const excerpts = (await page.locator('.pagefind-ui__result-excerpt').allTextContents()).join(
      ' ',
    );
    expect(excerpts).not.toContain('\\'); // no TeX source (\theta, \sum …)
    expect(excerpts).not.toMatch(/import |=>|\bconst /); // no code
    expect(
      (await first.locator('.pagefind-ui__result-excerpt').first().textContent())!.startsWith(
        title,
      ),
    ).toBe(false);
  });
});
