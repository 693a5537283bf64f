import type { Page } from '@playwright/test';
import { expect, expectNoLeak, pageWithDemo, pressRun, runDemo, test } from './fixtures.ts';

const PAGE = '/neural-networks/perceptron/linear-layers-and-relu/';

test.use({ serviceWorkers: 'allow' });

/**
 * Wait until the site's service worker controls the page: it claims the page when it activates, and
 * from then on sees every fetch.
 */
async function untilServiceWorkerControls(page: Page) {
  await page.waitForFunction(
    async () =>
      (await navigator.serviceWorker.ready) && navigator.serviceWorker.controller !== null,
    null,
    { timeout: 30_000 },
  );
}

test('a visited page and a demo that ran once work again with the network off', async ({
  page,
  context,
}) => {
  await page.goto(PAGE);
  await untilServiceWorkerControls(page);
  await page.reload();
  await runDemo(page, 'linear-collapse');

  await context.setOffline(true);
  try {
    await page.reload();
    await expect(page.locator('h1')).toBeVisible();
    await expect(page.locator('[data-demo="linear-collapse"]')).toHaveAttribute(
      'data-state',
      'idle',
    );
    const demo = await runDemo(page, 'linear-collapse');
    await expectNoLeak(demo);
    // A page never visited is not there offline: the browser's own offline error, not a stale page.
    const other = await page
      .goto('/neural-networks/regularisation/bagging/')
      .catch((e: Error) => e);
    expect(other instanceof Error || !other?.ok()).toBe(true);
  } finally {
    await context.setOffline(false);
  }
});

test('an MNIST run on 256 images works again offline: the loader kept the chunks it fetched', async ({
  page,
  context,
}) => {
  test.skip(test.info().project.name === 'webgpu', 'caching does not depend on the backend');
  await page.goto(pageWithDemo('lab-cnn'));
  await untilServiceWorkerControls(page);
  await page.reload();
  const demo = page.locator('[data-demo="lab-cnn"]');
  const small = async () => {
    await demo.locator('[name=n]').selectOption('256');
    await demo.locator('[name=test]').selectOption('500');
    await demo.locator('[name=epochs]').fill('1');
    await pressRun(demo);
    await expect(demo).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  };
  await small();
  await context.setOffline(true);
  try {
    await page.reload();
    await small();
    await expectNoLeak(demo);
  } finally {
    await context.setOffline(false);
  }
});
