/**
 * How the outcome of a transfer run (src/lib/labs/transfer.ts) reads in the lab-resnet demo: the
 * model-and-data sentence, the pre-training accuracy, the table of the three arms and the closing line.
 */
import { count, digitsText, num, pct, plural } from '../demo/format.ts';
import type { Column } from '../demo/columns.ts';
import {
  ARM_LABELS,
  TRANSFER_LAB,
  type Arm,
  type ArmResult,
  type TransferResult,
} from '../../lib/labs/transfer.ts';

const acc = (v: number) => pct(v, 1);

/** The source task's digits (pre-training) and the new task's, as the page writes them. */
export const SOURCE_DIGITS = digitsText(TRANSFER_LAB.sourceDigits);
export const TARGET_DIGITS = digitsText(TRANSFER_LAB.targetDigits);
const chance = (digits: readonly number[]) => `chance: ${pct(1 / digits.length, 0)}`;

/** The body's layers and sizes, and how many images each part of the experiment used. */
export function modelSentence(r: TransferResult, [w1, w2]: [number, number], blocks: number) {
  return (
    `ResNet body: stem conv 3×3×${w1} → pool → ${plural(blocks, 'block')} at 14×14×${w1} → ${plural(blocks, 'block')} at 7×7×${w2} (the first with a projection shortcut) → global average pool → ${w2} features; ` +
    `${count(r.bodyParameters)} parameters in the body, ${r.headParameters} in a ${TRANSFER_LAB.targetDigits.length}-way head. Data: ${count(r.counts.pretrain)} pre-training images of ${SOURCE_DIGITS}, ${r.counts.target} labelled images of ${TARGET_DIGITS}, ` +
    `${r.counts.sourceTest} test images of ${SOURCE_DIGITS} and ${r.counts.targetTest} of ${TARGET_DIGITS}.`
  );
}

/**
 * Source-task accuracy after pre-training (and after each of its epochs when there were several),
 * or, with `epoch` (0-based), after that epoch while pre-training goes on.
 */
export function pretrainSentence(accuracy: number[], epoch?: number) {
  const what = `test accuracy on digits ${SOURCE_DIGITS} (${chance(TRANSFER_LAB.sourceDigits)})`;
  if (epoch !== undefined) return `Pre-training epoch ${epoch + 1}: ${acc(accuracy[0]!)} ${what}.`;
  const byEpoch = accuracy.length > 1 ? `; by epoch: ${accuracy.map(acc).join(', ')}` : '';
  return `After pre-training: ${acc(accuracy.at(-1)!)} ${what}${byEpoch}.`;
}

/** The arms' table: accuracy after the first, the middle and the last epoch, the best, the cost. */
export function armColumns(labelled: number, epochs: number): Column<ArmResult>[] {
  const half = Math.max(0, Math.ceil(epochs / 2) - 1);
  return [
    [`digits ${TARGET_DIGITS}, ${labelled} labelled images`, (a) => ARM_LABELS[a.arm]],
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
  return `Final test accuracy on digits ${TARGET_DIGITS}: fine-tune ${final('fine-tune')}, frozen features ${final('frozen')}, from scratch ${final('scratch')} (${chance(TRANSFER_LAB.targetDigits)}).`;
}
