import { describe, expect, it } from 'vitest';
import { precisionOf, webglRendersFloat32 } from '../../src/lib/backend/precision.ts';
import { compareWithReference } from '../../src/lib/backend/reference.ts';

const f32 = precisionOf('wasm', undefined);
const f16 = precisionOf('webgl', false);

describe('precision of a backend', () => {
  it('is float32 except on WebGL without float32 render targets', () => {
    expect(precisionOf('webgpu', undefined).dtype).toBe('float32');
    expect(precisionOf('webgl', true).dtype).toBe('float32');
    expect(f16.dtype).toBe('float16');
    // The stated round-off is that of the type: 1 + u/2 is not representable above 1, 1 + 2u is.
    expect(Math.fround(1 + f32.unitRoundoff / 2)).toBe(1);
    expect(Math.fround(1 + 2 * f32.unitRoundoff)).toBeGreaterThan(1);
  });

  it('reads the WebGL flag only for WebGL', () => {
    const tf = {
      env: () => ({ getBool: (flag: string) => flag === 'WEBGL_RENDER_FLOAT32_ENABLED' && false }),
    };
    expect(webglRendersFloat32(tf, 'webgl')).toBe(false);
    expect(webglRendersFloat32(tf, 'cpu')).toBeUndefined();
  });
});

describe('run vs reference', () => {
  it('accepts float32 rounding of float64 numbers', () => {
    const ref = [Math.tanh(0.37), Math.tanh(0.192), 1 / (1 + Math.exp(-0.99)), 123.456789];
    const c = compareWithReference(ref.map(Math.fround), ref, f32);
    expect(c.within).toBe(true);
    expect(c.maxAbsDiff).toBeGreaterThan(0);
    expect(c.maxAbsDiff).toBeLessThanOrEqual(c.tolerance);
  });

  it('refuses a difference float32 cannot explain, and names the worst value', () => {
    const c = compareWithReference([0.5, 0.2501], [0.5, 0.25], f32);
    expect(c.within).toBe(false);
    expect(c.worst).toBe(1);
    expect(c.maxAbsDiff).toBeCloseTo(1e-4, 12);
  });

  it('allows half-float runs their larger round-off', () => {
    expect(compareWithReference([0.2501], [0.25], f16).within).toBe(true);
  });

  it('treats NaN as outside any tolerance and refuses mismatched lengths', () => {
    expect(compareWithReference([NaN], [1], f32).within).toBe(false);
    expect(() => compareWithReference([1], [1, 2], f32)).toThrow();
  });
});
