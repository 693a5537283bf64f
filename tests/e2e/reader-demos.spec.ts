import { expect, pageWithDemo, runDemo, test } from './fixtures.ts';

/** What a demo's status line says matches what its output shows. */
test('gradient check: the status line states the errors the table shows, broken or not', async ({
  page,
}) => {
  await page.goto(pageWithDemo('gradcheck-lab'));
  const demo = page.locator('[data-demo="gradcheck-lab"]');
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
