/**
 * Self-checks: a wrong answer is judged incorrect and a right one correct, each verdict stating its
 * rule; the answer can be revealed without trying; progress shows per section on the index page and
 * its reset forgets it; a formula that cannot be read is located, not judged; all by keyboard, at
 * phone width too, with no tfjs and no outside request.
 */
import { expect, test } from './fixtures.ts';
import { NN008, perceptronAnswers } from '../../src/lib/experiments/perceptron-answers.ts';
import { singleNode } from '../../src/lib/experiments/perceptron.ts';
import { vggShapes } from '../../src/lib/layers/vgg11.ts';
import {
  ANSWER_KEYS,
  type ChoiceKey,
  type FillInKey,
  type TrueFalseKey,
} from '../../src/lib/selfcheck/answer-keys.ts';
import { expectedText, ruleText } from '../../src/lib/selfcheck/check.ts';
import { SELF_CHECKS } from '../../src/lib/selfcheck/registry.ts';

const PAGE = '/neural-networks/perceptron/hidden-node-by-hand/';
const INDEX = '/neural-networks/';
const a = perceptronAnswers();
/** A value as a reader might type it: typographic minus, a trailing zero. */
const typed = (v: number, decimals: number) => v.toFixed(decimals).replace('-', '\u2212') + '0';

test('wrong then right, by keyboard; progress on the index; reset; no tfjs, no outside request', async ({
  page,
  consoleErrors,
  outside,
}) => {
  const scripts: string[] = [];
  page.on('request', (r) => scripts.push(r.url()));
  await page.goto(PAGE);
  const form = page.locator('form[data-selfcheck="nn-009"]');
  await expect(form).toHaveAttribute('data-ready', 'true');
  const verdict = form.locator('[data-verdict]');
  const input = form.locator('input[type=text]');

  await input.focus();
  await page.keyboard.type(String(a.nn008.sum)); // the pre-activation, not the ReLU of it
  await page.keyboard.press('Enter');
  await expect(verdict).toHaveAttribute('data-verdict', 'incorrect');
  await expect(verdict).toContainText('exact value');
  await expect(input).toHaveAttribute('aria-invalid', 'true');

  await input.fill(String(a.nn009.relu));
  await page.keyboard.press('Tab');
  await expect(form.getByRole('button', { name: 'Check' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(verdict).toHaveAttribute('data-verdict', 'correct');

  // Two fields, both needed; typographic minus and a trailing zero are accepted.
  const nn008 = page.locator('form[data-selfcheck="nn-008"]');
  const [first, second] = [nn008.locator('input').nth(0), nn008.locator('input').nth(1)];
  await first.fill(typed(a.nn008.sum, 3));
  await second.fill(typed(a.nn008.sum, 3));
  await nn008.getByRole('button', { name: 'Check' }).click();
  await expect(nn008.locator('[data-verdict]')).toHaveAttribute('data-verdict', 'incorrect');
  await expect(nn008.locator('[data-verdict]')).toContainText('±0.0005');
  await expect(first).toHaveAttribute('aria-invalid', 'true');
  await expect(second).toHaveAttribute('aria-invalid', 'false');
  const weighted = singleNode(NN008.x, NN008.w, 0).sum; // out₁ is the sum before the bias is added
  await first.fill(typed(weighted, 3));
  await nn008.getByRole('button', { name: 'Check' }).click();
  await expect(nn008.locator('[data-verdict]')).toHaveAttribute('data-verdict', 'correct');

  await page.goto(INDEX);
  const progress = page.locator('[data-selfcheck-progress]').first();
  await expect(progress).toContainText(/Self-checks: 2 of \d+ checked, 2 correct/);
  await progress.getByRole('button', { name: /Reset self-check progress for Perceptron/ }).click();
  await expect(progress).toContainText(/Self-checks: 0 of \d+ checked, 0 correct/);
  await page.reload();
  await expect(progress).toContainText(/Self-checks: 0 of \d+ checked/);

  expect(scripts.filter((u) => /tfjs|tensorflow/i.test(u))).toEqual([]);
  expect(consoleErrors).toEqual([]);
  expect(outside).toEqual([]);
});

test('the answer can be revealed without trying, by keyboard, at phone width; shapes are judged as (N, C, H, W)', async ({
  page,
  consoleErrors,
}) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto('/neural-networks/layers/vgg11-feature-shapes/');
  const form = page.locator('form[data-selfcheck="nn-037"]');
  await expect(form).toHaveAttribute('data-ready', 'true');
  const answer = form.locator('details');
  await answer.locator('summary').focus();
  await page.keyboard.press('Enter');
  const shape = vggShapes(224, 224, 3).at(-1)!;
  await expect(answer).toContainText(`(${shape.join(', ')})`);
  const box = await form.boundingBox();
  expect(box!.x + box!.width).toBeLessThanOrEqual(390);

  const input = form.locator('input[type=text]');
  await input.fill(`(${[shape[0], shape[2], shape[3], shape[1]].join(', ')})`); // channels last: wrong order
  await form.getByRole('button', { name: 'Check' }).click();
  await expect(form.locator('[data-verdict]')).toHaveAttribute('data-verdict', 'incorrect');
  await expect(form.locator('[data-verdict]')).toContainText('shape as (N, C, H, W)');
  await input.fill(`torch.Size([${shape.join(', ')}])`);
  await form.getByRole('button', { name: 'Check' }).click();
  await expect(form.locator('[data-verdict]')).toHaveAttribute('data-verdict', 'correct');

  // An unreadable answer is neither correct nor incorrect: it says what to write.
  await input.fill('N, C, H, W');
  await form.getByRole('button', { name: 'Check' }).click();
  await expect(form.locator('[data-verdict]')).toHaveAttribute('data-verdict', 'unreadable');
  expect(consoleErrors).toEqual([]);
});

test('true/false and select-all by keyboard: the verdict states the rule, agrees with the answer, and counts on the index', async ({
  page,
  consoleErrors,
  outside,
}) => {
  // nn-018, true/false: the wrong verdict, then the right one, chosen with the arrow keys.
  const tf = ANSWER_KEYS['nn-018'] as TrueFalseKey;
  const truth = tf.statements[0]!.value;
  await page.goto('/neural-networks/perceptron/perceptron-true-or-false/');
  const form = page.locator('form[data-selfcheck="nn-018"]');
  await expect(form).toHaveAttribute('data-ready', 'true');
  const verdict = form.locator('[data-verdict]');
  const radio = (v: boolean) => form.getByRole('radio', { name: v ? 'True' : 'False' });
  await radio(!truth).focus();
  await page.keyboard.press('Space');
  await expect(radio(!truth)).toBeChecked();
  await page.keyboard.press('Enter');
  await expect(verdict).toHaveAttribute('data-verdict', 'incorrect');
  await expect(verdict).toContainText('True or False, for the statement as worded');
  await page.keyboard.press(truth ? 'ArrowUp' : 'ArrowDown'); // True comes before False
  await expect(radio(truth)).toBeChecked();
  await page.keyboard.press('Enter');
  await expect(verdict).toHaveAttribute('data-verdict', 'correct');
  // The answer's first sentence states the same verdict.
  await expect(page.locator('[data-answer-key="nn-018"]')).toHaveText(truth ? 'True' : 'False');

  // nn-051, select all that apply: checkboxes by Tab and Space; a missing option is wrong.
  const mc = ANSWER_KEYS['nn-051'] as ChoiceKey;
  await page.goto('/neural-networks/layers/normalisation-layers/');
  const multi = page.locator('form[data-selfcheck="nn-051"]');
  await expect(multi).toHaveAttribute('data-ready', 'true');
  const boxes = multi.getByRole('checkbox');
  await expect(boxes).toHaveCount(mc.options.length);
  const tick = async (key: string) => {
    const box = multi.locator(`input[type=checkbox][value="${key}"]`);
    await box.focus();
    await page.keyboard.press('Space');
    await expect(box).toBeChecked();
  };
  for (const key of mc.correct.slice(0, -1)) await tick(key);
  await multi.getByRole('button', { name: 'Check' }).focus();
  await page.keyboard.press('Enter');
  const mv = multi.locator('[data-verdict]');
  await expect(mv).toHaveAttribute('data-verdict', 'incorrect');
  await expect(mv).toContainText('every option must be rightly chosen or left out');
  await tick(mc.correct.at(-1)!);
  await multi.getByRole('button', { name: 'Check' }).press('Enter');
  await expect(mv).toHaveAttribute('data-verdict', 'correct');
  // A wrong option added on top makes it incorrect again.
  const wrong = mc.options.find((o) => !mc.correct.includes(o.key))!.key;
  await tick(wrong);
  await multi.getByRole('button', { name: 'Check' }).press('Enter');
  await expect(mv).toHaveAttribute('data-verdict', 'incorrect');
  await expect(page.locator('[data-answer-key="nn-051"]').first()).toContainText(
    mc.correct.at(-1)!,
  );

  // Both count on the index: the Perceptron section one correct, the layers section one checked.
  await page.goto('/neural-networks/');
  await expect(page.locator('[data-selfcheck-progress][data-ids~="nn-018"]')).toContainText(
    /Self-checks: 1 of \d+ checked, 1 correct/,
  );
  await expect(page.locator('[data-selfcheck-progress][data-ids~="nn-051"]')).toContainText(
    /Self-checks: 1 of \d+ checked, 0 correct/,
  );
  expect(consoleErrors).toEqual([]);
  expect(outside).toEqual([]);
});

test('a formula by keyboard: a wrong one, a parse error that says where and keeps the input, then an equivalent form', async ({
  page,
  consoleErrors,
  outside,
}) => {
  const part = SELF_CHECKS['nn-034']!.parts[0]!;
  await page.goto('/neural-networks/perceptron/leaky-relu-and-swish/');
  const form = page.locator('form[data-selfcheck="nn-034"]');
  await expect(form).toHaveAttribute('data-ready', 'true');
  const verdict = form.locator('[data-verdict]');
  const input = form.locator('input[type=text]');

  await input.focus();
  await page.keyboard.type('x*s(x)'); // Swish at β = 1 only; the points vary β
  await page.keyboard.press('Enter');
  await expect(verdict).toHaveAttribute('data-verdict', 'incorrect');
  await expect(verdict).toContainText(ruleText(part.expect));

  const unbalanced = 'x/(1+exp(-beta*x)))';
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(unbalanced);
  await page.keyboard.press('Enter');
  await expect(verdict).toHaveAttribute('data-verdict', 'unreadable');
  await expect(verdict).toContainText(`unexpected ')' at character ${unbalanced.length}`);
  await expect(input).toHaveValue(unbalanced);

  await page.keyboard.press('Backspace');
  await page.keyboard.press('Enter');
  await expect(verdict).toHaveAttribute('data-verdict', 'correct');
  await expect(form.locator('details')).toContainText(expectedText(part.expect));
  expect(expectedText(part.expect)).not.toBe(unbalanced.slice(0, -1));
  expect(consoleErrors).toEqual([]);
  expect(outside).toEqual([]);
});

test('blanks to fill in and a mixed form of numbers, choices and a shape: wrong, then right; the answer prints the same terms', async ({
  page,
  consoleErrors,
  outside,
}) => {
  // nn-007: three blanks, each a choice of terms; the last one wrong first.
  const key = ANSWER_KEYS['nn-007'] as FillInKey;
  await page.goto('/neural-networks/perceptron/sigmoid-neuron-cost/');
  const form = page.locator('form[data-selfcheck="nn-007"]');
  await expect(form).toHaveAttribute('data-ready', 'true');
  const pick = async (f: typeof form, part: number, text: string) => {
    const radio = f
      .locator(`fieldset[data-part="${part}"]`)
      .getByRole('radio', { name: text, exact: true });
    await radio.focus();
    await page.keyboard.press('Space');
    await expect(radio).toBeChecked();
  };
  const last = key.blanks.length - 1;
  for (const [i, b] of key.blanks.entries())
    await pick(form, i, i === last ? b.options.find((o) => o !== b.correct)! : b.correct);
  await form.getByRole('button', { name: 'Check' }).press('Enter');
  const verdict = form.locator('[data-verdict]');
  await expect(verdict).toHaveAttribute('data-verdict', 'incorrect');
  await pick(form, last, key.blanks[last]!.correct);
  await form.getByRole('button', { name: 'Check' }).press('Enter');
  await expect(verdict).toHaveAttribute('data-verdict', 'correct');
  const printed = page.locator('[data-answer-key="nn-007"]');
  await expect(printed).toHaveText(key.blanks.map((b) => b.correct));

  // nn-038: VGG11 in numbers, two choices and a kernel shape, from the same code the answer prints.
  const spec = SELF_CHECKS['nn-038']!;
  await page.goto('/neural-networks/layers/vgg11-feature-shapes/');
  const vgg = page.locator('form[data-selfcheck="nn-038"]');
  await expect(vgg).toHaveAttribute('data-ready', 'true');
  const fill = async (nudge: boolean) => {
    for (const [i, p] of spec.parts.entries()) {
      const e = p.expect;
      if (e.kind === 'choice') await pick(vgg, i, e.options.find((o) => o.key === e.correct)!.text);
      else if (e.kind === 'number')
        await vgg
          .locator(`input[data-part="${i}"]`)
          .fill(String(e.value + (nudge && i === 0 ? 1 : 0)));
      else await vgg.locator(`input[data-part="${i}"]`).fill(expectedText(e));
    }
    await vgg.getByRole('button', { name: 'Check' }).press('Enter');
  };
  const vv = vgg.locator('[data-verdict]');
  await fill(true);
  await expect(vv).toHaveAttribute('data-verdict', 'incorrect');
  await fill(false);
  await expect(vv).toHaveAttribute('data-verdict', 'correct');
  const first = spec.parts[0]!.expect;
  if (first.kind !== 'number') throw new Error('nn-038 starts with the count of convolutions');
  await expect(page.locator('.sl-markdown-content')).toContainText(
    `VGG11 has ${first.value} convolutional layers`,
  );
  expect(consoleErrors).toEqual([]);
  expect(outside).toEqual([]);
});
