import { expect, expectNoLeak, pageWithDemo, pressRun, test } from './fixtures.ts';

/**
 * Issue 18, items 3, 6 and 2 on fast demos: copy a link to a run's settings, open it (settings
 * restored, nothing runs until asked), run with them; download the results as JSON and CSV; see
 * which module computed a demo and which test checks it, where it ran, and its run vs reference.
 */
const PAGE = '/neural-networks/training/validation-curves-and-overfitting/';
const DEMO = '[data-demo="training-overfit"]';

test('copy link → open link → settings restored → run → JSON and CSV downloads', async ({
  page,
  context,
  consoleErrors,
  outside,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const scripts: string[] = [];
  page.on('request', (r) => scripts.push(r.url()));
  await page.goto(PAGE);
  const demo = page.locator(DEMO);
  await demo.locator('[name=epochs]').fill('6');
  await demo.locator('[name=n]').selectOption('20');
  await demo.locator('[name=noise]').selectOption('0');
  // Keyboard: focus the button and press Enter.
  await demo.locator('[data-role=copy-link]').focus();
  await page.keyboard.press('Enter');
  const field = demo.locator('[data-role=link-field]');
  await expect(field).toBeVisible();
  const link = await field.inputValue();
  expect(new URL(link).searchParams.get('training-overfit.epochs')).toBe('6');
  expect(new URL(link).searchParams.get('run')).toBe('training-overfit');
  await expect(demo.locator('[data-role=share-status]')).toHaveText(/copied|field/);
  if ((await demo.locator('[data-role=share-status]').textContent())!.includes('copied')) {
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  }

  // A fresh page from the link: every setting back, and nothing has run.
  const fresh = await context.newPage();
  fresh.on('request', (r) => scripts.push(r.url()));
  await fresh.goto(link);
  const again = fresh.locator(DEMO);
  await expect(again.locator('[name=epochs]')).toHaveValue('6');
  await expect(again.locator('[name=n]')).toHaveValue('20');
  await expect(again.locator('[name=noise]')).toHaveValue('0');
  await expect(again.locator('[data-role=status]')).toHaveText(
    /4 of 4 settings restored from the link/,
  );
  await expect(again).toHaveAttribute('data-state', 'idle');
  expect(scripts.filter((u) => /tfjs|tensorflow/i.test(u))).toEqual([]);
  // tfjs-core registers its engine on the global object when it loads: not before a run is asked for.
  const tfLoaded = () => fresh.evaluate(() => '_tfengine' in globalThis);
  expect(await tfLoaded()).toBe(false);
  await expect(again.locator('[data-role=export]')).toBeHidden();

  await again.locator('[data-role=run-linked]').click();
  await expect(again).toHaveAttribute('data-state', /^(done|failed|cancelled)$/, {
    timeout: 150_000,
  });
  await expect(again).toHaveAttribute('data-state', 'done');
  expect(await tfLoaded()).toBe(true);
  await expectNoLeak(again);
  await expect(again.locator('[data-role=ran-on]')).toHaveText(
    /Ran with TensorFlow\.js on \w+.* in float(32|16)/,
  );

  const [json] = await Promise.all([
    fresh.waitForEvent('download'),
    again.locator('[data-role=download-json]').click(),
  ]);
  expect(json.suggestedFilename()).toBe('training-overfit-results.json');
  const data = JSON.parse(
    await (await import('node:fs/promises')).readFile((await json.path())!, 'utf8'),
  );
  expect(data.demo).toBe('training-overfit');
  expect(data.settings).toEqual({ epochs: '6', n: '20', noise: '0', seed: '1' });
  expect(data.results.points).toHaveLength(6);
  expect(data.results.bestEpoch).toBeGreaterThanOrEqual(1);

  const [csv] = await Promise.all([
    fresh.waitForEvent('download'),
    again.locator('[data-role=download-csv]').click(),
  ]);
  expect(csv.suggestedFilename()).toBe('training-overfit-results.csv');
  const lines = (await (await import('node:fs/promises')).readFile((await csv.path())!, 'utf8'))
    .trim()
    .split('\r\n');
  expect(lines[0]).toBe('epoch,trainLoss,valLoss,trainAcc,valAcc');
  expect(lines).toHaveLength(7);
  // The CSV holds the same numbers as the JSON.
  expect(Number(lines[6]!.split(',')[2])).toBe(data.results.points[5].valLoss);
  expect(consoleErrors).toEqual([]);
  expect(outside).toEqual([]);
});

test('a link carries the seed: "Run with these settings" and a second run give identical numbers on wasm; another seed does not', async ({
  page,
  consoleErrors,
}) => {
  const settings = { epochs: '12', n: '20', noise: '0.1', seed: '7' };
  const query = Object.entries(settings)
    .map(([k, v]) => `training-overfit.${k}=${v}`)
    .join('&');
  await page.goto(`${PAGE}?backend=wasm&run=training-overfit&${query}`);
  const demo = page.locator(DEMO);
  await expect(demo.locator('[name=seed]')).toHaveValue('7');
  await expect(demo.locator('[data-role=status]')).toHaveText(
    /4 of 4 settings restored from the link/,
  );
  const finish = async () => {
    await expect(demo).toHaveAttribute('data-state', /^(done|failed|cancelled)$/, {
      timeout: 120_000,
    });
    await expect(demo).toHaveAttribute('data-state', 'done');
    await expectNoLeak(demo);
    const [json] = await Promise.all([
      page.waitForEvent('download'),
      demo.locator('[data-role=download-json]').click(),
    ]);
    const fs = await import('node:fs/promises');
    return JSON.parse(await fs.readFile((await json.path())!, 'utf8')) as {
      settings: Record<string, string>;
      backend: string;
      results: { points: Record<string, number>[] };
    };
  };
  await demo.locator('[data-role=run-linked]').click();
  const first = await finish();
  await expect(demo.locator('[data-role=badge]')).toHaveAttribute('data-backend', 'wasm');
  expect(first.settings).toEqual(settings);
  expect(first.results.points).toHaveLength(12);
  await pressRun(demo);
  const second = await finish();
  expect(second.settings).toEqual(settings);
  expect(second.results).toEqual(first.results); // bit for bit: same seed, same backend

  await demo.locator('[name=seed]').fill('8');
  await pressRun(demo);
  const other = await finish();
  expect(other.settings.seed).toBe('8');
  expect(other.results.points).not.toEqual(first.results.points);

  // A seed the field cannot take is refused like any other setting.
  await demo.locator('[name=seed]').fill('-1');
  await pressRun(demo);
  await expect(demo).toHaveAttribute('data-state', 'failed');
  await expect(demo.locator('[name=seed]')).toHaveAttribute('aria-invalid', 'true');
  await expect(demo.locator('[data-role=status]')).toContainText('Seed must be a whole number');
  expect(consoleErrors).toEqual([]);
});

test('a linked seed drives another demo too: the residual-stack fit repeats to the digit on wasm, another seed moves it', async ({
  page,
  consoleErrors,
}) => {
  const demoName = 'layers-residual';
  const settings = { depth: '2', epochs: '3', seed: '5' };
  const query = Object.entries(settings)
    .map(([k, v]) => `${demoName}.${k}=${v}`)
    .join('&');
  await page.goto(`/neural-networks/layers/residual-blocks/?backend=wasm&run=${demoName}&${query}`);
  const demo = page.locator(`[data-demo="${demoName}"]`);
  await expect(demo.locator('[name=seed]')).toHaveValue('5');
  await expect(demo.locator('[data-role=status]')).toHaveText(
    /3 of 3 settings restored from the link/,
  );
  const fitText = async () => {
    await expect(demo).toHaveAttribute('data-state', /^(done|failed|cancelled)$/, {
      timeout: 120_000,
    });
    await expect(demo).toHaveAttribute('data-state', 'done');
    await expectNoLeak(demo);
    return (await demo.locator('[data-out=fit]').textContent())!;
  };
  await demo.locator('[data-role=run-linked]').click();
  const first = await fitText();
  expect(first).toMatch(/residual stack [\d.]+ .*plain stack [\d.]+/);
  await pressRun(demo);
  expect(await fitText()).toBe(first);
  await demo.locator('[name=seed]').fill('6');
  await pressRun(demo);
  expect(await fitText()).not.toBe(first);
  expect(consoleErrors).toEqual([]);
});

/** Issue 18 item 3 on three labs: settings of a short run, and the output that the seed must decide. */
const SEEDED_LABS = [
  {
    demo: 'lab-transformer',
    settings: { max: '999', d: '16', heads: '2', epochs: '1' },
    outputs: ['[data-out=mistakes]'], // which held-out numbers it gets wrong: the split and the training
  },
  {
    demo: 'lab-dimred',
    settings: { n: '500', test: '500', hidden: '32', epochs: '1' },
    outputs: ['[data-out=ae-knn]', '[data-out=ae-mse]'],
  },
  {
    demo: 'lab-gan',
    settings: { kind: 'non-saturating', generator: 'mlp', n: '128', epochs: '1', hidden: '64' },
    outputs: ['[data-out=table]'],
  },
];

for (const { demo: demoName, settings, outputs } of SEEDED_LABS)
  test(`a linked seed drives ${demoName}: its run repeats to the digit on wasm, another seed changes it`, async ({
    page,
    consoleErrors,
  }) => {
    const linked = { ...settings, seed: '5' };
    const query = Object.entries(linked)
      .map(([k, v]) => `${demoName}.${k}=${v}`)
      .join('&');
    await page.goto(`${pageWithDemo(demoName)}?backend=wasm&run=${demoName}&${query}`);
    const demo = page.locator(`[data-demo="${demoName}"]`);
    await expect(demo.locator('[name=seed]')).toHaveValue('5');
    const n = Object.keys(linked).length;
    await expect(demo.locator('[data-role=status]')).toHaveText(
      new RegExp(`${n} of ${n} settings restored from the link`),
    );
    const outputText = async () => {
      await expect(demo).toHaveAttribute('data-state', /^(done|failed|cancelled)$/, {
        timeout: 150_000,
      });
      await expect(demo).toHaveAttribute('data-state', 'done');
      await expectNoLeak(demo);
      const texts = await Promise.all(outputs.map((o) => demo.locator(o).textContent()));
      expect(texts.every((t) => t && /\d/.test(t))).toBe(true);
      return texts.join(' | ');
    };
    await demo.locator('[data-role=run-linked]').click();
    const first = await outputText();
    await pressRun(demo);
    expect(await outputText()).toBe(first);
    await demo.locator('[name=seed]').fill('6');
    await pressRun(demo);
    expect(await outputText()).not.toBe(first);
    expect(consoleErrors).toEqual([]);
  });

test('a link with a value outside its range: refused with the standard message, the rest restored', async ({
  page,
  consoleErrors,
}) => {
  await page.goto(
    `${PAGE}?run=training-overfit&training-overfit.epochs=900&training-overfit.n=20&training-overfit.noise=0.3`,
  );
  const demo = page.locator(DEMO);
  await expect(demo.locator('[name=n]')).toHaveValue('20');
  await expect(demo.locator('[name=epochs]')).toHaveValue('200');
  await expect(demo.locator('[name=epochs]')).toHaveAttribute('aria-invalid', 'true');
  await expect(demo.locator('[name=noise]')).toHaveValue('0.1');
  const status = demo.locator('[data-role=status]');
  await expect(status).toContainText('1 of 3 settings restored from the link'); // the seed was not in it
  await expect(status).toContainText(
    'Epochs must be a whole number from 5 to 500 (900 is above 500).',
  );
  await expect(status).toContainText('Choose one of the options for Flipped labels.');
  await expect(demo).toHaveAttribute('data-state', 'idle');
  expect(consoleErrors).toEqual([]);
});

test('provenance: module and test viewable, backend and precision, run vs float64 reference', async ({
  page,
  consoleErrors,
}) => {
  await page.goto('/neural-networks/perceptron/hidden-node-by-hand/');
  const demo = page.locator('[data-demo="perceptron-mlp"]');
  const module = demo.locator('[data-provenance=module]');
  await expect(module.locator('summary')).toHaveText(
    /Computed by src\/lib\/experiments\/perceptron-report\.ts/,
  );
  await expect(demo.locator('[data-provenance=test] summary')).toHaveText(
    /Checked by tests\/unit\/perceptron-report\.test\.ts/,
  );
  await module.locator('summary').focus();
  await page.keyboard.press('Enter');
  await expect(module.locator('pre')).toBeVisible();
  await expect(module.locator('pre')).toContainText('export async function perceptronReport');
  // No named controls: nothing to share.
  await expect(demo.locator('[data-role=share]')).toBeHidden();

  await pressRun(demo);
  await expect(demo).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  await expectNoLeak(demo);
  const precision = await demo.getAttribute('data-precision');
  expect(precision).toMatch(/^float(32|16)$/);
  await expect(demo.locator('[data-role=ran-on]')).toContainText(`in ${precision}`);
  const reference = demo.locator('[data-role=reference]');
  await expect(reference).toContainText('Your run vs reference.');
  await expect(reference).toContainText('bias 0.001: largest difference');
  await expect(demo).toHaveAttribute('data-reference', 'within');
  expect(consoleErrors).toEqual([]);
});

test('a trained MLP downloads as model.json + weights.bin that tf.loadLayersModel loads', async ({
  page,
  consoleErrors,
  outside,
}) => {
  await page.goto('/lab/');
  const demo = page.locator('[data-demo="mnist-quick"]');
  await demo.locator('[name=n]').selectOption('2000');
  await demo.locator('[name=epochs]').fill('1');
  await pressRun(demo);
  await expect(demo).toHaveAttribute('data-state', /^(done|failed|cancelled)$/, {
    timeout: 150_000,
  });
  await expect(demo).toHaveAttribute('data-state', 'done');
  await expectNoLeak(demo);
  const modelButton = demo.locator('[data-role=download-model]');
  await expect(modelButton).toBeVisible();
  const files: Record<string, Buffer> = {};
  const done = new Promise<void>((resolve) => {
    page.on('download', async (d) => {
      files[d.suggestedFilename()] = await (
        await import('node:fs/promises')
      ).readFile((await d.path())!);
      if (Object.keys(files).length === 2) resolve();
    });
  });
  await modelButton.click();
  await done;
  expect(Object.keys(files).sort()).toEqual([
    'mnist-quick-model.json',
    'mnist-quick-model.weights.bin',
  ]);
  const json = JSON.parse(files['mnist-quick-model.json']!.toString('utf8'));
  expect(json.weightsManifest[0].paths).toEqual(['./mnist-quick-model.weights.bin']);
  // Load it the way a reader would, with tf.loadLayersModel, in Node (cpu backend).
  const tf = await import('@tensorflow/tfjs');
  await tf.setBackend('cpu');
  const bin = files['mnist-quick-model.weights.bin']!;
  const model = await tf.loadLayersModel(
    tf.io.fromMemory(
      json.modelTopology,
      json.weightsManifest[0].weights,
      bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) as ArrayBuffer,
    ),
  );
  expect(model.inputs[0]!.shape).toEqual([null, 784]);
  const y = tf.tidy(
    () => (model.predict(tf.zeros([1, 784])) as import('@tensorflow/tfjs').Tensor).shape,
  );
  expect(y).toEqual([1, 10]);
  model.dispose();
  expect(consoleErrors).toEqual([]);
  expect(outside).toEqual([]);
});
