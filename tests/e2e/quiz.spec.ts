import { cancelWhile, expect, expectNoLeak, refusesAndFails, runDemo, test } from './fixtures.ts';

const VAES = '/generative-quiz/maximum-likelihood-and-vaes/';
const BAYES = '/generative-quiz/bayes-translation-room/';
const GAN = '/generative-quiz/gan-generator-loss/';

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('each quiz reads as a plain list with the answer, reasons and explanation in <details>', async ({
    page,
  }) => {
    await page.goto(VAES);
    const quiz = page.locator('[data-quiz="quiz-1"]');
    await expect(quiz.locator('.quiz__option')).toHaveCount(4);
    await expect(quiz.locator('.quiz__option').first()).toContainText('(a)');
    await expect(quiz.locator('input').first()).toBeHidden();
    await expect(quiz.locator('[data-role=check]')).toBeHidden();
    const details = quiz.locator('details');
    await expect(details.locator('.quiz__key')).toBeHidden();
    await details.locator('summary').click();
    await expect(details.locator('.quiz__key')).toHaveText('Answer: (a) and (b).');
    await expect(details.locator('.quiz__reasons li')).toHaveCount(4);
    await expect(details.locator('.quiz__reasons li').nth(2)).toContainText('(c) False.');
    await expect(details.locator('.quiz__explanation .katex').first()).toBeVisible();
    await expect(details.locator('a[href^="#bib-"]').first()).toBeVisible();
  });
});

test('quiz by keyboard: select, check, per-option verdicts, state kept on reload', async ({
  page,
  consoleErrors,
  outside,
}) => {
  await page.goto(VAES);
  const q1 = page.locator('[data-quiz="quiz-1"]');
  await expect(q1).toHaveAttribute('data-ready', 'true');
  // Multi-select: Space ticks, Tab moves; the answer is (a) and (b).
  await q1.locator('input[value=a]').focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(q1.locator('[data-role=check]')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(q1).toHaveAttribute('data-result', 'right');
  await expect(q1.locator('[data-role=status]')).toContainText(
    'Right: exactly (a) and (b) are true.',
  );
  await expect(q1.locator('.quiz__option[data-key=c]')).toHaveAttribute(
    'data-verdict',
    'left-right',
  );
  await expect(q1.locator('.quiz__option[data-key=c] [data-role=feedback]')).toBeVisible();
  await expect(q1.locator('details')).toHaveAttribute('open', '');

  // Single choice with arrow keys: (a) then ArrowDown moves the choice to (b), which is wrong.
  const q5 = page.locator('[data-quiz="quiz-5"]');
  await q5.locator('input[value=a]').focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowDown');
  await expect(q5.locator('input[value=b]')).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(q5.locator('[data-role=check]')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(q5).toHaveAttribute('data-result', 'wrong');
  await expect(q5.locator('[data-role=status]')).toContainText('you chose (b); the answer is (a)');
  await expect(q5.locator('.quiz__option[data-key=a]')).toHaveAttribute('data-verdict', 'missed');
  await expect(q5.locator('.quiz__option[data-key=b]')).toHaveAttribute(
    'data-verdict',
    'chosen-wrong',
  );

  // Checking with nothing selected gives a message, not a verdict.
  const q2 = page.locator('[data-quiz="quiz-2"]');
  await q2.locator('[data-role=check]').click();
  await expect(q2.locator('[data-role=status]')).toContainText('Select at least one option');
  await expect(q2).toHaveAttribute('data-result', 'incomplete');

  // Reload: the selections and verdicts of this visit are restored from sessionStorage.
  await page.reload();
  await expect(q1).toHaveAttribute('data-ready', 'true');
  await expect(q1.locator('input[value=a]')).toBeChecked();
  await expect(q1.locator('input[value=b]')).toBeChecked();
  await expect(q1).toHaveAttribute('data-result', 'right');
  await expect(q5.locator('input[value=b]')).toBeChecked();
  await expect(q5).toHaveAttribute('data-result', 'wrong');
  // Changing a selection withdraws the verdict; Clear empties the question.
  await q1.locator('input[value=c]').check();
  await expect(q1).not.toHaveAttribute('data-result', /.+/);
  await expect(q1.locator('[data-role=status]')).toContainText('press Check again');
  await q1.locator('[data-role=reset]').click();
  await expect(q1.locator('input:checked')).toHaveCount(0);
  expect(consoleErrors).toEqual([]);
  expect(outside).toEqual([]);
});

test('VAE demo: refuses bad input, trains a tiny run (ELBO terms, traversal), cancels; frees every tensor', async ({
  page,
  consoleErrors,
  outside,
}, info) => {
  await page.goto(VAES);
  const demo = page.locator('[data-demo="gen-vae"]');
  await demo.locator('[name=epochs]').fill('0');
  await refusesAndFails(demo, 'Epochs must be a whole number from 1 to 30');

  await demo.locator('[name=samples]').fill('300');
  await demo.locator('[name=epochs]').fill('2');
  await demo.locator('[name=hidden]').selectOption('64');
  await runDemo(page, 'gen-vae');
  await expect(demo.locator('[data-role=badge]')).toHaveText(
    info.project.name === 'webgpu' ? /^webgpu/ : /^(webgl|wasm|cpu)/,
  );
  const status = (await demo.locator('[data-role=status]').textContent())!;
  const m = /−ELBO fell from ([\d.]+) to ([\d.]+) nats/.exec(status);
  expect(m, status).not.toBeNull();
  const [from, to] = [Number(m![1]), Number(m![2])];
  // Epoch 0 is the "mean digit" model (decoder bias = logits of the mean image): far below 784·log 2 ≈ 543.
  expect(from).toBeGreaterThan(150);
  expect(from).toBeLessThan(260);
  expect(to).toBeLessThan(from); // six Adam steps: a small but real improvement (larger runs: see the unit test)
  // Estimator table: the autodiff row reproduces the exact gradient (2μ, 2σ) = (1.6, 1.2) to sampling error.
  const tfRow = demo.locator('[data-out=estimators] tr', { hasText: 'tf.grad' });
  const cells = (await tfRow.locator('td').allTextContents()).map(Number);
  expect(Math.abs(cells[0]! - 1.6)).toBeLessThan(0.1);
  expect(Math.abs(cells[1]! - 1.2)).toBeLessThan(0.1);
  await expect(demo.locator('[data-out="chart-recon"] .uplot')).toBeVisible();
  await expect(demo.locator('[data-out="chart-kl"] .uplot')).toBeVisible();
  // The traversal canvas was drawn (10 × 10 digits).
  expect(
    await demo.locator('[data-out=grid]').evaluate((c: HTMLCanvasElement) => [c.width, c.height]),
  ).toEqual([280, 280]);
  await expectNoLeak(demo);

  // A long run, cancelled during the first epoch, stops and frees everything too. Cancel is the same
  // code on every backend; the fallback project checks it (SwiftShader makes this part slow).
  if (info.project.name === 'webgpu') {
    expect(consoleErrors).toEqual([]);
    return;
  }
  await demo.locator('[name=samples]').fill('1000');
  await demo.locator('[name=epochs]').fill('30');
  await cancelWhile(demo, 'Epoch 1/30');
  await expect(demo.locator('[data-role=status]')).toHaveText(
    'Cancelled. Press Run to start again.',
  );
  expect(consoleErrors).toEqual([]);
  expect(outside).toEqual([]);
});

test('GAN losses demo: rebuilt plots, autodiff matches the closed forms, no leak', async ({
  page,
  consoleErrors,
  outside,
}) => {
  await page.goto(GAN);
  const demo = await runDemo(page, 'gen-gan-losses');
  await expect(demo.locator('.uplot')).toHaveCount(2);
  const status = (await demo.locator('[data-role=status]').textContent())!;
  const m =
    /closed forms: ([\d.e-]+) \(losses\), ([\d.e-]+) \(autodiff derivatives\)\. At d = 0\.01 the saturating derivative is (-\d+\.\d+), the non-saturating one (-\d+\.\d+)/.exec(
      status,
    );
  expect(m, status).not.toBeNull();
  expect(Number(m![1])).toBeLessThan(1e-3);
  expect(Number(m![2])).toBeLessThan(1e-4);
  expect(Number(m![3])).toBeCloseTo(-0.01, 3);
  expect(Number(m![4])).toBeCloseTo(-0.99, 3);
  await expectNoLeak(demo);
  expect(consoleErrors).toEqual([]);
  expect(outside).toEqual([]);
});

test('Bayes calculator: hand-checkable default, clear messages for bad input', async ({
  page,
  consoleErrors,
}) => {
  await page.goto(BAYES);
  const calc = page.locator('[data-demo="gen-bayes"]');
  // Defaults P(U) = 0.2, p₁ = 0.9, p₀ = 0.3, one correct translation: 0.18 / (0.18 + 0.24) = 3/7.
  await expect(calc).toHaveAttribute('data-state', 'done');
  await expect(calc.locator('[data-out=post]')).toHaveText('0.4286');
  await expect(calc.locator('[data-out=lr]')).toHaveText('3.0000');
  await expect(calc.locator('[data-out=decision]')).toHaveText('guess “he does not understand”');
  await expect(calc.locator('.uplot')).toBeVisible();
  await calc.locator('[name=p0]').fill('abc');
  await expect(calc).toHaveAttribute('data-state', 'failed');
  await expect(calc.locator('[data-role=status]')).toContainText(
    'P(correct | only English) is “abc”, which is not a number',
  );
  await expect(calc.locator('[name=p0]')).toHaveAttribute('aria-invalid', 'true');
  await calc.locator('[name=p0]').fill('0.1');
  await calc.locator('[name=k]').fill('3');
  await expect(calc.locator('[data-role=status]')).toContainText(
    'k = 3 correct translations cannot exceed n = 1',
  );
  await calc.locator('[name=n]').fill('3');
  await expect(calc).toHaveAttribute('data-state', 'done');
  // Three correct of three with p₀ = 0.1: odds 0.25 · 9³ = 182.25, so P(U | e) = 182.25 / 183.25.
  await expect(calc.locator('[data-out=post]')).toHaveText((182.25 / 183.25).toFixed(4));
  await expect(calc.locator('[data-out=decision]')).toHaveText('guess “he understands”');
  expect(consoleErrors).toEqual([]);
});
