import { expect, test } from './fixtures.ts';

/** The heaviest page (mostly KaTeX): a bounded number of elements, and off-screen maths not rendered at load. */
test.describe('page weight', () => {
  test.beforeEach(({}, info) =>
    test.skip(info.project.name !== 'no-webgpu', 'backend-independent: run once'),
  );

  test('the hand-worked MLP page stays under 9,000 elements and skips rendering what is off screen', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 412, height: 823 });
    await page.goto('/neural-networks/perceptron/hidden-node-by-hand/');
    const count = await page.evaluate(() => document.getElementsByTagName('*').length);
    // About 8,200 today: KaTeX 4,600 (visible HTML 3,200, MathML 1,400), highlighted listings 2,400,
    // sidebar 500. A guard against growth, not a target.
    expect(count).toBeLessThan(9_000);
    // A block's contents (its first child) count as invisible while the browser skips rendering them.
    const blocks = page.locator(
      '.sl-markdown-content > :is(p, ul, ol, .katex-display, .expressive-code, .code-tabs):has(> *)',
    );
    const rendered = await blocks.evaluateAll((els) =>
      els.map((e) => e.firstElementChild!.checkVisibility({ contentVisibilityAuto: true })),
    );
    expect(rendered.length).toBeGreaterThan(10);
    // Most blocks are far below the first screen, so the browser has not rendered them yet …
    expect(rendered.filter((r) => !r).length).toBeGreaterThan(rendered.length / 2);
    // … and scrolling to the last display formula renders it.
    const last = page.locator('.sl-markdown-content > .katex-display').last();
    await last.scrollIntoViewIfNeeded();
    await expect
      .poll(() =>
        last.evaluate((e) => e.firstElementChild!.checkVisibility({ contentVisibilityAuto: true })),
      )
      .toBe(true);
  });
});
