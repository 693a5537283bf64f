/**
 * Labs dl-56, dl-57 (digit tasks and the chatbot), dl-60: each page's demo runs briefly with tiny settings on the active backend
 * (webgpu on SwiftShader, or the fallback), shows its result, refuses bad input and frees every
 * tensor; the fallback project also cancels a longer run.
 */
import {
  cancelWhile,
  expect,
  expectNoLeak,
  isFallback,
  numberIn,
  openDemo,
  refusesAndFails,
  runDemo,
  test,
} from './fixtures.ts';

test('dl-56 dimensionality reduction: PCA and autoencoder codes plotted and scored; bad k refused; cancel', async ({
  page,
  consoleErrors,
  outside,
}, info) => {
  const demo = await openDemo(page, 'lab-dimred');
  await expect(page.locator('.expressive-code').first()).toBeVisible(); // the code is on the page
  await demo.locator('[name=k]').fill('0');
  await refusesAndFails(demo, 'k must be a whole number from 1 to 50');
  await demo.locator('[name=k]').fill('5');
  // webgpu (SwiftShader, slow): the quick-check sizes; fallback: a little more.
  const nTest = isFallback(info) ? '1000' : '500';
  await demo.locator('[name=n]').selectOption(isFallback(info) ? '2000' : '500');
  await demo.locator('[name=test]').selectOption(nTest);
  await demo.locator('[name=hidden]').selectOption(isFallback(info) ? '128' : '32');
  await demo.locator('[name=epochs]').fill('1');
  await runDemo(page, 'lab-dimred');
  for (const c of ['pca', 'ae'])
    await expect(demo.locator(`canvas[data-out="${c}"]`)).toHaveAttribute('data-points', nTest);
  const chance = await numberIn(
    demo.locator('[data-out=note]'),
    /most common digit scores ([\d.]+) %/,
  );
  expect(chance).toBeGreaterThan(5);
  expect(chance).toBeLessThan(20);
  // PCA is deterministic: its 2-D codes classify far above chance. The autoencoder after one short epoch: a valid score.
  expect(await numberIn(demo.locator('[data-out=pca-knn]'), /([\d.]+) %/)).toBeGreaterThan(
    2 * chance,
  );
  const aeKnn = await numberIn(demo.locator('[data-out=ae-knn]'), /([\d.]+) %/);
  expect(aeKnn).toBeGreaterThan(0);
  expect(aeKnn).toBeLessThanOrEqual(100);
  for (const c of ['pca-mse', 'ae-mse']) {
    const mse = Number(await demo.locator(`[data-out="${c}"]`).textContent());
    expect(mse).toBeGreaterThan(0);
    expect(mse).toBeLessThan(0.12); // below the error of a blank image (mean squared pixel ≈ 0.1)
  }
  expect(
    await demo
      .locator('canvas[data-out=examples]')
      .evaluate((c: HTMLCanvasElement) => [c.width, c.height]),
  ).toEqual([280, 84]);
  await expectNoLeak(demo);
  if (isFallback(info)) {
    await demo.locator('[name=epochs]').fill('10');
    await cancelWhile(demo, /Autoencoder: epoch 1\/10, batch [2-9]/);
  }
  expect(consoleErrors).toEqual([]);
  expect(outside).toEqual([]);
});

test("dl-57 seq2seq: trains, scores held-out strings, draws the attention heatmap for the reader's input; bad input refused; cancel", async ({
  page,
  consoleErrors,
}, info) => {
  const demo = await openDemo(page, 'lab-seq2seq');
  await demo.locator('[name=query]').fill('12a');
  await refusesAndFails(demo, 'only the digits 0–9');
  await demo.locator('[name=query]').fill('1234');
  await demo.locator('[name=min]').fill('5');
  await demo.locator('[name=max]').fill('4');
  await refusesAndFails(demo, '1 ≤ shortest ≤ longest ≤ 12');
  await demo.locator('[name=min]').fill('2');
  await demo.locator('[name=max]').fill(isFallback(info) ? '4' : '3');
  await demo.locator('[name=hidden]').selectOption('32');
  // webgpu (SwiftShader): one quick epoch; fallback: enough steps to see learning.
  await demo.locator('[name=n]').selectOption(isFallback(info) ? '2000' : '500');
  await demo.locator('[name=epochs]').fill(isFallback(info) ? '2' : '1');
  await runDemo(page, 'lab-seq2seq');
  const exact = await numberIn(
    demo.locator('[data-out=result]'),
    /exact-match accuracy \(greedy decoding, 500 unseen strings\): ([\d.]+) %/,
  );
  if (isFallback(info))
    expect(exact).toBeGreaterThan(10); // guessing a 2–4 digit string exactly: at most 1 %
  else expect(exact).toBeGreaterThanOrEqual(0);
  await expect(demo.locator('[data-out=samples] tbody tr')).toHaveCount(8);
  await expect(demo.locator('[data-out=answer]')).toContainText(/Input 1234 → model /);
  const heat = demo.locator('canvas[data-out=heatmap]');
  await expect(heat).toHaveAttribute('data-cols', '4');
  expect(Number(await heat.getAttribute('data-rows'))).toBeGreaterThanOrEqual(1);
  await expect(demo.locator('.uplot')).toHaveCount(1);
  await expectNoLeak(demo);
  if (isFallback(info)) {
    await demo.locator('[name=n]').selectOption('8000');
    await demo.locator('[name=epochs]').fill('10');
    await cancelWhile(demo, /Epoch 1\/10, batch [2-9]/);
  }
  expect(consoleErrors).toEqual([]);
});

test('dl-57 chat: trains the chatbot, scores held-out messages, replies to typed messages with attention; unknown words noted; no leak', async ({
  page,
  consoleErrors,
}, info) => {
  const demo = await openDemo(page, 'lab-seq2seq-chat');
  await demo.locator('[name=epochs]').fill('0');
  await refusesAndFails(demo, 'Epochs must be a whole number from 1 to 60');
  await demo.locator('[name=epochs]').fill(isFallback(info) ? '6' : '1');
  await runDemo(page, 'lab-seq2seq-chat');
  const exact = await numberIn(
    demo.locator('[data-out=result]'),
    /Held-out exact-match accuracy \(greedy replies to \d+ unseen messages, the whole reply must be right\): ([\d.]+) %/,
  );
  if (isFallback(info))
    expect(exact).toBeGreaterThan(10); // a whole reply from a vocabulary of about a hundred words: chance ≈ 1 %
  else expect(exact).toBeGreaterThanOrEqual(0);
  await expect(demo.locator('[data-out=samples] tbody tr')).toHaveCount(8);
  await expect(demo.locator('[data-out=transcript] li')).toHaveCount(1);
  await expect(demo.locator('[data-out=transcript] li').first()).toContainText(
    'you: what is four plus three → bot: ',
  );
  await demo.locator('[data-out=message]').fill('What is zebra plus two?');
  await demo.getByRole('button', { name: 'Send' }).click();
  await expect(demo.locator('[data-out=transcript] li')).toHaveCount(2);
  await expect(demo.locator('[data-out=transcript] li').nth(1)).toContainText(
    'not in the vocabulary, read as ⟨unknown⟩: zebra',
  );
  const heat = demo.locator('canvas[data-out=chat-heatmap]');
  await expect(heat).toHaveAttribute('data-cols', '5');
  expect(Number(await heat.getAttribute('data-rows'))).toBeGreaterThanOrEqual(1);
  await demo.locator('[data-out=message]').fill(' ?! ');
  await demo.getByRole('button', { name: 'Send' }).click();
  await expect(demo.locator('[data-out=chat-problem]')).toContainText('at least one word');
  await expect(demo.locator('[data-out=transcript] li')).toHaveCount(2);
  await expectNoLeak(demo);
  expect(consoleErrors).toEqual([]);
});

test('dl-60 anomaly detection: ROC curves, AUC above chance for a held-out digit, threshold and top errors; bad noise refused; cancel', async ({
  page,
  consoleErrors,
}, info) => {
  const demo = await openDemo(page, 'lab-anomaly');
  await demo.locator('[name=noise]').fill('-1');
  await refusesAndFails(demo, 'The input noise must be a number from 0 to 1');
  await demo.locator('[name=noise]').fill('0');
  await demo.locator('[name=digit]').selectOption('0');
  await demo.locator('[name=n]').selectOption(isFallback(info) ? '2000' : '500');
  await demo.locator('[name=test]').selectOption(isFallback(info) ? '1000' : '500');
  await demo.locator('[name=latent]').selectOption(isFallback(info) ? '16' : '4');
  await demo.locator('[name=epochs]').fill('1');
  await runDemo(page, 'lab-anomaly');
  await expect(demo.locator('canvas[data-out=roc]')).toHaveAttribute('data-curves', '2');
  const auc = Number(await demo.locator('[data-out=auc-ae]').textContent());
  if (isFallback(info))
    expect(auc).toBeGreaterThan(0.6); // 0s are easy to tell from the other digits
  else expect(auc).toBeGreaterThan(0);
  const base = Number(await demo.locator('[data-out=auc-base]').textContent());
  expect(base).toBeGreaterThanOrEqual(0);
  expect(base).toBeLessThanOrEqual(1);
  const fpr = await numberIn(
    demo.locator('[data-out=threshold]'),
    /this flags ([\d.]+) % of normal digits/,
  );
  expect(fpr).toBeLessThan(30); // the threshold lets about 5 % of normal validation images through
  expect(
    await demo
      .locator('canvas[data-out=top]')
      .evaluate((c: HTMLCanvasElement) => [c.width, c.height]),
  ).toEqual([448, 28]);
  await expect(demo.locator('[data-out=top-caption]')).toContainText(/of them are 0s/);
  await expectNoLeak(demo);
  if (isFallback(info)) {
    await demo.locator('[name=n]').selectOption('10000');
    await demo.locator('[name=epochs]').fill('20');
    await cancelWhile(demo, /Epoch 1\/20, batch [2-9]/);
  }
  expect(consoleErrors).toEqual([]);
});
