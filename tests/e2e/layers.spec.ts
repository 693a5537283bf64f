import {
  expect,
  expectNoLeak,
  openDemo,
  pageWithDemo,
  refuses,
  runDemo,
  test,
} from './fixtures.ts';
import { runShortResidual, startLongResidual } from './residual-demo.ts';

/** Layers, topologies and blocks (nn-035 … nn-055): every demo runs on this project's backend, frees its tensors, and prints the stated numbers. */

const num = (text: string, re: RegExp) => Number(re.exec(text)![1]);

test('conv size calculator: formula = tfjs layers, bad input refused', async ({
  page,
  consoleErrors,
}) => {
  await page.goto(pageWithDemo('layers-conv-size'));
  await expect(page.locator('.katex').first()).toBeVisible();
  const demo = await runDemo(page, 'layers-conv-size');
  await expect(demo.locator('[data-out=formula]')).toContainText('= 112, so the output is 112×112');
  await expect(demo.locator('[data-out=tfjs]')).toContainText('Both agree with the formula');
  const grid = (await demo.locator('[data-out=grid]').textContent())!;
  const [, ok, all] = /(\d+) of (\d+) tfjs output sizes equal/.exec(grid)!;
  expect(ok).toBe(all);
  await expectNoLeak(demo);
  await demo.locator('[name=n]').fill('3');
  await demo.locator('[name=p]').fill('0');
  await refuses(demo, 'does not fit');
  expect(consoleErrors).toEqual([]);
});

test('VGG11 features: shapes of the three inputs, and features[:3] run for real', async ({
  page,
  consoleErrors,
}) => {
  const demo = await openDemo(page, 'layers-vgg11');
  // The whole extractor's forward pass takes about a minute on SwiftShader: shapes, plus a real features[:3] run, suffice here.
  await demo.locator('[name=forward]').selectOption('0');
  await runDemo(page, 'layers-vgg11');
  const last = demo.locator('[data-out=table] tbody tr').last();
  await expect(last).toContainText('MaxPool2d');
  await expect(last).toContainText('(1, 512, 7, 7)');
  await expect(last).toContainText('(1, 512, 16, 16)');
  await expect(last).toContainText('(1, 512, 22, 32)');
  await expect(demo.locator('[data-out=slice]')).toContainText(
    '(1, 64, 112, 112), (1, 64, 256, 256), (1, 64, 352, 512)',
  );
  await expect(demo.locator('[data-out=slice]')).toContainText(
    'random (1, 3, 224, 224) image gives (1, 64, 112, 112)',
  );
  await expect(demo.locator('[data-out=forward]')).toContainText('No forward pass');
  await expectNoLeak(demo);
  expect(consoleErrors).toEqual([]);
});

test('worked conv → ReLU → pool: exact numbers; ragged matrix refused', async ({
  page,
  consoleErrors,
}) => {
  await page.goto(pageWithDemo('layers-worked'));
  const demo = await runDemo(page, 'layers-worked');
  await expect(demo.locator('[data-out=conv] tr').first()).toHaveText('2520-22-25');
  await expect(demo.locator('[data-out=pool]')).toHaveText('250230');
  await expect(demo.locator('[data-out=pool2]')).toHaveText('6834');
  await expect(demo.locator('[data-out=check]')).toContainText('0 (identical)');
  await expectNoLeak(demo);
  await demo.locator('[name=filter]').fill('1 0\n1');
  await refuses(demo, "filter's row 2 has 1 entries");
  expect(consoleErrors).toEqual([]);
});

test('MaxPool module: shapes, two pools = one 4×4 pool, and the "same"-padding counterexample', async ({
  page,
  consoleErrors,
}) => {
  const demo = await openDemo(page, 'layers-maxpool');
  await demo.locator('[name=n]').selectOption('30');
  await runDemo(page, 'layers-maxpool');
  await expect(demo.locator('[data-out=shapes]')).toContainText('(1, 32, 28, 28)');
  await expect(demo.locator('[data-out=shapes]')).toContainText('(1, 1568)');
  await expect(demo.locator('[data-out=equal]')).toContainText('bit-identical');
  await expect(demo.locator('[data-out=compose]')).toContainText('5 of 5 sizes identical');
  await expect(demo.locator('[data-out=compose]')).toContainText('222');
  await expectNoLeak(demo);
  expect(consoleErrors).toEqual([]);
});

test('dropout: Beta posterior with Monte Carlo, two dropouts = one, 1/(1 − p), order', async ({
  page,
  consoleErrors,
}) => {
  const post = await openDemo(page, 'layers-dropout-posterior');
  await post.locator('[name=samples]').selectOption('20000');
  await runDemo(page, 'layers-dropout-posterior');
  await expect(post.locator('[data-out=summary]')).toContainText(
    'Beta(5, 1): mean 0.8333, mode 1.0000',
  );
  const mc = (await post.locator('[data-out=mc]').textContent())!;
  expect(Math.abs(num(mc, /rate ([\d.]+)/) - 0.2)).toBeLessThan(0.02);
  expect(Math.abs(num(mc, /mean of the kept θ ([\d.]+)/) - 5 / 6)).toBeLessThan(0.02);
  await expect(post.locator('.uplot')).toHaveCount(1);
  await expectNoLeak(post);

  const st = page.locator('[data-demo="layers-dropout-stack"]');
  await st.locator('[name=samples]').selectOption('20000');
  await runDemo(page, 'layers-dropout-stack');
  const rows = st.locator('[data-out=stack] tbody tr');
  for (const i of [0, 1]) {
    const cells = await rows.nth(i).locator('td').allTextContents();
    expect(Math.abs(Number(cells[1]) - 0.4)).toBeLessThan(0.03);
    expect(cells[4]).toBe('2.5000');
  }
  const scale = await st.locator('[data-out=scale] tbody tr').allTextContents();
  expect(scale[1]).toMatch(/inverted dropout\)(0\.9[5-9]|1\.0[0-4])/);
  expect(scale[3]).toContain('0.2500');
  const order = await st.locator('[data-out=order] tbody tr').allTextContents();
  expect(order[0]).toMatch(/ReLU0yes/);
  expect(order[3]).toMatch(/sigmoid0\.50+no/);
  await expectNoLeak(st);
  await st.locator('[name=P]').fill('1');
  await refuses(st, 'refuses a rate of 1');
  expect(consoleErrors).toEqual([]);
});

test('normalisation: weight-norm gradients, per-channel BN, the 32-vs-64 bug, variance shift', async ({
  page,
  consoleErrors,
}) => {
  await page.goto(pageWithDemo('layers-batchnorm'));
  const wn = await runDemo(page, 'layers-weight-norm');
  const text = (await wn.locator('[data-out=result]').textContent())!;
  expect(num(text, /agree to ([\d.e-]+) \(for g\)/)).toBeLessThan(1e-4);
  expect(num(text, /and ([\d.e-]+) \(for v\)/)).toBeLessThan(1e-4);
  await expectNoLeak(wn);
  const bn = await runDemo(page, 'layers-batchnorm');
  await expect(bn.locator('[data-out=bug]')).toContainText(
    'expected axis 3 of input shape to have value 32 but got shape 1,34,34,64',
  );
  await expect(bn.locator('[data-out=bug]')).toContainText('returns (1, 64, 34, 34)');
  const vars = await bn.locator('[data-out=channels] tbody tr').allTextContents();
  expect(vars).toHaveLength(3);
  const shift = (await bn.locator('[data-out=shift]').textContent())!;
  expect(Math.abs(num(shift, /std at ([\d.]+)/) - 0.577)).toBeLessThan(0.02);
  await expectNoLeak(bn);
  expect(consoleErrors).toEqual([]);
});

test('normal density: autodiff equals the closed-form derivative', async ({
  page,
  consoleErrors,
}) => {
  await page.goto(pageWithDemo('layers-gaussian'));
  const demo = await runDemo(page, 'layers-gaussian');
  const text = (await demo.locator('[data-out=check]').textContent())!;
  expect(num(text, /autodiff derivative within ([\d.e-]+)/)).toBeLessThan(1e-5);
  await expect(demo.locator('[data-out=check]')).toContainText('steepest slope at x = -1.000');
  await expect(demo.locator('.uplot')).toHaveCount(1);
  await expectNoLeak(demo);
  await demo.locator('[name=sigma]').fill('0');
  await refuses(demo, 'σ must be positive');
  expect(consoleErrors).toEqual([]);
});

test('residual blocks: exact identity, residual beats plain; cancel frees every tensor', async ({
  page,
  consoleErrors,
}) => {
  const demo = await runShortResidual(page);
  await expect(demo.locator('[data-out=zero]')).toContainText('max |y − x| = 0)');
  const fit = (await demo.locator('[data-out=fit]').textContent())!;
  expect(num(fit, /residual stack ([\d.e-]+)/)).toBeLessThan(num(fit, /plain stack ([\d.e-]+)/));
  await expectNoLeak(demo);
  await startLongResidual(demo);
  await demo.locator('[data-role=cancel]').click();
  await expect(demo).toHaveAttribute('data-state', 'cancelled');
  await expectNoLeak(demo);
  expect(consoleErrors).toEqual([]);
});
