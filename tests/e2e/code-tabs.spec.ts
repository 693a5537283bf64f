import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

/** The text behind a download link: a file URL, or a data: URL where Vite inlined a small file. */
async function downloadText(page: Page, link: Locator): Promise<string> {
  const href = (await link.getAttribute('href'))!;
  return page.evaluate(async (h) => {
    const r = await fetch(h);
    if (!r.ok) throw new Error(`${h}: ${r.status}`);
    return r.text();
  }, href);
}

const TANH = '/neural-networks/perceptron/tanh-and-gradcheck/';

test.describe('code tabs (TypeScript beside its Python twin)', () => {
  test.beforeEach(({}, info) =>
    test.skip(info.project.name !== 'no-webgpu', 'backend-independent: run once'),
  );

  test('tabs switch by click and keyboard, show one listing at a time, and offer the .py for download', async ({
    page,
    consoleErrors,
  }) => {
    await page.goto(TANH);
    const tabs = page.locator('[data-code-tabs]').first();
    const list = tabs.getByRole('tablist');
    await expect(list).toBeVisible();
    const ts = list.getByRole('tab', { name: 'Runs here (TypeScript)' });
    const py = list.getByRole('tab', { name: 'PyTorch, verified in CI' });
    // This page opens on the Python tab.
    await expect(py).toHaveAttribute('aria-selected', 'true');
    const panels = tabs.getByRole('tabpanel');
    await expect(panels).toHaveCount(1); // hidden panels leave the accessibility tree
    await expect(panels.first()).toContainText('class TanhFunction(Function)');

    await py.focus();
    await page.keyboard.press('ArrowLeft');
    await expect(ts).toBeFocused();
    await expect(ts).toHaveAttribute('aria-selected', 'true');
    await expect(tabs.getByRole('tabpanel')).toContainText('export function tanhOp');
    await expect(py).toHaveAttribute('tabindex', '-1');
    await page.keyboard.press('End');
    await expect(py).toHaveAttribute('aria-selected', 'true');
    await ts.click();
    await expect(tabs.getByRole('tabpanel')).toContainText('tf.customGrad');

    await py.click();
    const link = tabs.getByRole('link', { name: 'Download tanh_function.py' });
    expect(await downloadText(page, link)).toContain('class TanhFunction(Function)');
    expect(consoleErrors).toEqual([]);
  });

  test('without JavaScript both listings are shown, each under its label', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(TANH);
    const tabs = page.locator('[data-code-tabs]').first();
    await expect(tabs.getByRole('tablist')).toBeHidden();
    await expect(tabs.getByText('class TanhFunction(Function)')).toBeVisible();
    await expect(tabs.getByText('export function tanhOp')).toBeVisible();
    await expect(tabs.locator('.code-tabs__caption')).toHaveText([
      'Runs here (TypeScript)',
      'PyTorch, verified in CI',
    ]);
    await context.close();
  });

  test('a twin that imports other python/ files links them for download too', async ({ page }) => {
    await page.goto('/deep-learning/dl-51-network-from-scratch/');
    await page
      .locator('[data-code-tabs]')
      .getByRole('tab', { name: 'NumPy, verified in CI' })
      .click();
    const needed = page.locator('[data-code-tabs]').getByRole('link', { name: 'mnist_idx.py' });
    await expect(needed).toHaveCount(1);
    expect(await downloadText(page, needed)).toContain('def load_mnist');
  });
});
