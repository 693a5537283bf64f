/**
 * What a trained VAE has learnt, drawn for gen-vae: the decoder's means on a 10 × 10 grid of codes
 * from −2 to 2 in z₁ and z₂ (the other coordinates at 0), and eight held-out digits above their
 * reconstructions from the encoder's mean.
 */
import type * as TF from '@tensorflow/tfjs';
import { drawDigits } from '../../demo/index.ts';
import type { DemoContext } from '../../demo/runtime.ts';
import {
  originalsAndReconstructions,
  traversalGrid,
  type Vae,
} from '../../../lib/generative/vae.ts';

const GRID = 10;
const SHOWN = 8;

/** Fill grid, grid-caption and recon; `held` are the binarised held-out images. */
export async function drawTraversal(
  ctx: Pick<DemoContext, 'tf' | 'out'>,
  vae: Vae,
  held: TF.Tensor2D,
  latent: number,
) {
  const grid = await traversalGrid(ctx.tf, vae, GRID, 2);
  drawDigits(ctx.out<HTMLCanvasElement>('grid'), grid, GRID * GRID, GRID);
  const others = latent > 2 ? `, the other ${latent - 2} coordinates at 0` : '';
  ctx.out('grid-caption').textContent =
    `Decoder means for z₁ (left → right) and z₂ (bottom → top) from −2 to 2${others}.`;
  const rows = await originalsAndReconstructions(ctx.tf, vae, held, SHOWN);
  drawDigits(ctx.out<HTMLCanvasElement>('recon'), rows, 2 * SHOWN, SHOWN);
}
