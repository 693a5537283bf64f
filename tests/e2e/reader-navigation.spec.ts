import { expect, test } from './fixtures.ts';

/** Finding one's way on a desktop screen: the sidebar, "On this page" and the section names. */
test.describe('reader navigation', () => {
  test.use({ viewport: { width: 1366, height: 768 } });
  test.beforeEach(({}, info) =>
    test.skip(info.project.name !== 'no-webgpu', 'backend-independent: run once'),
  );

  test('the sidebar opens only the current group, shows the current page and its question ids', async ({
    page,
  }) => {
    const path = '/neural-networks/regularisation/label-smoothing/';
    await page.goto(path);
    const sidebar = page.locator('#starlight__sidebar');
    const current = sidebar.locator('[aria-current="page"]');
    await expect(current).toHaveAttribute('href', path);
    await expect(current).toBeInViewport();
    // Every open group contains the current page; every other group is closed.
    const groups = await sidebar.locator('details').evaluateAll((ds) =>
      ds.map((d) => ({
        open: (d as HTMLDetailsElement).open,
        current: !!d.querySelector('[aria-current="page"]'),
      })),
    );
    expect(groups.length).toBeGreaterThan(5);
    expect(groups.filter((g) => g.open !== g.current)).toEqual([]);
    // The link shows which questions the page answers (nn-… ids from its frontmatter).
    await expect(current.locator('.sl-badge')).toHaveText(/^nn-\d{3}/);
  });

  test('a page answering several questions lists each under "On this page", linked to its heading', async ({
    page,
  }) => {
    await page.goto('/neural-networks/perceptron/hidden-node-by-hand/');
    const boxes = await page
      .locator('.question-box h2')
      .evaluateAll((hs) => hs.map((h) => ({ id: h.id, text: h.textContent!.trim() })));
    expect(boxes.length).toBeGreaterThan(1);
    const toc = page.locator('starlight-toc nav');
    for (const box of boxes) await expect(toc.locator(`a[href="#${box.id}"]`)).toHaveText(box.text);
    // In document order: the question entries appear in the order of the boxes.
    const tocIds = await toc
      .locator('a[href^="#"]')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')!.slice(1)));
    expect(tocIds.filter((id) => boxes.some((b) => b.id === id))).toEqual(boxes.map((b) => b.id));
    await toc.locator(`a[href="#${boxes.at(-1)!.id}"]`).click();
    await expect(page.locator(`h2#${boxes.at(-1)!.id}`)).toBeInViewport();
  });

  test('question boxes name their section as the sidebar does', async ({ page }) => {
    await page.goto('/neural-networks/layers/residual-blocks/');
    const group = page.locator('#starlight__sidebar details[open] details[open] > summary').first();
    const label = (await group.textContent())!.trim();
    await expect(page.locator('.question-box__meta').first()).toContainText(label);
  });
});
