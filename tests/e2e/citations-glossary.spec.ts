/**
 * Citation previews and glossary links: hovering or focusing an in-text citation shows its reference
 * (also at phone width, inside the viewport); the first use of a key term links to its glossary entry.
 * No request leaves the site.
 */
import { expect, test } from './fixtures.ts';

const PAGE = '/neural-networks/perceptron/hidden-node-by-hand/';

test('a citation shows its reference on hover and on keyboard focus', async ({
  page,
  consoleErrors,
  outside,
}) => {
  await page.goto(PAGE);
  const link = page.locator('.sl-markdown-content a[href="#bib-maas2013rectifier"]').first();
  const tip = page.locator(`#${await link.getAttribute('aria-describedby')}`);
  await expect(tip).toHaveAttribute('role', 'tooltip');
  await expect(tip).toBeHidden();
  const entry = (await page.locator('#bib-maas2013rectifier').textContent())!
    .replace(/\s+/g, ' ')
    .trim();
  await link.hover();
  await expect(tip).toBeVisible();
  await expect(tip).toHaveText(entry);
  await page.mouse.move(0, 0);
  await expect(tip).toBeHidden();
  await link.focus();
  await expect(tip).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(tip).toBeHidden();
  expect(consoleErrors).toEqual([]);
  expect(outside).toEqual([]);
});

test('Escape dismisses an open preview; focus stays on the citation; hovering or focusing it again shows it', async ({
  page,
  consoleErrors,
}) => {
  await page.goto(PAGE);
  const link = page.locator('.sl-markdown-content a[href="#bib-maas2013rectifier"]').first();
  const tip = page.locator(`#${await link.getAttribute('aria-describedby')}`);
  await link.focus();
  await expect(tip).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(tip).toBeHidden();
  await expect(link).toBeFocused();
  await expect(page).toHaveURL(new RegExp(`${PAGE}$`)); // nothing else reacted to the key
  // Focus leaves and comes back: the preview shows again.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Shift+Tab');
  await expect(link).toBeFocused();
  await expect(tip).toBeVisible();

  // The same by pointer: hover shows it, Escape hides it while the pointer stays, a new hover shows it.
  await link.blur();
  await expect(tip).toBeHidden();
  await link.hover();
  await expect(tip).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(tip).toBeHidden();
  await page.mouse.move(0, 0);
  await link.hover();
  await expect(tip).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

test('at phone width the preview stays on screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto(PAGE);
  const link = page.locator('.sl-markdown-content a[href^="#bib-"]').first();
  await link.focus();
  const tip = page.locator(`#${await link.getAttribute('aria-describedby')}`);
  await expect(tip).toBeVisible();
  const box = (await tip.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  expect(box.y + box.height).toBeLessThanOrEqual(800);
});

test('the first use of a key term links to its glossary entry, once per page', async ({
  page,
  consoleErrors,
}) => {
  await page.goto(PAGE);
  const terms = page.locator('.sl-markdown-content a.glossary-link');
  const hrefs = await terms.evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
  expect(hrefs.length).toBeGreaterThan(0);
  expect(new Set(hrefs).size).toBe(hrefs.length);
  const relu = page.locator('.sl-markdown-content a.glossary-link[href="/glossary/#relu"]');
  await expect(relu).toHaveCount(1);
  await relu.click();
  await expect(page).toHaveURL(/\/glossary\/#relu$/);
  await expect(page.locator('dt#relu')).toBeVisible();
  await expect(page.locator('dt#relu + dd')).toContainText('max(0, z)');
  // Every glossary link on the page points at an entry that exists.
  for (const h of hrefs) await expect(page.locator(`dt#${h.split('#')[1]}`)).toHaveCount(1);
  expect(consoleErrors).toEqual([]);
});
