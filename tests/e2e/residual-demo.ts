import type { Locator, Page } from '@playwright/test';
import { expect, openDemo, pressRun, runDemo } from './fixtures.ts';

/**
 * The residual-stack demo (nn-055) as two specs drive it: a short run to completion, then a long run
 * that is under way, ready to be cancelled.
 */

/** Open the demo, run a 2-block stack for 2 epochs to completion, and return the demo's root. */
export async function runShortResidual(page: Page): Promise<Locator> {
  const demo = await openDemo(page, 'layers-residual');
  await demo.locator('[name=depth]').selectOption('2');
  await demo.locator('[name=epochs]').fill('2');
  await runDemo(page, 'layers-residual');
  return demo;
}

/** Start a 60-epoch run and wait until the residual stack is training. */
export async function startLongResidual(demo: Locator) {
  await demo.locator('[name=epochs]').fill('60');
  await pressRun(demo);
  await expect(demo.locator('[data-role=status]')).toContainText('Training the residual stack', {
    timeout: 60_000,
  });
}
