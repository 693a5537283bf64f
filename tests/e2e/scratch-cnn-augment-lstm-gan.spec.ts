/**
 * Labs dl-51 … dl-55: each page's demo runs briefly with tiny settings on the active backend (webgpu
 * on SwiftShader, or the fallback), shows its result and frees every tensor. SwiftShader's WebGPU is
 * slow for convolutions and recurrent loops, so the webgpu project runs the lightest configuration of
 * each demo, and the fallback project also runs the heavier parts and one cancel per slow demo.
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

test('dl-51 from scratch: gradient check passes, a planted bug fails it, training beats chance; cancel', async ({
  page,
  consoleErrors,
  outside,
}, info) => {
  const demo = await openDemo(page, 'lab-scratch');
  await expect(page.locator('.expressive-code').first()).toBeVisible(); // the code is on the page
  await demo.locator('[name=n]').selectOption('2000');
  await demo.locator('[name=hidden]').selectOption('16');
  await demo.locator('[name=epochs]').fill('1');
  await demo.locator('[name=test]').selectOption('500');
  await runDemo(page, 'lab-scratch');
  await expect(demo.locator('[data-out=check] td:has-text("✓ pass")')).toHaveCount(4);
  expect(
    await numberIn(demo.locator('[data-out=result]'), /test accuracy ([\d.]+) %/),
  ).toBeGreaterThan(50);
  await demo.locator('[name=bug]').check();
  await runDemo(page, 'lab-scratch');
  await expect(demo.locator('[data-out=check] td:has-text("✗ FAIL")')).toHaveCount(4);
  await expectNoLeak(demo);
  if (isFallback(info)) {
    await demo.locator('[name=epochs]').fill('0');
    await refuses(demo, 'Epochs must be a whole number from 1 to 10');
    await demo.locator('[name=epochs]').fill('10');
    await demo.locator('[name=n]').selectOption('10000');
    await cancelWhile(demo, /Epoch 1\/10, step \d+/);
  }
  expect(consoleErrors).toEqual([]);
  expect(outside).toEqual([]);
});

test('dl-52 CNN: trains on a few images, reports test accuracy above chance and its mistakes; cancel', async ({
  page,
  consoleErrors,
}, info) => {
  const demo = await openDemo(page, 'lab-cnn');
  await demo.locator('[name=n]').selectOption('256');
  await demo.locator('[name=epochs]').fill('2');
  await demo.locator('[name=filters]').selectOption('4,8');
  await demo.locator('[name=test]').selectOption('500');
  await runDemo(page, 'lab-cnn');
  await expect(demo.locator('[data-out=model]')).toContainText(/: [\d,]+ parameters/);
  expect(
    await numberIn(
      demo.locator('[data-out=result]'),
      /Test accuracy on 500 test images: ([\d.]+) %/,
    ),
  ).toBeGreaterThan(25);
  await expect(demo.locator('[data-out=mistakes-caption]')).toContainText(/\d→\d/);
  await expectNoLeak(demo);
  if (isFallback(info)) {
    await demo.locator('[name=n]').selectOption('10000');
    await cancelWhile(demo, /Epoch 1\/2, batch [2-9]/);
  }
  expect(consoleErrors).toEqual([]);
});

test('dl-53 augmentation: grid of fresh transforms; plain vs augmented training; bad input refused; cancel', async ({
  page,
  consoleErrors,
}, info) => {
  const demo = await openDemo(page, 'lab-augment');
  await demo.locator('[name=rotation]').fill('-5');
  await refuses(demo, 'Rotation must be between 0 and 180 degrees');
  await demo.locator('[name=rotation]').fill('15');
  await demo.locator('[name=compare]').uncheck();
  await runDemo(page, 'lab-augment');
  const grid = demo.locator('[data-out=grid]');
  expect(await grid.evaluate((c: HTMLCanvasElement) => [c.width, c.height])).toEqual([224, 224]);
  // The augmented cells really differ from the original in column 0.
  const differs = await grid.evaluate((c: HTMLCanvasElement) => {
    const px = c.getContext('2d')!.getImageData(0, 0, 224, 28).data;
    let diff = 0;
    for (let y = 0; y < 28; y++)
      for (let x = 0; x < 28; x++)
        diff += Math.abs(px[4 * (y * 224 + x)]! - px[4 * (y * 224 + 28 + x)]!);
    return diff;
  });
  expect(differs).toBeGreaterThan(0);
  await expectNoLeak(demo);
  if (isFallback(info)) {
    await demo.locator('[name=compare]').check();
    await demo.locator('[name=n]').selectOption('64');
    await demo.locator('[name=epochs]').fill('1');
    await demo.locator('[name=test]').selectOption('200');
    await runDemo(page, 'lab-augment');
    for (const cell of ['plain-clean', 'plain-transformed', 'aug-clean', 'aug-transformed']) {
      const v = await numberIn(demo.locator(`[data-out="${cell}"]`), /([\d.]+) %/);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(100);
    }
    await expectNoLeak(demo);
    await demo.locator('[name=n]').selectOption('3000');
    await demo.locator('[name=epochs]').fill('5');
    await cancelWhile(demo, /Training the plain CNN: epoch 1\/5, batch [2-9]/);
  }
  expect(consoleErrors).toEqual([]);
});

test('dl-54 char-LSTM: trains briefly, samples at three temperatures, refuses an unknown prompt; cancel', async ({
  page,
  consoleErrors,
}, info) => {
  const demo = await openDemo(page, 'lab-char-lstm');
  await demo.locator('[name=prompt]').fill('€');
  await refuses(demo, 'never occurs in the sonnets');
  await demo.locator('[name=prompt]').fill('t');
  await demo.locator('[name=hidden]').selectOption('32');
  await demo.locator('[name=seq]').fill('8');
  await demo.locator('[name=batch]').selectOption('512');
  await demo.locator('[name=epochs]').fill('1');
  await demo.locator('[name=length]').fill('10');
  await runDemo(page, 'lab-char-lstm');
  await expect(demo.locator('[data-out=epochs] li')).toHaveCount(1);
  await expect(demo.locator('[data-out=final] pre')).toHaveCount(3);
  for (const pre of await demo.locator('[data-out=final] pre').all())
    expect((await pre.textContent())!.length).toBe(1 + 10);
  await expect(demo.locator('[data-role=status]')).toContainText(
    /training loss [\d.]+ nats = [\d.]+ bits per character/,
  );
  await expect(demo.locator('[data-out=corpus]')).toContainText('Public domain');
  await expectNoLeak(demo);
  if (isFallback(info)) {
    await demo.locator('[name=epochs]').fill('20');
    await cancelWhile(demo, /Epoch 1\/20, batch [2-9]/);
  }
  expect(consoleErrors).toEqual([]);
});

test('dl-55 GAN: trains, draws samples per epoch, scores them in range; both losses; cancel', async ({
  page,
  consoleErrors,
}, info) => {
  const demo = await openDemo(page, 'lab-gan');
  // webgpu: the light configuration (fully connected generator, one loss); fallback: the default
  // convolutional generator with both losses.
  const kinds = isFallback(info) ? ['minimax', 'non-saturating'] : ['non-saturating'];
  await demo.locator('[name=kind]').selectOption(isFallback(info) ? 'both' : 'non-saturating');
  await demo.locator('[name=generator]').selectOption(isFallback(info) ? 'conv' : 'mlp');
  await demo.locator('[name=n]').selectOption('128');
  await demo.locator('[name=epochs]').fill('1');
  await demo.locator('[name=hidden]').selectOption('64');
  await runDemo(page, 'lab-gan');
  for (const kind of kinds) {
    const c = demo.locator(`canvas[data-kind="${kind}"]`);
    expect(await c.evaluate((el: HTMLCanvasElement) => [el.width, el.height])).toEqual([280, 28]); // 10 samples, one row per epoch
  }
  await expect(demo.locator('[data-out=table] tbody tr')).toHaveCount(kinds.length + 1); // + the real-digit reference
  for (const row of await demo.locator('[data-out=table] tbody tr').all()) {
    const score = Number(await row.locator('[data-out=score]').textContent());
    expect(score).toBeGreaterThanOrEqual(1);
    expect(score).toBeLessThanOrEqual(10);
  }
  await expect(demo.locator('.uplot')).toHaveCount(2);
  await expectNoLeak(demo);
  if (isFallback(info)) {
    await demo.locator('[name=generator]').selectOption('mlp');
    await demo.locator('[name=n]').selectOption('1000');
    await demo.locator('[name=epochs]').fill('5');
    await cancelWhile(demo, /minimax GAN: epoch 1\/5, batch [2-9]/);
  }
  expect(consoleErrors).toEqual([]);
});
