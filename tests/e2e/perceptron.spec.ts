import {
  cancelWhile,
  expect,
  expectNoLeak,
  openDemo,
  pageWithDemo,
  pressRun,
  refuses,
  runDemo,
  test,
} from './fixtures.ts';

test('activation lab: plots, hand vs autodiff derivative agree, bad range refused', async ({
  page,
  consoleErrors,
}) => {
  const demo = await openDemo(page, 'activation-lab');
  await demo.locator('[name=range]').fill('0');
  await refuses(demo, 'The range must be a number between 0.5 and 50');
  await demo.locator('[name=range]').fill('5');
  // Picking a function sets its own parameter: leaky ReLU must not default to slope 1 (the identity).
  await demo.locator('[name=fn]').selectOption('leaky-relu');
  await expect(demo.locator('[name=p]')).toHaveValue('0.1');
  await demo.locator('[name=fn]').selectOption('relu');
  await expect(demo.locator('[name=p]')).toBeDisabled();
  for (const fn of ['swish', 'sigmoid-approx']) {
    await demo.locator('[name=fn]').selectOption(fn);
    await pressRun(demo);
    await expect(demo).toHaveAttribute('data-state', 'done');
    const gap = Number(
      /differ by at most ([\d.e-]+)/.exec(
        (await demo.locator('[data-out=check]').textContent())!,
      )![1],
    );
    expect(gap).toBeLessThan(1e-3);
    await expect(demo.locator('.uplot')).toHaveCount(1);
    await expectNoLeak(demo);
  }
  expect(consoleErrors).toEqual([]);
});

test('gradient-check lab: correct backward passes pass, broken ones fail, on the active backend', async ({
  page,
}) => {
  const demo = await openDemo(page, 'gradcheck-lab');
  for (const op of ['tanh', 'sigmoid-approx']) {
    await demo.locator('[name=op]').selectOption(op);
    await demo.locator('[name=broken]').setChecked(false);
    await runDemo(page, 'gradcheck-lab');
    await expect(demo.locator('[data-role=status]')).toContainText(
      'Correct backward pass: float64 check passes, float32 check passes',
    );
    await demo.locator('[name=broken]').setChecked(true);
    await runDemo(page, 'gradcheck-lab');
    await expect(demo.locator('[data-role=status]')).toContainText(
      'Broken backward pass: float64 check fails, float32 check fails',
    );
    await expectNoLeak(demo);
  }
});

test('perceptron numbers: the 2-3-2 MLP values equal the closed form', async ({ page }) => {
  await page.goto(pageWithDemo('perceptron-mlp'));
  const demo = await runDemo(page, 'perceptron-mlp');
  const text = (await demo.locator('[data-out=result]').textContent())!;
  // H3 with the code's bias 0.002: 0.37·0.9 + 0.47·0.7 + 0.002 = 0.664; γ1 = 0.59·0.664.
  expect(text).toContain((0.37 * 0.9 + 0.47 * 0.7 + 0.002).toFixed(6));
  expect(text).toContain((0.59 * 0.664).toFixed(6));
  const p1 = 1 / (1 + Math.exp(-(0.59 + 0.79) * 0.664));
  expect(text).toContain(p1.toFixed(6));
  await expectNoLeak(demo);
});

test('XOR lab: seed 1 solves XOR; cancelling frees every tensor', async ({ page }) => {
  await page.goto(pageWithDemo('xor-lab'));
  const demo = await runDemo(page, 'xor-lab');
  await expect(demo.locator('[data-out=table]')).toContainText('✓ solved');
  await expectNoLeak(demo);
  await demo.locator('[name=seeds]').selectOption('1-6');
  await cancelWhile(demo, /Seed \d: step/);
});

test('from-scratch network: hand-written gradients match tfjs autodiff and it learns', async ({
  page,
}) => {
  await page.goto(pageWithDemo('scratch-net'));
  const demo = await runDemo(page, 'scratch-net');
  const text = (await demo.locator('[data-out=check]').textContent())!;
  expect(Number(/max difference ([\d.e-]+)/.exec(text)![1])).toBeLessThan(1e-4);
  expect(Number(/training accuracy ([\d.]+) %/.exec(text)![1])).toBeGreaterThan(85);
  await expectNoLeak(demo);
});
