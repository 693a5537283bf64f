/**
 * Labs dl-58 (small ResNet, transfer 0–4 → 5–9) and dl-59 (Transformer, number words → digits): each
 * demo refuses bad input, runs briefly with tiny settings on the active backend (webgpu on
 * SwiftShader, or the fallback), shows its result with a learning signal and frees every tensor.
 * The fallback project also cancels a longer run.
 */
import {
  cancelWhile,
  expect,
  expectNoLeak,
  isFallback,
  numberIn,
  openDemo,
  refuses,
  runDemo,
  test,
} from './fixtures.ts';

test('dl-58 ResNet transfer: refuses bad epochs; pre-trains above chance; three arms in chart and table; cancel', async ({
  page,
  consoleErrors,
  outside,
}, info) => {
  const demo = await openDemo(page, 'lab-resnet');
  await expect(page.locator('.expressive-code').first()).toBeVisible(); // the code is on the page
  await demo.locator('[name=epochs]').fill('0');
  await refuses(demo, 'Epochs on the labelled images must be a whole number from 1 to 50');
  // webgpu (SwiftShader) runs the quick check; the fallback pre-trains enough to test for learning.
  await demo.locator('[name=pretrain]').selectOption(isFallback(info) ? '500' : '100');
  await demo.locator('[name=pretrainEpochs]').fill('1');
  await demo.locator('[name=perClass]').selectOption('5');
  await demo.locator('[name=epochs]').fill(isFallback(info) ? '2' : '1');
  await demo.locator('[name=blocks]').selectOption('1');
  await demo.locator('[name=test]').selectOption('200');
  await runDemo(page, 'lab-resnet');
  const pre = await numberIn(
    demo.locator('[data-out=pretrained]'),
    /([\d.]+) % test accuracy on digits 0–4/,
  );
  expect(pre).toBeGreaterThan(isFallback(info) ? 30 : 0); // chance 20 %
  await expect(demo.locator('[data-out=table] tbody tr')).toHaveCount(3);
  for (const arm of ['fine-tune', 'frozen', 'scratch']) {
    const v = await numberIn(demo.locator(`tr[data-arm="${arm}"] [data-out=final]`), /([\d.]+) %/);
    expect(v).toBeGreaterThanOrEqual(0);
    expect(v).toBeLessThanOrEqual(100);
  }
  // The frozen arm trains only the head: far fewer parameters than the other two.
  const params = async (arm: string) =>
    Number(
      (await demo.locator(`tr[data-arm="${arm}"] td`).nth(1).textContent())!.replace(/,/g, ''),
    );
  expect(await params('frozen')).toBeLessThan((await params('fine-tune')) / 10);
  expect(await params('fine-tune')).toBe(await params('scratch'));
  await expect(demo.locator('.uplot')).toHaveCount(2);
  await expect(demo.locator('[data-out=model]')).toContainText(/[\d,]+ parameters in the body/);
  await expectNoLeak(demo);
  if (isFallback(info)) {
    await demo.locator('[name=pretrain]').selectOption('6000');
    await cancelWhile(demo, /Pre-training on 0–4: epoch 1\/1, batch [2-9]/);
  }
  expect(consoleErrors).toEqual([]);
  expect(outside).toEqual([]);
});

test('dl-59 Transformer: refuses unknown words; trains; held-out score and attention heatmap; translate again; cancel', async ({
  page,
  consoleErrors,
  outside,
}, info) => {
  const demo = await openDemo(page, 'lab-transformer');
  const words = demo.locator('[name=words]');
  await words.fill('three hundred and two');
  await refuses(demo, '"and" is not in the vocabulary');
  await words.fill('one two three four five');
  await refuses(demo, 'at most 4 words');
  await words.fill('three hundred five');
  // webgpu (SwiftShader) trains one narrow epoch; the fallback two.
  await demo.locator('[name=epochs]').fill(isFallback(info) ? '2' : '1');
  await demo.locator('[name=heldOut]').selectOption('0.2');
  await demo.locator('[name=d]').selectOption(isFallback(info) ? '32' : '16');
  await demo.locator('[name=heads]').selectOption('2');
  await runDemo(page, 'lab-transformer');
  await expect(demo.locator('[data-out=model]')).toContainText(/[\d,]+ parameters/);
  expect(
    await numberIn(demo.locator('[data-out=score]'), /digit accuracy ([\d.]+) %/),
  ).toBeGreaterThan(isFallback(info) ? 30 : 15); // chance ≈ 9 %
  expect(
    await numberIn(demo.locator('[data-out=score]'), /exact match: ([\d.]+) %/),
  ).toBeGreaterThanOrEqual(0);
  // Heatmap: 3 source words as columns; each output row's weights sum to 1.
  const heat = demo.locator('[data-out=heatmap] table');
  await expect(heat.locator('thead th')).toHaveCount(4);
  const rows = await heat
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) =>
        [...tr.querySelectorAll('td')].map((td) => Number((td as HTMLElement).dataset.w)),
      ),
    );
  expect(rows.length).toBeGreaterThanOrEqual(1);
  for (const r of rows) {
    expect(r).toHaveLength(3);
    expect(Math.abs(r.reduce((s, x) => s + x, 0) - 1)).toBeLessThan(1e-3);
  }
  await expect(demo.locator('[data-out=heads] table')).toHaveCount(2);
  await expectNoLeak(demo);
  // Translate again without retraining: an unknown word is refused, a known one gets a new map.
  const again = demo.locator('[data-role=translate]');
  await words.fill('fourty two');
  await again.click();
  await expect(demo.locator('[data-out=translate-status]')).toContainText(
    '"fourty" is not in the vocabulary',
  );
  await words.fill('seven');
  await again.click();
  await expect(heat.locator('thead th')).toHaveCount(2);
  await expect(demo.locator('[data-out=translation]')).toContainText('seven →');
  await expect(demo).toHaveAttribute('data-translate-leak', '0');
  if (isFallback(info)) {
    await demo.locator('[name=epochs]').fill('60');
    await cancelWhile(demo, /Epoch 1\/60, batch [2-9]/);
    await expect(again).toBeDisabled();
  }
  expect(consoleErrors).toEqual([]);
  expect(outside).toEqual([]);
});
