import { describe, expect, it } from 'vitest';
import type { BackendInfo } from '../../src/lib/backend/index.ts';
import { shareShadersAcrossShapes } from '../../src/lib/backend/shape-uniforms.ts';

/** A stand-in for tf whose env records the flags set on it. */
function recordingTf() {
  const set: [string, unknown][] = [];
  const tf = { env: () => ({ set: (k: string, v: unknown) => set.push([k, v]) }) };
  return { tf: tf as unknown as BackendInfo['tf'], set };
}

describe('shareShadersAcrossShapes', () => {
  it('turns on shapes as uniforms on webgl only', () => {
    for (const name of ['webgpu', 'wasm', 'cpu'] as const) {
      const r = recordingTf();
      shareShadersAcrossShapes({ name, tf: r.tf });
      expect(r.set).toEqual([]);
    }
    const r = recordingTf();
    shareShadersAcrossShapes({ name: 'webgl', tf: r.tf });
    expect(r.set).toEqual([['WEBGL_USE_SHAPES_UNIFORMS', true]]);
  });
});
