import { cancelWhile, expect, expectNoLeak, pressRun, runDemo, test } from './fixtures.ts';

const PAGE = '/neural-networks/perceptron/linear-layers-and-relu/';

test('exemplary page: maths, citations and the live demo on the expected backend', async ({
  page,
  consoleErrors,
  outside,
}, info) => {
  await page.goto(PAGE);
  await expect(page.locator('.katex').first()).toBeVisible();
  // In-text citations link to entries of the reference list at the foot of the page.
  const cite = page.locator('a[href^="#bib-"]').first();
  await expect(cite).toBeVisible();
  const target = (await cite.getAttribute('href'))!.slice(1);
  await expect(page.locator(`[id="${target}"]`)).toHaveClass(/csl-entry/);
  expect(await page.locator('.csl-entry').count()).toBeGreaterThanOrEqual(5);

  const demo = await runDemo(page, 'linear-collapse');
  const badge = demo.locator('[data-role=badge]');
  if (info.project.name === 'webgpu') {
    await expect(badge).toHaveText(/^webgpu/);
    await expect(demo.locator('[data-role=note]')).toBeHidden();
  } else {
    await expect(badge).not.toHaveText(/webgpu/);
    await expect(demo.locator('[data-role=note]')).toContainText('webgpu unavailable');
  }
  // The numbers are computed, not typed: float32-level collapse error, and the ReLU net beats the linear model.
  await expect(demo.locator('[data-out=collapse]')).toContainText(
    /difference .* is (\d\.\d+e-\d+|0\.0000\d+)/,
  );
  const lin = Number(
    /accuracy ([\d.]+) %/.exec((await demo.locator('[data-out=lin-acc]').textContent())!)![1],
  );
  const relu = Number(
    /accuracy ([\d.]+) %/.exec((await demo.locator('[data-out=relu-acc]').textContent())!)![1],
  );
  expect(lin).toBeLessThan(75);
  expect(relu).toBeGreaterThan(90);
  await expectNoLeak(demo);
  expect(consoleErrors).toEqual([]);
  expect(outside).toEqual([]);
});

test('exemplary demo: cancel stops training and frees every tensor', async ({ page }) => {
  await page.goto(PAGE);
  const demo = page.locator('[data-demo="linear-collapse"]');
  await cancelWhile(demo, 'Training');
  // And it can run again afterwards.
  await pressRun(demo);
  await expect(demo).toHaveAttribute('data-state', 'done', { timeout: 150_000 });
  await expectNoLeak(demo);
});

test('?backend=cpu forces the cpu backend', async ({ page }) => {
  await page.goto(PAGE + '?backend=cpu');
  const demo = await runDemo(page, 'linear-collapse');
  await expect(demo.locator('[data-role=badge]')).toHaveText('cpu');
});

test('?backend=wasm runs the demo on WebAssembly with a thread per core, without hanging', async ({
  page,
}) => {
  test.skip(test.info().project.name === 'webgpu', 'backend forced: once is enough');
  await page.goto(PAGE + '?backend=wasm');
  const demo = await runDemo(page, 'linear-collapse');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  // The badge reports tfjs's own thread count (getThreadsCount), so this fails if tfjs shrank the pool.
  await expect(demo.locator('[data-role=badge]')).toHaveText(
    cores >= 2 ? `wasm · ${Math.min(8, cores)} threads · simd` : /^wasm · single-thread/,
  );
  await expectNoLeak(demo);
});

test('when the threaded wasm build cannot start, wasm runs single-threaded (not cpu) and says why', async ({
  page,
}) => {
  test.skip(test.info().project.name === 'webgpu', 'backend forced: once is enough');
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  test.skip(cores < 2, 'one core: the threaded build is never asked for');
  await page.route('**/tfjs-backend-wasm-threaded-simd.wasm', (route) => route.abort());
  await page.goto(PAGE + '?backend=wasm');
  const demo = await runDemo(page, 'linear-collapse');
  await expect(demo.locator('[data-role=badge]')).toHaveText(/^wasm · single-thread/);
  await expect(demo.locator('[data-role=note]')).toContainText('wasm threads unavailable');
  await expectNoLeak(demo);
});

test('?threads=1 runs wasm single-threaded', async ({ page }) => {
  test.skip(test.info().project.name === 'webgpu', 'backend forced: once is enough');
  await page.goto(PAGE + '?backend=wasm&threads=1');
  const demo = await runDemo(page, 'linear-collapse');
  await expect(demo.locator('[data-role=badge]')).toHaveText(/^wasm · single-thread/);
});
