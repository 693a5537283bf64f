/** The autoencoder task's heavy-run probe times an MLP with the autoencoder's own weight matrices. */
import { describe, expect, it } from 'vitest';
import { nodeTf } from '../helpers/tf.ts';
import { createAutoencoder } from '../../src/lib/autoencoder/model.ts';
import { taskConfig } from '../../src/lib/autoencoder/contract.ts';
import { endToEndWidths } from '../../src/lib/autoencoder/probe-widths.ts';
import { createMLP } from '../../src/lib/models/mlp.ts';

describe('endToEndWidths', () => {
  it('gives an MLP whose weights have the shapes of the encoder and decoder together', async () => {
    const { tf } = await nodeTf();
    for (const hidden of [undefined, [64], []]) {
      const config = taskConfig(hidden ? { hidden } : {});
      const ae = createAutoencoder(tf, config);
      const mlp = createMLP(tf, endToEndWidths(config));
      try {
        expect(mlp.variables.map((v) => v.shape)).toEqual(ae.variables.map((v) => v.shape));
      } finally {
        ae.dispose();
        mlp.dispose();
      }
    }
  });
});
