import { expect, expectNoLeak, runDemo, test } from './fixtures.ts';

/** A first visit: the first screen shows something runnable and leads on to a good first page. */
test.describe('reader on the home page', () => {
  test.use({ viewport: { width: 1366, height: 768 } });
  test.beforeEach(({}, info) =>
    test.skip(info.project.name !== 'no-webgpu', 'a light demo: the fallback backend is enough'),
  );

  test('a live demo is on the first screen, runs, and "Next" leads to the recommended first page', async ({
    page,
  }) => {
    await page.goto('/');
    const demo = page.locator('[data-demo]').first();
    await expect(demo.locator('[data-role=run]')).toBeInViewport();
    const name = (await demo.getAttribute('data-demo'))!;
    await expectNoLeak(await runDemo(page, name));
    const next = page.locator('.pagination-links a[rel="next"]');
    await expect(next).toHaveAttribute(
      'href',
      /\/neural-networks\/perceptron\/linear-layers-and-relu\/$/,
    );
    await next.click();
    await expect(page.locator(`[data-demo="${name}"]`)).toHaveCount(1);
  });
});
