import {
  cancelWhile,
  expect,
  expectNoLeak,
  pressRun,
  refusesAndFails,
  runDemo,
  test,
} from './fixtures.ts';
import type { Page } from '@playwright/test';

const BASE = '/neural-networks/regularisation/';
const PAGES = [
  'overview',
  'norm-penalties',
  'l1-l2-linear-regression',
  'data-augmentation',
  'label-smoothing',
  'multitask-learning',
  'early-stopping',
  'bagging',
  'dropout-as-ensemble',
  'dropout-at-inference',
  'overfit-first',
];

/** Numbers in a text, in order. */
const numbers = (s: string | null) => (s ?? '').match(/-?\d+(\.\d+)?(e-?\d+)?/g)!.map(Number);

async function set(page: Page, demo: string, values: Record<string, string>) {
  const root = page.locator(`[data-demo="${demo}"]`);
  for (const [name, value] of Object.entries(values)) {
    const el = root.locator(`[name="${name}"]`);
    if ((await el.evaluate((e) => e.tagName)) === 'SELECT') await el.selectOption(value);
    else await el.fill(value);
  }
  return root;
}

test('every regularisation page renders maths, question boxes and resolved citations', async ({
  page,
  consoleErrors,
  outside,
}, info) => {
  test.skip(info.project.name === 'webgpu', 'static content: checking it once is enough');
  for (const slug of PAGES) {
    await page.goto(BASE + slug + '/');
    await expect(page.locator('.question-box').first()).toBeVisible();
    await expect(page.locator('.katex').first()).toBeAttached();
    expect(await page.locator('.csl-entry').count(), slug).toBeGreaterThanOrEqual(2);
  }
  expect(consoleErrors).toEqual([]);
  expect(outside).toEqual([]);
});

test('L1 vs L2: ridge gradient descent meets its closed form, ISTA finds exact zeros, subgradient does not; cancel', async ({
  page,
  consoleErrors,
}) => {
  await page.goto(BASE + 'l1-l2-linear-regression/');
  await set(page, 'reg-penalty-paths', { steps: '30' });
  const demo = await runDemo(page, 'reg-penalty-paths');
  await expect(demo.locator('[data-out="ridge-chart"] .uplot')).toBeVisible();
  await expect(demo.locator('[data-out="lasso-chart"] .uplot')).toBeVisible();
  const s = (await demo.locator('[data-out=summary]').textContent())!;
  const m =
    /within ([\d.e-]+) of the closed form; ISTA is within ([\d.e-]+) of coordinate descent with (\d+) exact zeros \(reference: (\d+)\); subgradient descent leaves (\d+) exact zeros/.exec(
      s,
    )!;
  expect(Number(m[1])).toBeLessThan(1e-2);
  expect(Number(m[2])).toBeLessThan(1e-2);
  expect(Number(m[3])).toBe(Number(m[4]));
  expect(Number(m[4])).toBeGreaterThanOrEqual(3);
  expect(Number(m[5])).toBe(0);
  await expectNoLeak(demo);
  // Cancel mid-fit.
  await set(page, 'reg-penalty-paths', { steps: '2000' });
  await cancelWhile(demo, 'Fitting');
  expect(consoleErrors).toEqual([]);
});

test('weight decay: the unused weight shrinks by exactly 1 − ηα per step; a too-large η is refused', async ({
  page,
  consoleErrors,
}) => {
  await page.goto(BASE + 'norm-penalties/');
  await set(page, 'reg-weight-decay', { lr: '0.6' });
  const demo = await runDemo(page, 'reg-weight-decay', /failed/);
  await expect(demo.locator('[data-role=status]')).toContainText('too large');
  await set(page, 'reg-weight-decay', { lr: '0.2', steps: '12' });
  await runDemo(page, 'reg-weight-decay');
  const s = (await demo.locator('[data-out=summary]').textContent())!;
  const [ratio, factor] = /multiplied by ([\d.]+) per step \(1 − ηα = ([\d.]+)\)/
    .exec(s)!
    .slice(1)
    .map(Number);
  expect(Math.abs(ratio! - factor!)).toBeLessThan(1e-5);
  const gap = Number(/gap to \(1 − ηα\)\^t over 12 steps is ([\d.e-]+)/.exec(s)![1]);
  expect(gap).toBeLessThan(1e-5);
  await expectNoLeak(demo);
  expect(consoleErrors).toEqual([]);
});

test('label smoothing: bad input refused; cancel; finite logit gap at the closed form; MNIST comparison table and reliability diagram', async ({
  page,
  consoleErrors,
}) => {
  await page.goto(BASE + 'label-smoothing/');
  const demo = await set(page, 'reg-label-smoothing', { epochs: '0' });
  await refusesAndFails(demo, 'Epochs must be');
  // Cancel within the first (one-example) phase.
  await set(page, 'reg-label-smoothing', { epochs: '3', gapSteps: '1000' });
  await cancelWhile(demo, 'One example');
  await set(page, 'reg-label-smoothing', {
    eps: '0.1',
    n: '200',
    test: '500',
    epochs: '2',
    gapSteps: '40',
  });
  await runDemo(page, 'reg-label-smoothing');
  const g = numbers(await demo.locator('[data-out=gap]').textContent());
  // "After 40 steps the hard-target gap is A … the smoothed gap is B, against the closed-form optimum C."
  const [, hard, , smooth, best] = g as [number, number, number, number, number];
  expect(hard).toBeGreaterThan(best);
  expect(Math.abs(smooth - best)).toBeLessThan(0.05);
  const rows = demo.locator('[data-out=table] tbody tr');
  await expect(rows).toHaveCount(7);
  // After a few steps on 200 images both networks are well above chance; numbers are percentages in range.
  // (That smoothing lowers confidence after full training is asserted in the unit tests.)
  for (const row of [1, 2, 4])
    numbers(await rows.nth(row).textContent()).forEach((v) =>
      expect(v >= 0 && v <= 100).toBe(true),
    );
  numbers(await rows.nth(1).textContent()).forEach((acc) => expect(acc).toBeGreaterThan(20));
  await expect(demo.locator('[data-out=reliability] canvas')).toHaveCount(2);
  await expectNoLeak(demo);
  expect(consoleErrors).toEqual([]);
});

test('label smoothing: Cancel keeps the completed parts, marked as partial, and frees every tensor', async ({
  page,
  consoleErrors,
}) => {
  await page.goto(BASE + 'label-smoothing/');
  const settings = { eps: '0.1', n: '200', test: '500', epochs: '100', gapSteps: '5' };
  const demo = await set(page, 'reg-label-smoothing', settings);
  const head = demo.locator('[data-out=table] thead th');
  const summary = demo.locator('[data-out=summary]');
  const status = demo.locator('[data-role=status]');
  // Cancel in the second (smoothed) arm after it completed a few epochs: the hard-target column is
  // whole, the smoothed one says how far it got.
  await pressRun(demo);
  await expect(status).toContainText(/Training with smoothed, ε = 0\.1: epoch ([3-9]|\d\d)\//, {
    timeout: 120_000,
  });
  await demo.locator('[data-role=cancel]').click();
  await expect(demo).toHaveAttribute('data-state', 'cancelled');
  await expect(head).toHaveCount(3);
  await expect(head.nth(1)).toHaveText('hard targets');
  const partial = (await head.nth(2).textContent())!;
  const [, done] = partial.match(/^smoothed, ε = 0\.1 \(partial: (\d+) of 100 epochs\)$/)!;
  expect(Number(done)).toBeGreaterThanOrEqual(2);
  expect(Number(done)).toBeLessThan(100);
  await expect(demo.locator('[data-out=table] tbody tr').first().locator('td')).toHaveCount(2);
  await expect(summary).toContainText(`smoothed, ε = 0.1: ${done} of 100 epochs`);
  await expect(summary).toContainText('hard targets: 100 of 100 epochs');
  await expect(demo.locator('[data-out=reliability] canvas')).toHaveCount(2);
  await expect(demo.locator('[data-out=gap]')).toContainText('closed-form optimum');
  await expectNoLeak(demo);
  // Cancel in the first arm: only its (partial) column, and the second arm reported as not trained.
  await pressRun(demo);
  await expect(status).toContainText(/Training with hard targets: epoch ([3-9]|\d\d)\//, {
    timeout: 120_000,
  });
  await demo.locator('[data-role=cancel]').click();
  await expect(demo).toHaveAttribute('data-state', 'cancelled');
  await expect(head).toHaveCount(2);
  await expect(head.nth(1)).toContainText(/^hard targets \(partial: \d+ of 100 epochs\)$/);
  await expect(summary).toContainText('smoothed, ε = 0.1: not trained');
  await expectNoLeak(demo);
  expect(consoleErrors).toEqual([]);
});

test('early stopping: live curve, patience counter, best weights restored; cancel', async ({
  page,
  consoleErrors,
}) => {
  await page.goto(BASE + 'early-stopping/');
  await set(page, 'reg-early-stopping', { n: '200', epochs: '2', patience: '1' });
  const demo = await runDemo(page, 'reg-early-stopping');
  await expect(demo.locator('[data-out=chart] .uplot')).toBeVisible();
  await expect(demo.locator('[data-out=monitor]')).toContainText('Epoch 2');
  const s = (await demo.locator('[data-out=summary]').textContent())!;
  expect(s).toMatch(/of 200 training labels were wrong/);
  const [best, last] = /test digits\): ([\d.]+) % with the restored best weights, ([\d.]+) %/
    .exec(s)!
    .slice(1)
    .map(Number);
  expect(best!).toBeGreaterThan(20);
  expect(last!).toBeGreaterThan(10);
  expect(best!).toBeLessThanOrEqual(100);
  await expectNoLeak(demo);
  await set(page, 'reg-early-stopping', { epochs: '100' });
  // Any epoch in progress will do: on a fast backend one epoch lasts less than Playwright's poll.
  await cancelWhile(demo, /Epoch \d+\/100/);
  expect(consoleErrors).toEqual([]);
});

test('bagging: simulation matches v/k + (k−1)c/k; real networks decompose exactly; cancel works', async ({
  page,
  consoleErrors,
}) => {
  await page.goto(BASE + 'bagging/');
  await set(page, 'reg-bagging', { members: '2', epochs: '2' });
  const demo = await runDemo(page, 'reg-bagging');
  const z = Number(
    /within ([\d.]+) standard errors/.exec(
      (await demo.locator('[data-out=sim]').textContent())!,
    )![1],
  );
  expect(z).toBeLessThan(4.5);
  const rows = demo.locator('[data-out=table] tbody tr');
  const formula = numbers(await rows.nth(4).textContent()).slice(-2);
  const measured = numbers(await rows.nth(5).textContent());
  formula.forEach((f, i) => expect(Math.abs(f - measured[i]!)).toBeLessThan(2e-5));
  await expectNoLeak(demo);
  await set(page, 'reg-bagging', { members: '10', epochs: '500' });
  await cancelWhile(demo, 'network 1/10');
  expect(consoleErrors).toEqual([]);
});

test('subnetworks: 16 drawn for 2-2-1, weight scaling exact for linear units and approximate for ReLU', async ({
  page,
  consoleErrors,
}) => {
  await page.goto(BASE + 'dropout-as-ensemble/');
  await set(page, 'reg-subnetworks', { act: 'linear' });
  const demo = await runDemo(page, 'reg-subnetworks');
  await expect(demo.locator('[data-out=grid] svg')).toHaveCount(16);
  await expect(demo.locator('[data-out=count]')).toContainText('of which 9');
  await expect(demo.locator('[data-out=summary]')).toContainText('reproduces the arithmetic mean');
  await set(page, 'reg-subnetworks', { act: 'relu', output: 'softmax', net: '3-2' });
  await runDemo(page, 'reg-subnetworks');
  await expect(demo.locator('[data-out=grid] svg')).toHaveCount(32);
  await expect(demo.locator('[data-out=summary]')).toContainText('approximation');
  await set(page, 'reg-subnetworks', { pin: '1.5' });
  await runDemo(page, 'reg-subnetworks', /failed/);
  await expect(demo.locator('[data-role=status]')).toContainText('Keep probabilities');
  await expectNoLeak(demo);
  expect(consoleErrors).toEqual([]);
});

test('weight scaling vs inverted dropout: Monte Carlo means agree with the test-time rules', async ({
  page,
  consoleErrors,
}) => {
  await page.goto(BASE + 'dropout-at-inference/');
  await set(page, 'reg-dropout-scaling', { samples: '1000', keep: '0.8' });
  const demo = await runDemo(page, 'reg-dropout-scaling');
  const s = (await demo.locator('[data-out=summary]').textContent())!;
  const [a, b, c] = /standard \+ weight scaling ([\d.]+), inverted ([\d.]+), tf\.dropout ([\d.]+)/
    .exec(s)!
    .slice(1)
    .map(Number);
  [a, b, c].forEach((v) => expect(v!).toBeLessThan(5));
  expect(Number(/ratio ([\d.]+)/.exec(s)![1])).toBeCloseTo(0.8, 3);
  await expect(demo.locator('[data-out=table] tbody tr')).toHaveCount(4);
  await expectNoLeak(demo);
  expect(consoleErrors).toEqual([]);
});

test('overfit first: the correct pipeline fits the batch; the double-softmax bug stays above log(1 + 9/e)', async ({
  page,
  consoleErrors,
}) => {
  await page.goto(BASE + 'overfit-first/');
  await set(page, 'reg-overfit-batch', { batch: '8', steps: '15' });
  const demo = await runDemo(page, 'reg-overfit-batch');
  const s = (await demo.locator('[data-out=summary]').textContent())!;
  const ok = /Correct pipeline: loss [\d.]+ → ([\d.e-]+)/.exec(s)!;
  const bad = /Double softmax: loss [\d.]+ → ([\d.]+), stuck above ([\d.]+)/.exec(s)!;
  expect(Number(ok[1])).toBeLessThan(0.2);
  expect(Number(bad[1])).toBeGreaterThanOrEqual(Number(bad[2]) - 1e-3);
  await expect(demo.locator('[data-out=chart] .uplot')).toBeVisible();
  await expectNoLeak(demo);
  // Cancel during training.
  await set(page, 'reg-overfit-batch', { steps: '1000' });
  await cancelWhile(demo, 'Correct model: step');
  expect(consoleErrors).toEqual([]);
});
