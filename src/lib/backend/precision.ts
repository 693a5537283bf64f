/**
 * The floating-point precision a backend computes in (no DOM). WebGPU, WebAssembly and the CPU
 * backend compute in float32. WebGL computes in float32 only when the device can render to float32
 * textures (tfjs's WEBGL_RENDER_FLOAT32_ENABLED); otherwise it falls back to 16-bit half floats,
 * whose 11-bit significand keeps about 3 significant decimal digits (unit round-off 2^−11).
 */
import type { BackendName } from './index.ts';

export interface Precision {
  dtype: 'float32' | 'float16';
  /** Relative round-off of one operation: 2^−24 for float32, 2^−11 for float16. */
  unitRoundoff: number;
  text: string;
}

export function precisionOf(
  backend: BackendName | string,
  webglRendersFloat32: boolean | undefined,
): Precision {
  const half = backend === 'webgl' && webglRendersFloat32 === false;
  return half
    ? {
        dtype: 'float16',
        unitRoundoff: 2 ** -11,
        text: 'float16 (this device’s WebGL cannot render float32 textures)',
      }
    : { dtype: 'float32', unitRoundoff: 2 ** -24, text: 'float32' };
}

/** Read the WebGL flag from tfjs's environment (undefined when the backend is not WebGL). */
export function webglRendersFloat32(
  tf: { env(): { getBool(flag: string): boolean } },
  backend: string,
): boolean | undefined {
  if (backend !== 'webgl') return undefined;
  try {
    return tf.env().getBool('WEBGL_RENDER_FLOAT32_ENABLED');
  } catch {
    return undefined;
  }
}
