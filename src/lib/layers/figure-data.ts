/**
 * The numbers drawn in the source's figures for the conv → ReLU → max-pool questions (nn-041 to
 * nn-044), as they appear in the repository's images, and what can be computed from them. The
 * column figure elides its middle entries ("…"), so only the stages whose windows avoid the gap are
 * determined; the rest are reported as unknown (null).
 */
import { crossCorrelate, maxPool, relu, type Matrix } from './matrix.ts';

/** conv-4.png: the filter, a 2 × 1 column. */
export const FIGURE_FILTER: Matrix = [[3], [1]];

/** conv-5.png: the column labelled "Input", beside Conv2D and ReLU boxes: 7, 3, −6, …, 5. */
export const FIGURE_COLUMN = { head: [7, 3, -6], tail: [5] } as const;

/** pooling-1.png: the 4 × 4 input of the MaxPool2d(2, 2) question. */
export const FIGURE_POOL_INPUT: Matrix = [
  [-1, 0, 11, -1],
  [-1, 7, 1, -1],
  [-1, 0, 1, -1],
  [-1, 0, 1, -1],
];

const column = (xs: readonly number[]): Matrix => xs.map((v) => [v]);
const flat = (m: Matrix) => m.map((r) => r[0]!);

export interface ColumnReadings {
  /** Reading 1: the column is the convolution's output (the caption); ReLU of it. */
  reluOfColumn: { head: number[]; tail: number[] };
  /** Reading 2: the column is the input (the label); convolution with the filter (valid, stride 1) and ReLU, where determined. */
  convOfColumn: { head: number[]; unknownFromIndex: number };
  reluOfConv: { head: number[] };
}

export function columnReadings(): ColumnReadings {
  const head = [...FIGURE_COLUMN.head];
  const conv = flat(crossCorrelate(column(head), FIGURE_FILTER));
  return {
    reluOfColumn: {
      head: flat(relu(column(head))),
      tail: flat(relu(column([...FIGURE_COLUMN.tail]))),
    },
    convOfColumn: { head: conv, unknownFromIndex: conv.length },
    reluOfConv: { head: flat(relu(column(conv))) },
  };
}

/** nn-044: MaxPool2d(2, 2) of the figure's 4 × 4 input. */
export const figurePool = () => maxPool(FIGURE_POOL_INPUT, 2, 2);
