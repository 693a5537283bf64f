import { expect, test } from './fixtures.ts';
import { bottleneckVersusWide } from '../../src/lib/layers/bottleneck.ts';
import { batchOfOne } from '../../src/lib/layers/batch-of-one.ts';
import { singleNode } from '../../src/lib/experiments/perceptron.ts';
import { NN008 } from '../../src/lib/experiments/perceptron-answers.ts';
import { fixed } from '../../src/components/demo/format.ts';

/**
 * The neural-network questions' figures, redrawn as SVG from the source repository: each renders on
 * the page that answers its question, right after that question, with a caption naming the source file.
 */
const FIGURES: { page: string; question: string; file: string; text: string[] }[] = [
  {
    page: '/neural-networks/perceptron/hidden-node-by-hand/',
    question: 'nn-008',
    file: 'img/mlp-1.png',
    text: ['H1', 'Σ', 'B1', 'out1'],
  },
  {
    page: '/neural-networks/perceptron/hidden-node-by-hand/',
    question: 'nn-014',
    file: 'img/mlp-3.png',
    text: ['θ₀', 'H₃', 'γ₂'],
  },
  {
    page: '/neural-networks/perceptron/threshold-units-and-logic-gates/',
    question: 'nn-019',
    file: 'img/perceptron-1.png',
    text: ['H1', 'Σ', 'B1'],
  },
  {
    page: '/neural-networks/perceptron/threshold-units-and-logic-gates/',
    question: 'nn-023',
    file: 'img/perceptron-2.png',
    text: ['x₁', 'x₂', 'y'],
  },
  {
    page: '/neural-networks/perceptron/sigmoid-and-its-approximation/',
    question: 'nn-025',
    file: 'img/activation-1.png',
    text: ['1/(1+e^(−2x))', '1/(1+e^(−5x))', '1/(1+2^(−1.5x))'],
  },
  {
    page: '/neural-networks/perceptron/tanh-and-gradcheck/',
    question: 'nn-026',
    file: 'img/activation-2.png',
    text: ['4·tanh(x/4)', 'tanh(x/4)'],
  },
  {
    page: '/neural-networks/layers/bottleneck-layers/',
    question: 'nn-053',
    file: 'img/conv-6.png',
    text: ['256', '32'],
  },
  {
    page: '/neural-networks/layers/bottleneck-layers/',
    question: 'nn-053',
    file: 'img/conv-7.png',
    text: ['256'],
  },
  {
    page: '/neural-networks/layers/residual-blocks/',
    question: 'nn-055',
    file: 'img/resnet-1.png',
    text: ['Hidden', 'x'],
  },
  {
    page: '/neural-networks/perceptron/relu-and-cnn-shapes/',
    question: 'nn-032',
    file: 'img/activation-4.png',
    text: ['512×512×3', 'ReLU 3×3', '512×512×16'],
  },
  {
    page: '/neural-networks/perceptron/tanh-saturation-and-initialisation/',
    question: 'nn-030',
    file: 'img/activation-3.png',
    text: ['tanh', 'linear'],
  },
  {
    page: '/neural-networks/layers/dropout-layers/',
    question: 'nn-039',
    file: 'img/dropout-1.png',
    text: ['θ₀', 'H'],
  },
  {
    page: '/neural-networks/layers/dropout-layers/',
    question: 'nn-039',
    file: 'img/dropout-2.png',
    text: ['H₁', 'H₂', 'γ₁'],
  },
  {
    page: '/neural-networks/layers/conv-relu-pool-worked-example/',
    question: 'nn-041',
    file: 'img/conv-4.png',
    text: ['3', '1'],
  },
  {
    page: '/neural-networks/layers/conv-relu-pool-worked-example/',
    question: 'nn-042',
    file: 'img/conv-5.png',
    text: ['Input', '7', '−6', 'Conv2D', 'ReLU'],
  },
  {
    page: '/neural-networks/layers/conv-relu-pool-worked-example/',
    question: 'nn-044',
    file: 'img/pooling-1.png',
    text: ['11', '7', '−1'],
  },
  {
    page: '/neural-networks/layers/vgg11-feature-shapes/',
    question: 'nn-038',
    file: 'img/conv-2.png',
    text: ['conv4_3', '4,096', '1,000'],
  },
  {
    page: '/neural-networks/layers/dropout-layers/',
    question: 'nn-040',
    file: 'img/dropout-3.png',
    text: ['Dropout (p=P)', 'Dropout (p=Q)'],
  },
  {
    page: '/neural-networks/layers/normalisation-layers/',
    question: 'nn-048',
    file: 'img/BN-1.png',
    text: ['Conv2D', 'BatchNorm2D'],
  },
  {
    page: '/neural-networks/regularisation/dropout-as-ensemble/',
    question: 'nn-126',
    file: 'img/base_network.png',
    text: ['x₁', 'h₂', 'y'],
  },
  {
    page: '/neural-networks/layers/stacked-max-pooling/',
    question: 'nn-045',
    file: 'img/pooling-2.png',
    text: ['BatchNorm2d(32)', 'MaxPool2d(2, 2)'],
  },
  {
    page: '/neural-networks/training/validation-curves-and-overfitting/',
    question: 'nn-060',
    file: 'img/validation-curve-1.png',
    text: ['VALID', 'TRAIN', 'EPOCH'],
  },
  {
    page: '/neural-networks/training/validation-curves-and-overfitting/',
    question: 'nn-063',
    file: 'img/log-loss-1.png',
    text: ['E', 'val-loss', 'tr-loss'],
  },
];

for (const f of FIGURES) {
  test(`${f.question}: ${f.file} is redrawn on ${f.page}`, async ({ page, consoleErrors }) => {
    await page.goto(f.page);
    const figure = page.locator(`figure[data-figure="${f.file}"]`);
    await expect(figure).toBeVisible();
    const svg = figure.locator('svg').first();
    await expect(svg).toBeVisible();
    const box = (await svg.boundingBox())!;
    expect(box.width).toBeGreaterThan(50);
    expect(box.height).toBeGreaterThan(30);
    // The drawing itself (not the caption) carries the figure's labels and numbers.
    for (const t of f.text)
      await expect(figure.locator('svg', { hasText: t }).first()).toBeVisible();
    await expect(figure.locator('figcaption a')).toHaveAttribute(
      'href',
      new RegExp(`ajitsingh98/Data-Science-Interview-Questions-Answers/.*${f.file}$`),
    );
    // The figure belongs to its question: the nearest question box above it is that question's.
    const owner = await figure.evaluate((el) => {
      const boxes = [...document.querySelectorAll('aside.question-box')];
      const above = boxes.filter(
        (b) => b.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING,
      );
      return above.at(-1)?.querySelector('.question-box__meta code')?.textContent;
    });
    expect(owner).toBe(f.question);
    expect(consoleErrors).toEqual([]);
  });
}

test('nn-039: the figure crosses out exactly two hidden units', async ({ page }) => {
  await page.goto('/neural-networks/layers/dropout-layers/');
  const crossed = page.locator('figure[data-figure="img/dropout-2.png"] [data-crossed=true]');
  await expect(crossed).toHaveCount(2);
});

test('nn-073 states both batch-of-one cases as computed by the library', async ({ page }) => {
  const r = batchOfOne();
  await page.goto('/neural-networks/optimisation/batch-size-and-epochs/');
  const main = page.locator('main');
  await expect(main).toContainText(
    `over ${r.features} random features, the largest absolute normalised value is ${r.denseMaxAbs}`,
  );
  await expect(main).toContainText(r.imageChannels.map((m) => m.std.toFixed(3)).join(', '));
  await expect(main).toContainText('instance normalisation');
});

test('nn-008: the figure separates the node from the sum, and the page states both values', async ({
  page,
}) => {
  await page.goto('/neural-networks/perceptron/hidden-node-by-hand/');
  const main = page.locator('main');
  const node = singleNode(NN008.x, NN008.w, 0).sum;
  const sum = singleNode(NN008.x, NN008.w, NN008.b).sum;
  expect(node).not.toBeCloseTo(sum, 6);
  await expect(main).toContainText(fixed(node, 3));
  await expect(main).toContainText(fixed(sum, 3));
});

test('nn-053 states the weight counts of both blocks, as computed by the library', async ({
  page,
}) => {
  const { bottleneck, wide, ratio } = bottleneckVersusWide(256, 32);
  await page.goto('/neural-networks/layers/bottleneck-layers/');
  const main = page.locator('main');
  await expect(main).toContainText(bottleneck.weights.toLocaleString('en-US'));
  await expect(main).toContainText(wide.weights.toLocaleString('en-US'));
  await expect(main).toContainText(`${ratio} times heavier`);
});
