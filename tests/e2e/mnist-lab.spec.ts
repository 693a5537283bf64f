import { expect, expectNoLeak, test } from './fixtures.ts';

const LAB = '/lab/';

test('MNIST demo: streams the data with byte progress, trains, reports test accuracy, leaks nothing', async ({
  page,
  consoleErrors,
  outside,
}) => {
  await page.goto(LAB);
  const demo = page.locator('[data-demo="mnist-quick"]');
  await demo.locator('[data-role=run]').click();
  await expect(demo.locator('[data-role=status]')).toContainText(
    /Downloading MNIST (train|test) set: [\d.]+ of [\d.]+ MB/,
  );
  await expect(demo).toHaveAttribute('data-state', 'done', { timeout: 170_000 });
  await expect(demo.locator('[data-out=data]')).toContainText(
    'Loaded 2,000 training and 10,000 test images (checksums verified)',
  );
  const acc = Number(
    /Test accuracy on all 10,000 test images: ([\d.]+) %/.exec(
      (await demo.locator('[data-out=result]').textContent())!,
    )![1],
  );
  expect(acc).toBeGreaterThan(85);
  await expectNoLeak(demo);
  expect(consoleErrors).toEqual([]);
  expect(outside).toEqual([]);
});

for (const [name, setup, message] of [
  ['missing file (404)', { status: 404, body: 'no' }, /not found .*HTTP 404/],
  [
    'corrupt file',
    { status: 200, body: 'this is not gzip data at all, nor MNIST' },
    /failed its checksum|damaged/,
  ],
  ['network failure', 'abort', /Could not reach the server|connection broke/],
] as const) {
  test(`MNIST demo: a ${name} gives a clear message and the page keeps working`, async ({
    page,
  }) => {
    test.skip(
      test.info().project.name === 'webgpu',
      'loader behaviour does not depend on the backend',
    );
    await page.goto(LAB);
    const route = '**/data/mnist/test-labels.u8.gz';
    await page.route(route, (r) =>
      setup === 'abort' ? r.abort('internetdisconnected') : r.fulfill(setup),
    );
    const demo = page.locator('[data-demo="mnist-quick"]');
    await demo.locator('[data-role=run]').click();
    await expect(demo).toHaveAttribute('data-state', 'failed', { timeout: 120_000 });
    await expect(demo.locator('[data-role=status]')).toContainText(message);
    await expectNoLeak(demo);
    // Nothing is lost: once the file is reachable again, the same demo runs.
    await page.unroute(route);
    await demo.locator('[name=epochs]').fill('1');
    await demo.locator('[data-role=run]').click();
    await expect(demo).toHaveAttribute('data-state', 'done', { timeout: 170_000 });
  });
}

test('MNIST demo: bad input is refused with a message, and cancel mid-training frees every tensor', async ({
  page,
}) => {
  await page.goto(LAB);
  const demo = page.locator('[data-demo="mnist-quick"]');
  await demo.locator('[name=epochs]').fill('0');
  await demo.locator('[data-role=run]').click();
  await expect(demo.locator('[data-role=status]')).toContainText(
    'Epochs must be a whole number from 1 to 20',
  );
  await demo.locator('[name=epochs]').fill('3');
  await demo.locator('[data-role=run]').click();
  await expect(demo.locator('[data-role=status]')).toContainText(/Epoch 1\/3, batch \d+/, {
    timeout: 120_000,
  });
  await demo.locator('[data-role=cancel]').click();
  await expect(demo).toHaveAttribute('data-state', 'cancelled');
  await expectNoLeak(demo);
});
