import {
  cancelWhile,
  expect,
  expectNoLeak,
  openDemo,
  pageWithDemo,
  refuses,
  refusesAndFails,
  runDemo,
  test,
} from './fixtures.ts';

type Loc = ReturnType<import('@playwright/test').Page['locator']>;
const pctOf = async (loc: Loc) => Number(/([\d.]+)\s%/.exec((await loc.textContent()) ?? '')![1]);
const numOf = async (loc: Loc) => Number((await loc.textContent())!.trim());

// One page visit per answer. SwiftShader (the webgpu project) compiles the shipped network's gradient
// kernels once per page, slowly, so webgpu runs the attack demo at its smallest size and the fallback
// runs everything.
test('dl-41: attacks, the squeezing defence and adversarial training run live at a tiny size', async ({
  page,
  consoleErrors,
  outside,
}, info) => {
  await page.goto(pageWithDemo('dl41-attack'));

  // FGSM and PGD on the shipped network; a bad ε list is refused before anything runs.
  const attack = page.locator('[data-demo="dl41-attack"]');
  await attack.locator('input[name=epsList]').fill('0.1, abc');
  await refusesAndFails(attack, '"abc" is not a number');
  await expect(attack.locator('[data-role=out]')).toBeHidden();
  await attack.locator('input[name=epsList]').fill('0, 0.1');
  await attack.locator('select[name=n]').selectOption(info.project.name === 'webgpu' ? '20' : '50');
  await attack.locator('select[name=steps]').selectOption('5');
  await runDemo(page, 'dl41-attack');
  const clean = await pctOf(attack.locator('[data-acc="fgsm-0"]'));
  const f = await pctOf(attack.locator('[data-acc="fgsm-0.1"]'));
  const p = await pctOf(attack.locator('[data-acc="pgd-0.1"]'));
  expect(clean).toBeGreaterThan(90);
  expect(p).toBeLessThanOrEqual(f);
  expect(p).toBeLessThan(clean - 30);
  // Four digits: the clean row, and perturbation + result rows for both attacks.
  await expect(attack.locator('[data-out=examples] canvas')).toHaveCount(20);
  await expectNoLeak(attack);

  // The defences run on the fallback only: on SwiftShader (webgpu project) the quantiser's and the small
  // MLP's kernels would be compiled on top of the attack's, for minutes. The attack above and the dl-42
  // test (run, cancel, no leak) cover the webgpu path.
  if (info.project.name === 'webgpu') {
    expect(consoleErrors).toEqual([]);
    expect(outside).toEqual([]);
    return;
  }

  // Squeezing: the masked gradient reports safety that BPDA takes away (ε = 0.2 > 1/6 with 4 levels).
  const squeeze = page.locator('[data-demo="dl41-squeeze"]');
  await squeeze.locator('select[name=n]').selectOption('30');
  await squeeze.locator('select[name=steps]').selectOption('5');
  await squeeze.locator('input[name=epsList]').fill('0, 0.2');
  await runDemo(page, 'dl41-squeeze');
  const masked = await pctOf(squeeze.locator('[data-acc="masked-0.2"]'));
  const bpda = await pctOf(squeeze.locator('[data-acc="bpda-0.2"]'));
  expect(masked).toBeGreaterThan(80);
  expect(bpda).toBeLessThan(masked - 50);
  await expectNoLeak(squeeze);

  // Adversarial training: bad input refused, a tiny run, then a cancel mid-training.
  const train = page.locator('[data-demo="dl41-advtrain"]');
  await train.locator('input[name=epochs]').fill('0');
  await refuses(train, 'whole number from 1 to 10');
  await train.locator('select[name=n]').selectOption('1000');
  await train.locator('select[name=test]').selectOption('100');
  await train.locator('input[name=epochs]').fill('2');
  await runDemo(page, 'dl41-advtrain');
  const plain = await pctOf(train.locator('[data-acc="standard-robust"]'));
  const adv = await pctOf(train.locator('[data-acc="adversarial-robust"]'));
  expect(await pctOf(train.locator('[data-acc="standard-clean"]'))).toBeGreaterThan(70);
  expect(adv).toBeGreaterThan(plain + 15);
  await expectNoLeak(train);
  await train.locator('input[name=epochs]').fill('10');
  await cancelWhile(train, 'plain training: ');
  expect(consoleErrors).toEqual([]);
  expect(outside).toEqual([]);
});

test('dl-42: the Gram-matrix style loss falls; bad steps are refused; cancel frees everything', async ({
  page,
  consoleErrors,
  outside,
}) => {
  const demo = await openDemo(page, 'dl42-style');
  await demo.locator('input[name=steps]').fill('0');
  await refuses(demo, 'Steps must be a whole number');

  await demo.locator('input[name=steps]').fill('12');
  await runDemo(page, 'dl42-style');
  const first = await numOf(demo.locator('[data-loss="style-first"]'));
  const last = await numOf(demo.locator('[data-loss="style-last"]'));
  expect(last).toBeLessThan(first / 2);
  await expectNoLeak(demo);

  await demo.locator('input[name=steps]').fill('2000');
  await cancelWhile(demo, 'Step ');
  expect(consoleErrors).toEqual([]);
  expect(outside).toEqual([]);
});
