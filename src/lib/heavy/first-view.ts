/**
 * Whether a heavy demo should open on its precomputed result rather than on "Run" (issue 18, weak
 * devices). Without WebGPU and WebGL a training run falls back to WebAssembly or plain JavaScript on
 * the CPU; on a phone-sized screen with little memory a long run can also exhaust the tab. Either
 * way the committed result comes first and the live run stays one press away. No DOM: the frame
 * passes in what the browser reports.
 */

export interface DeviceReport {
  /** navigator.gpu exists. */
  webgpu: boolean;
  /** A WebGL (1 or 2) context can be created. */
  webgl: boolean;
  /** The viewport's width in CSS pixels. */
  viewportWidth: number;
  /** navigator.deviceMemory in GB (Chromium only; rounded down, capped at 8), when reported. */
  deviceMemory?: number;
}

/** Widths up to this many CSS pixels count as a phone. */
export const PHONE_WIDTH = 480;
/** Reported memory up to this many GB counts as little. */
export const LOW_MEMORY_GB = 4;

export type FirstView = { precomputed: false } | { precomputed: true; reason: string };

export function firstView(d: DeviceReport): FirstView {
  if (!d.webgpu && !d.webgl)
    return {
      precomputed: true,
      reason: 'this browser offers neither WebGPU nor WebGL, so training would run on the CPU',
    };
  if (
    d.viewportWidth <= PHONE_WIDTH &&
    d.deviceMemory !== undefined &&
    d.deviceMemory <= LOW_MEMORY_GB
  )
    return {
      precomputed: true,
      reason: `this looks like a phone with ${d.deviceMemory} GB of memory`,
    };
  return { precomputed: false };
}
