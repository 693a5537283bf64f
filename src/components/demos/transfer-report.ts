/**
 * How the outcome of a transfer run (src/lib/labs/transfer.ts) reads in the lab-resnet demo: the
 * model-and-data sentence, the pre-training accuracy, the table of the three arms and the closing line.
 */
import { count, num, pct, plural } from '../demo/format.ts';
import type { Column } from '../demo/columns.ts';
import {
  ARM_LABELS,
  type Arm,
  type ArmResult,
  type TransferResult,
} from '../../lib/labs/transfer.ts';

const acc = (v: number) => pct(v, 1);

/** The body's layers and sizes, and how many images each part of the experiment used. */
export function modelSentence(r: TransferResult, [w1, w2]: [number, number], blocks: number) {
  return (
    `ResNet body: stem conv 3×3×${w1} → pool → ${plural(blocks, 'block')} at 14×14×${w1} → ${plural(blocks, 'block')} at 7×7×${w2} (the first with a projection shortcut) → global average pool → ${w2} features; ` +
    `${count(r.bodyParameters)} parameters in the body, ${r.headParameters} in a 5-way head. Data: ${count(r.counts.pretrain)} pre-training images of 0–4, ${r.counts.target} labelled images of 5–9, ` +
    `${r.counts.sourceTest} test images of 0–4 and ${r.counts.targetTest} of 5–9.`
  );
}

/**
 * Source-task accuracy after pre-training (and after each of its epochs when there were several),
 * or, with `epoch` (0-based), after that epoch while pre-training goes on.
 */
export function pretrainSentence(accuracy: number[], epoch?: number) {
  const chance = 'test accuracy on digits 0–4 (chance: 20 %)';
  if (epoch !== undefined)
    return `Pre-training epoch ${epoch + 1}: ${acc(accuracy[0]!)} ${chance}.`;
  const byEpoch = accuracy.length > 1 ? `; by epoch: ${accuracy.map(acc).join(', ')}` : '';
  return `After pre-training: ${acc(accuracy.at(-1)!)} ${chance}${byEpoch}.`;
}

/** The arms' table: accuracy after the first, the middle and the last epoch, the best, the cost. */
export function armColumns(labelled: number, epochs: number): Column<ArmResult>[] {
  const half = Math.max(0, Math.ceil(epochs / 2) - 1);
  return [
    [`digits 5–9, ${labelled} labelled images`, (a) => ARM_LABELS[a.arm]],
    ['trained parameters', (a) => count(a.trainable)],
    ['after epoch 1', (a) => acc(a.accuracy[0]!)],
    [`after epoch ${half + 1}`, (a) => acc(a.accuracy[half]!)],
    [`final (epoch ${epochs})`, (a) => ({ text: acc(a.accuracy.at(-1)!), data: { out: 'final' } })],
    ['best', (a) => acc(Math.max(...a.accuracy))],
    ['seconds', (a) => num(a.seconds, 1)],
  ];
}

/** The three final accuracies in one line. */
export function finalSentence(arms: ArmResult[]) {
  const final = (a: Arm) => acc(arms.find((x) => x.arm === a)!.accuracy.at(-1)!);
  return `Final test accuracy on digits 5–9: fine-tune ${final('fine-tune')}, frozen features ${final('frozen')}, from scratch ${final('scratch')} (chance: 20 %).`;
}
