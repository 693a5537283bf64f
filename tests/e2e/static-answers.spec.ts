/**
 * Computed answers are in the page text as served, without JavaScript: fetch the built HTML (no
 * browser, so no script runs) and look for each number as the site's own code computes and prints it.
 * The last test runs a live demo and checks that it confirms the stated numbers on the reader's backend.
 */
import { expect, expectNoLeak, runDemo, test } from './fixtures.ts';
import { perceptronAnswers } from '../../src/lib/experiments/perceptron-answers.ts';
import { count, fixed, pct } from '../../src/components/demo/format.ts';
import { equalNormPair } from '../../src/lib/robustness/equal-norm.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The visible text of a built page: tags dropped, entities that matter decoded, spaces collapsed. */
async function pageText(request: import('@playwright/test').APIRequestContext, path: string) {
  const res = await request.get(path);
  expect(res.status(), path).toBe(200);
  return (await res.text())
    .replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, '\u00a0')
    .replace(/&#x2212;|&minus;/g, '\u2212')
    .replace(/[ \t\r\n]+/g, ' ');
}

const a = perceptronAnswers();
const results = JSON.parse(
  readFileSync(join(process.cwd(), 'src/data/robustness-results.json'), 'utf8'),
);

test('nn-008/009/014: the sum, the ReLU output, softmax, entropy and cross-entropies are in the HTML', async ({
  request,
}) => {
  const text = await pageText(request, '/neural-networks/perceptron/hidden-node-by-hand/');
  expect(text).toContain(fixed(a.nn008.sum, 3));
  const t = a.nn014.textBias;
  for (const v of [...t.probs, t.entropy, ...t.crossEntropyIfTarget])
    expect(text).toContain(fixed(v, 3));
  expect(text).toContain(`${fixed(t.probs[0]!, 4)}, ${fixed(t.probs[1]!, 4)}`);
});

test('nn-019/020: the eight sums are in the HTML', async ({ request }) => {
  const text = await pageText(
    request,
    '/neural-networks/perceptron/threshold-units-and-logic-gates/',
  );
  expect(text).toContain(a.nn019.map((r) => fixed(r.sum, 1)).join(', '));
  expect(text).toContain(a.nn020.map((r) => fixed(r.sum, 2)).join(', '));
});

test('nn-025: the sigmoid and its base-2 approximations, row by row, are in the HTML', async ({
  request,
}) => {
  const text = await pageText(
    request,
    '/neural-networks/perceptron/sigmoid-and-its-approximation/',
  );
  for (const r of a.nn025)
    expect(text).toContain(
      `${r.v} ${fixed(r.sigmoid, 6)} ${fixed(r.approx144, 6)} ${fixed(r.approx144 - r.sigmoid, 6)} ${fixed(r.approx15, 6)}`,
    );
});

test('nn-026/027: the tanh values and the parameter count are in the HTML', async ({ request }) => {
  const text = await pageText(request, '/neural-networks/perceptron/tanh-and-gradcheck/');
  expect(text).toContain(a.nn026.map((v) => fixed(v, 6)).join(', '));
  expect(text).toContain(count(a.nn027.parameters));
});

test('mnist-qualitative: noise and PGD compared at equal perturbation size, from the committed sweep', async ({
  request,
}) => {
  const text = await pageText(request, '/mnist-robustness/qualitative/');
  const pair = equalNormPair<{ l2: number; accuracy: number }, { l2: number; accuracy: number }>(
    results.sweep.random,
    results.sweep.adversarial,
  )!;
  for (const p of [pair.random, pair.adversarial]) {
    expect(text).toContain(`‖δ‖₂ ≈ ${fixed(p.l2, 2)}`);
    expect(text).toContain(pct(p.accuracy, 1));
  }
});

test('nn-026: the live demo confirms the stated tanh values with the custom op on the active backend', async ({
  page,
  consoleErrors,
}) => {
  await page.goto('/neural-networks/perceptron/tanh-and-gradcheck/');
  const demo = await runDemo(page, 'perceptron-activations');
  const live = /with the custom tanh op on \w+: \[([^\]]*)\]/
    .exec((await demo.locator('[data-out=result]').textContent())!)![1]!
    .split(', ')
    .map(Number);
  expect(live).toHaveLength(a.nn026.length);
  live.forEach((v, i) => expect(v).toBeCloseTo(a.nn026[i]!, 5));
  await expectNoLeak(demo);
  expect(consoleErrors).toEqual([]);
});
