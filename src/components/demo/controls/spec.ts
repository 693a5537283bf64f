/**
 * A demo's controls declared as data: one entry per field, rendered in order by ./Controls.astro
 * (`<Demo controls={[…]}>` or `<Controls slot="controls" items={[…]} />`). The builders name what a
 * field is and take its range in one place; the components' props are these types, so a field reads
 * the same whether it is declared here or written as a component.
 */

/** A number field: min/max are the one declaration of its range (ctx.int/ctx.num check them). */
export interface NumberProps {
  name: string;
  label: string;
  value: number;
  min?: number;
  max?: number;
  step?: number | 'any';
  /** What messages call the field when the label does not read well there ("The range" for "Range ±"). */
  subject?: string;
}

export type ChoiceOption = string | number | [string | number, string];

/** A select: options as [value, text] pairs (or plain values), one of them selected. */
export interface ChoiceProps {
  name: string;
  label: string;
  options: ChoiceOption[];
  selected?: string | number;
  /** Plain numeric options are fractions, shown as percentages (0.05 → "5 %"). */
  percent?: boolean;
}

/** The epochs field: a whole number from `min` (default 1) to `max`. */
export interface EpochsProps {
  max: number;
  value: number;
  min?: number;
  name?: string;
  label?: string;
  subject?: string;
}

/** How many MNIST images of a split a run uses; options state their download size. */
export interface ImagesProps {
  options: number[];
  selected: number;
  split?: 'train' | 'test';
  name?: string;
  label?: string;
}

/** An optimiser's learning rate: positive, up to `max`, labelled after the optimiser. */
export interface LearningRateProps {
  name: string;
  /** The optimiser as a sentence names it: "SGD", "momentum", "Adam". */
  optimiser: string;
  value: number;
  max?: number;
  label?: string;
}

/** How many test images, counted from the start of the split ("first 200"). */
export interface FirstImagesProps {
  options: number[];
  selected: number;
}

export type ControlSpec =
  | ({ kind: 'number' } & NumberProps)
  | ({ kind: 'choice' } & ChoiceProps)
  | ({ kind: 'epochs' } & EpochsProps)
  | ({ kind: 'images' } & ImagesProps)
  | ({ kind: 'learning-rate' } & LearningRateProps)
  | ({ kind: 'first-images' } & FirstImagesProps);

/** A number field's range: [min, max] or [min, max, step] (undefined for an open end). */
type Range = [min?: number, max?: number, step?: number | 'any'];

/**
 * A number field: `number('lr', 'Large Adam lr', 0.05, [0, 1, 'any'], 'The large learning rate')`;
 * the last argument is what messages call the field, when not its label.
 */
export const number = (
  name: string,
  label: string,
  value: number,
  [min, max, step]: Range = [],
  subject?: string,
): ControlSpec => ({ kind: 'number', name, label, value, min, max, step, subject });

/** A whole-number field: `integer('k', 'Folds', 5, [2, 10])` (step 1). */
export const integer = (
  name: string,
  label: string,
  value: number,
  [min, max]: Range = [],
  subject?: string,
): ControlSpec => number(name, label, value, [min, max, 1], subject);

/** A select, e.g. `choice('n', 'Training examples', [128, 384, 768], 384)`. */
export const choice = (
  name: string,
  label: string,
  options: ChoiceOption[],
  selected?: string | number,
  more: Pick<ChoiceProps, 'percent'> = {},
): ControlSpec => ({ kind: 'choice', name, label, options, selected, ...more });

/** The epochs field: `epochs(60, 20)` allows 1–60 and starts at 20. */
export const epochs = (
  max: number,
  value: number,
  more: Partial<EpochsProps> = {},
): ControlSpec => ({
  kind: 'epochs',
  max,
  value,
  ...more,
});

/** Training images (or `{ split: 'test' }`): `images([200, 1000, 5000], 1000)`. */
export const images = (
  options: number[],
  selected: number,
  more: Pick<ImagesProps, 'split' | 'name' | 'label'> = {},
): ControlSpec => ({ kind: 'images', options, selected, ...more });

/** An optimiser's learning rate: `learningRate('lr', 'SGD', 0.1)`. */
export const learningRate = (
  name: string,
  optimiser: string,
  value: number,
  more: Pick<LearningRateProps, 'max' | 'label'> = {},
): ControlSpec => ({ kind: 'learning-rate', name, optimiser, value, ...more });

/** The first n test images: `firstImages([100, 500], 100)`. */
export const firstImages = (options: number[], selected: number): ControlSpec => ({
  kind: 'first-images',
  options,
  selected,
});
