/**
 * Is a GPU backend running on a software rasterizer? Then it is slower than WebAssembly (measured: the
 * 8-layer MLP trains at 24 samples/s on WebGPU over SwiftShader, 301 on single-thread wasm), and the
 * chooser passes it over unless it is forced with ?backend=NAME.
 */

/** Renderer, adapter or driver names of known software implementations. */
const SOFTWARE = /swiftshader|llvmpipe|lavapipe|softpipe|software|basic render driver|subzero/i;

export interface GpuFacts {
  /** WebGPU: GPUAdapter.isFallbackAdapter (or adapter.info.isFallbackAdapter). */
  isFallbackAdapter?: boolean;
  /** WebGPU adapter info (vendor, architecture, description) or the WebGL renderer string (WEBGL_debug_renderer_info). */
  names?: readonly (string | undefined)[];
  /** WebGL: the context cannot be created with failIfMajorPerformanceCaveat (the browser itself calls it slow). */
  majorPerformanceCaveat?: boolean;
}

/** Why this GPU backend should not be chosen over wasm, or null when nothing says it is slow. */
export function softwareGpuReason(facts: GpuFacts): string | null {
  if (facts.isFallbackAdapter) return 'the browser offers only a fallback (software) adapter';
  const software = (facts.names ?? []).find((n) => n && SOFTWARE.test(n));
  if (software) return `it runs on a software renderer (${software.trim()})`;
  if (facts.majorPerformanceCaveat)
    return 'the browser reports a major performance caveat (software rendering)';
  return null;
}

/**
 * The chooser's decision for a GPU backend: the reason to pass it over for wasm, or null to use it.
 * A backend forced with ?backend=NAME, or software explicitly allowed, is always used.
 */
export function passOverReason(
  facts: GpuFacts,
  choice: { forced: boolean; allowSoftware: boolean },
): string | null {
  if (choice.forced || choice.allowSoftware) return null;
  return softwareGpuReason(facts);
}
