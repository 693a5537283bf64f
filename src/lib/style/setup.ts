/**
 * From what a reader picks (content, style, where to start, steps, weights) to the pictures and the
 * options of one style-transfer run (./transfer.ts). Starting from the content picture keeps the
 * content term (α = 1) and a small step; starting from noise drops it (α = 0: pure texture synthesis,
 * Gatys et al.'s other use of the style loss) and takes a larger step, since noise is far from any
 * texture.
 */
import {
  contentImage,
  noiseImage,
  styleImage,
  type ContentName,
  type Picture,
  type StyleName,
} from './images.ts';
import { validateTransfer, type TransferOptions } from './transfer.ts';

export interface TransferChoice {
  content: ContentName;
  style: StyleName;
  start: 'content' | 'noise';
  steps: number;
  /** β (with α = 1 when the content term is on) and γ. */
  styleWeight: number;
  tvWeight: number;
}

export interface TransferSetup {
  content: Picture;
  style: Picture;
  /** The picture the optimisation starts from (also `options.init`). */
  start: Picture;
  /** True when there is no content term. */
  texture: boolean;
  options: Pick<
    TransferOptions,
    'steps' | 'learningRate' | 'contentWeight' | 'styleWeight' | 'tvWeight' | 'init' | 'reportEvery'
  >;
  /** validateTransfer's message, or null. */
  problem: string | null;
}

export const CONTENT_LEARNING_RATE = 0.03;
export const TEXTURE_LEARNING_RATE = 0.05;
/** About how many loss reports a run makes (a point on a chart each), whatever its length. */
export const REPORTS = 50;
/** Seed of the starting noise, so that a texture run is reproducible. */
export const NOISE_SEED = 2;

export function transferSetup(c: TransferChoice): TransferSetup {
  const texture = c.start === 'noise';
  const content = contentImage(c.content);
  const start = texture ? noiseImage(content.size, NOISE_SEED) : content;
  const options = {
    steps: c.steps,
    learningRate: texture ? TEXTURE_LEARNING_RATE : CONTENT_LEARNING_RATE,
    contentWeight: texture ? 0 : 1,
    styleWeight: c.styleWeight,
    tvWeight: c.tvWeight,
    init: start,
    reportEvery: Math.max(1, Math.round(c.steps / REPORTS)),
  };
  return {
    content,
    style: styleImage(c.style),
    start,
    texture,
    options,
    problem: validateTransfer(options),
  };
}
