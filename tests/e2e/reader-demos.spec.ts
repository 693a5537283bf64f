import { expect, openDemo, runDemo, test } from './fixtures.ts';

/** What a demo's status line says matches what its output shows. */
test('gradient check: the status line states the errors the table shows, broken or not', async ({
  page,
}) => {
  const demo = await openDemo(page, 'gradcheck-lab');
  for (const broken of [false, true]) {
    await demo.locator('[name=broken]').setChecked(broken);
    await runDemo(page, 'gradcheck-lab');
    const status = (await demo.locator('[data-role=status]').textContent())!;
    // Column 3 of each table row is the max relative error; each appears in the status.
    const errors = await demo
      .locator('[data-out=table] tr')
      .evaluateAll((rows) =>
        rows
          .map((r) => r.querySelectorAll('td, th')[2]?.textContent?.trim())
          .filter((t) => t && /\d/.test(t)),
      );
    expect(errors.length).toBe(2);
    for (const e of errors) expect(status).toContain(e!);
    expect(status).not.toContain('Best step');
  }
});

test('gradient check: breaking the backward pass changes the chart, and the status names its lowest points', async ({
  page,
}) => {
  const demo = await openDemo(page, 'gradcheck-lab');
  // The legend shows each series' value at the smallest step (the last point).
  const legend = () =>
    demo.locator('[data-out=sweep] .u-legend .u-series .u-value').allTextContents();
  const plotted: Record<string, string[]> = {};
  for (const broken of [false, true]) {
    await demo.locator('[name=broken]').setChecked(broken);
    await runDemo(page, 'gradcheck-lab');
    const values = await legend();
    expect(values.length).toBe(3); // x and both errors
    plotted[String(broken)] = values;
    // Axis ticks and legend use the typographic minus, as the prose does.
    const text = (await demo.locator('[data-out=sweep]').textContent())!;
    expect(text).toContain('\u2212');
    expect(text).not.toMatch(/(^|[^e\d])-\d/);
    const status = (await demo.locator('[data-role=status]').textContent())!;
    const lowest = [
      ...status.matchAll(
        /lowest errors are ([^ ]+) at h = ([^ ]+) \(float64\) and ([^ ]+) at h = ([^ ]+) \(float32\)/g,
      ),
    ];
    expect(lowest.length).toBe(1);
    const [, e64] = lowest[0]!;
    const asNumber = (s: string) => Number(s.replace('\u2212', '-'));
    // Correct: the float64 V bottoms out far below the check's tolerance; broken: no step gets near it.
    if (broken) expect(asNumber(e64!)).toBeGreaterThan(0.5);
    else expect(asNumber(e64!)).toBeLessThan(1e-7);
  }
  // Same x (smallest step), different errors: the plotted series changed with the backward pass.
  expect(plotted.true![0]).toBe(plotted.false![0]);
  expect(plotted.true![1]).not.toBe(plotted.false![1]);
  expect(plotted.true![2]).not.toBe(plotted.false![2]);
  const log10Error = (s: string) => Number(s.replace('\u2212', '-'));
  expect(log10Error(plotted.true![1]!)).toBeGreaterThan(log10Error(plotted.false![1]!) + 5);
});
