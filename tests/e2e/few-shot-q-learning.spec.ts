/**
 * dl-44/dl-45 few-shot demo: a prototypical network trained on MNIST digits 0–4 classifies digits 5–9
 * from k = 1 and 5 examples. Tiny settings on both projects (webgpu on SwiftShader, and the fallback);
 * the fallback project also checks the bad-input message and Cancel. Every run must free its tensors.
 */
import type { Locator } from '@playwright/test';
import {
  cancelWhile,
  expect,
  expectNoLeak,
  openDemo,
  refuses,
  refusesAndFails,
  runDemo,
  test,
} from './fixtures.ts';

const pct = (s: string) => Number(/([\d.]+) ±/.exec(s)![1]);

async function cells(demo: Locator, row: number): Promise<string[]> {
  return demo.locator('[data-out=table] tbody tr').nth(row).locator('td').allTextContents();
}

test('dl-44 few-shot: prototypes of unseen digits beat chance, support and queries drawn; bad input; cancel', async ({
  page,
  consoleErrors,
  outside,
}, info) => {
  const demo = await openDemo(page, 'fewshot-proto');
  await expect(page.locator('.expressive-code').first()).toBeVisible(); // the code that runs is on the page
  // Shader compilation on SwiftShader dominates the run time, so the full run uses the MLP embedding;
  // the fallback project then trains the default CNN for a few steps in its cancel check.
  await demo.locator('[name=net]').selectOption('mlp');
  await demo.locator('[name=test]').selectOption('1000');
  await demo.locator('[name=trainEpisodes]').fill('10');
  await demo.locator('[name=episodes]').fill('20');
  await runDemo(page, 'fewshot-proto');
  await expect(demo.locator('[data-out=table] tbody tr')).toHaveCount(2);
  const one = await cells(demo, 0);
  const five = await cells(demo, 1);
  expect(one[0]).toBe('1');
  expect(five[0]).toBe('5');
  expect(five[1]).toBe('20.0 %'); // chance for 5-way
  // Raw pixels and the trained network are far above chance on the unseen digits, and 5 shots beat 1.
  for (const c of [2, 4]) expect(pct(five[c]!)).toBeGreaterThan(45);
  expect(pct(five[4]!)).toBeGreaterThan(pct(one[4]!));
  // Learning signal: on the same episodes, ten training episodes already beat the untrained network.
  expect(pct(five[4]!)).toBeGreaterThan(pct(five[3]!));
  await expect(demo.locator('[data-out=model]')).toContainText('digits 0, 1, 2, 3, 4');
  await expect(demo.locator('[data-out=support-caption]')).toContainText(
    /digits [5-9], [5-9], [5-9], [5-9], [5-9]/,
  );
  expect(
    await demo
      .locator('[data-out=support]')
      .evaluate((c: HTMLCanvasElement) => [c.width, c.height]),
  ).toEqual([140, 140]);
  await expect(demo.locator('[data-out=queries-caption]')).toContainText(/[5-9]→[5-9]/);
  await expectNoLeak(demo);

  if (info.project.name === 'no-webgpu') {
    await demo.locator('[name=way]').fill('7');
    await refusesAndFails(demo, 'Way must be a whole number from 2 to 5');
    await demo.locator('[name=way]').fill('5');
    await demo.locator('[name=net]').selectOption('cnn');
    await demo.locator('[name=trainEpisodes]').fill('5000');
    await cancelWhile(demo, /Training episode [3-9]\/5000/);
  }
  expect(consoleErrors).toEqual([]);
  expect(outside).toEqual([]);
});

test('dl-49 Q-learning: the greedy policy finds a shortest path, values match value iteration; bad input; cancel', async ({
  page,
  consoleErrors,
  outside,
}, info) => {
  const demo = await openDemo(page, 'qlearning-grid');
  await demo.locator('[name=episodes]').fill('1500');
  await runDemo(page, 'qlearning-grid');
  const result = (await demo.locator('[data-out=result]').textContent())!;
  const m =
    /reaches the goal in (\d+) moves \(shortest possible: (\d+)\).*largest \|V − V\*\| along the path: (\d+\.\d+)/.exec(
      result,
    );
  expect(m, result).not.toBeNull();
  expect(m![1]).toBe(m![2]);
  expect(Number(m![3])).toBeLessThan(0.01);
  expect(
    await demo.locator('[data-out=grid]').evaluate((c: HTMLCanvasElement) => [c.width, c.height]),
  ).toEqual([6 * 52, 5 * 52]);
  await expectNoLeak(demo);
  if (info.project.name === 'no-webgpu') {
    await demo.locator('[name=epsilon]').fill('2');
    await refuses(demo, 'ε must be between 0 and 1.');
    await demo.locator('[name=epsilon]').fill('0.2');
    await demo.locator('[name=episodes]').fill('100000');
    await cancelWhile(demo, /Episode \d+\/100000/);
  }
  expect(consoleErrors).toEqual([]);
  expect(outside).toEqual([]);
});
