import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { test as base, expect, type Locator, type Page } from '@playwright/test';

/**
 * Every e2e test: fails on console errors and on any request that leaves localhost. In the
 * `no-webgpu` project, navigator.gpu is removed so the fallback path is exercised deterministically.
 */
export const test = base.extend<{ consoleErrors: string[]; outside: string[] }>({
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(String(e)));
    await use(errors);
  },
  outside: async ({ page }, use) => {
    const hits: string[] = [];
    await page.route('**/*', (route) => {
      const u = new URL(route.request().url());
      if (
        u.protocol === 'data:' ||
        u.protocol === 'blob:' ||
        u.hostname === '127.0.0.1' ||
        u.hostname === 'localhost'
      )
        return route.continue();
      hits.push(u.href);
      return route.abort();
    });
    await use(hits);
  },
  page: async ({ page }, use, testInfo) => {
    if (testInfo.project.name === 'no-webgpu') {
      await page.addInitScript(() => {
        Object.defineProperty(Navigator.prototype, 'gpu', {
          get: () => undefined,
          configurable: true,
        });
      });
    }
    // Both projects test the GPU paths on SwiftShader (WebGPU, and WebGL when WebGPU is missing), which
    // readers' pages pass over for wasm (src/lib/backend/software.ts, unit-tested).
    await page.addInitScript(
      () => ((globalThis as { __allowSoftwareGpu?: boolean }).__allowSoftwareGpu = true),
    );
    await use(page);
  },
});

export { expect };

/**
 * Press a demo's Run button from the keyboard once the runtime has enabled it. Focus finds the
 * button wherever it is; a mouse click aims at coordinates, and on a busy machine content arriving
 * above the demo (fonts, a revealed panel) can move the button between Playwright's aim and the
 * click, which then lands elsewhere and is lost (seen once in CI).
 */
export async function pressRun(demo: Locator) {
  const run = demo.locator('[data-role=run]');
  await expect(run).toBeEnabled({ timeout: 60_000 });
  await run.press('Enter');
}

/** Press Run on input the demo must refuse, and check that its status line gives the reason. */
export async function refuses(demo: Locator, reason: string | RegExp) {
  await pressRun(demo);
  await expect(demo.locator('[data-role=status]')).toContainText(reason);
}

/** Press Run on input the demo must refuse: the status line gives the reason and the run ends failed. */
export async function refusesAndFails(demo: Locator, reason: string | RegExp) {
  await refuses(demo, reason);
  await expect(demo).toHaveAttribute('data-state', 'failed');
}

/** Run a demo to completion (or a final state) and return its root locator. */
export async function runDemo(page: Page, name: string, final: RegExp = /done/) {
  const demo = page.locator(`[data-demo="${name}"]`);
  await pressRun(demo);
  // Wait for any final state, so that a failure is reported at once, with the demo's own message.
  await expect(demo).toHaveAttribute('data-state', /^(done|failed|cancelled)$/, {
    timeout: 150_000,
  });
  const state = (await demo.getAttribute('data-state'))!;
  if (!final.test(state)) {
    const status = await demo.locator('[data-role=status]').textContent();
    throw new Error(`demo "${name}" ended in state "${state}": ${status}`);
  }
  return demo;
}

/** The tensor count after the run equals the count before it. */
export async function expectNoLeak(demo: ReturnType<Page['locator']>) {
  const before = await demo.getAttribute('data-tensors-before');
  await expect(demo).toHaveAttribute('data-tensors-after', before ?? 'missing');
}

/** The first built page (site path) that contains the demo `name`, found by scanning dist/. */
export function pageWithDemo(name: string): string {
  const dist = join(process.cwd(), 'dist');
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((n) => {
      const p = join(d, n);
      return statSync(p).isDirectory() ? walk(p) : n === 'index.html' ? [p] : [];
    });
  const file = walk(dist).find((f) => readFileSync(f, 'utf8').includes(`data-demo="${name}"`));
  if (!file) throw new Error(`No built page contains the demo "${name}"`);
  const dir = relative(dist, file).split(sep).slice(0, -1).join('/');
  return dir ? `/${dir}/` : '/';
}

/** Open the first page with the demo `name` and return the demo's root locator. */
export async function openDemo(page: Page, name: string) {
  await page.goto(pageWithDemo(name));
  return page.locator(`[data-demo="${name}"]`);
}

/** The number captured by the first group of `re` in the locator's text. */
export async function numberIn(l: Locator, re: RegExp): Promise<number> {
  return Number(re.exec((await l.textContent())!)![1]);
}

/** True in the project without WebGPU (the fallback path). */
export const isFallback = (info: { project: { name: string } }) =>
  info.project.name === 'no-webgpu';

/**
 * Start a run, cancel it the moment the status matches (a string: contains it, as `toContainText`),
 * and check the demo ended cancelled with no leak. The page itself presses Cancel (a
 * MutationObserver on the status line), because a progress line on a fast backend can be gone
 * before Playwright's next poll: polling first and clicking after let a whole GAN run finish in CI
 * before the click.
 */
export async function cancelWhile(demo: Locator, status: RegExp | string) {
  const re =
    typeof status === 'string' ? new RegExp(status.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : status;
  await demo.locator('[data-role=status]').evaluate(
    (el, { source, flags }) => {
      const re = new RegExp(source, flags);
      const cancel = el
        .closest('[data-demo]')!
        .querySelector<HTMLButtonElement>('[data-role=cancel]')!;
      const watch = new MutationObserver(() => {
        if (!re.test(el.textContent ?? '')) return;
        watch.disconnect();
        cancel.click();
      });
      watch.observe(el, { childList: true, characterData: true, subtree: true });
    },
    { source: re.source, flags: re.flags },
  );
  await pressRun(demo);
  await expect(
    demo,
    `the demo should be cancelled while its status matches ${status}`,
  ).toHaveAttribute('data-state', 'cancelled', { timeout: 180_000 });
  await expectNoLeak(demo);
}

/**
 * Start recording every text the demo's status line shows; the returned function gives them all.
 * A progress line can be on screen for less than a polling interval (a small download on a fast
 * machine), so a test that must see it reads the record instead of polling the element.
 */
export async function recordStatuses(demo: Locator): Promise<() => Promise<string[]>> {
  await demo.locator('[data-role=status]').evaluate((el) => {
    const seen: string[] = [el.textContent ?? ''];
    (el as HTMLElement & { seenTexts?: string[] }).seenTexts = seen;
    new MutationObserver(() => seen.push(el.textContent ?? '')).observe(el, {
      childList: true,
      characterData: true,
      subtree: true,
    });
  });
  return () =>
    demo
      .locator('[data-role=status]')
      .evaluate((el) => [...((el as HTMLElement & { seenTexts?: string[] }).seenTexts ?? [])]);
}
