/**
 * Choose and report the tfjs backend: webgpu → webgl → wasm → cpu (browser), wasm → cpu (Node).
 * A GPU backend on a software rasterizer (SwiftShader, llvmpipe, a fallback adapter) is slower than
 * wasm and is passed over, with a note saying why, unless it is forced.
 * tfjs and its backends are imported dynamically, so a page only pays for them when a demo starts.
 */
import type * as TF from '@tensorflow/tfjs';
import { passOverReason, type GpuFacts } from './software.ts';
import { coresToReportFor, wasmThreadsFor, whileReportingCores } from './wasm-threads.ts';

export { wasmThreadsFor } from './wasm-threads.ts';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export const BACKEND_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

export interface BackendInfo {
  /** The backend tfjs is using now. */
  name: BackendName;
  /** For webgpu: the adapter (e.g. "swiftshader"); for wasm: "simd", "threads" …; else ''. */
  detail: string;
  /** Why a better backend was not used (empty when the first choice worked). */
  notes: string[];
  /** True when the wasm backend runs multi-threaded (page is cross-origin isolated). */
  wasmThreads: boolean;
  tf: typeof TF;
}

export interface BackendOptions {
  /** Force one backend (e.g. from `?backend=NAME`); falls back if it cannot start. */
  prefer?: string | null;
  /** Where the tfjs wasm binaries are served (browser); default '/tfjs-wasm/'. */
  wasmPath?: string;
  /**
   * Use a GPU backend even on a software rasterizer (default: only when forced by `prefer`). A page can
   * also set `globalThis.__allowSoftwareGpu = true` before the first demo runs (the e2e WebGPU project
   * does, to test the WebGPU path on SwiftShader).
   */
  allowSoftwareGpu?: boolean;
  /**
   * Threads for the wasm backend in a cross-origin-isolated page (default: every logical core, at
   * most 8); 1 uses the single-threaded SIMD build. Pages pass `?threads=N`.
   */
  wasmThreads?: number;
}

/** Thrown by `prepare` when a backend works but is passed over for speed. */
class PassedOver extends Error {}

/** Read `?backend=NAME` from a URL search string; null when absent or not a backend name. */
export function backendFromQuery(search: string): BackendName | null {
  const v = new URLSearchParams(search).get('backend');
  return v && (BACKEND_ORDER as readonly string[]).includes(v) ? (v as BackendName) : null;
}

/** Read `?threads=N` (wasm threads, 1–8) from a URL search string; undefined when absent or invalid. */
export function threadsFromQuery(search: string): number | undefined {
  const n = Number(new URLSearchParams(search).get('threads') ?? NaN);
  return Number.isInteger(n) && n >= 1 && n <= 8 ? n : undefined;
}

/** The order in which to try backends, given a forced preference and the environment. */
export function candidateOrder(
  prefer: string | null | undefined,
  inBrowser: boolean,
): BackendName[] {
  const available: BackendName[] = inBrowser ? [...BACKEND_ORDER] : ['wasm', 'cpu'];
  const p = available.find((b) => b === prefer);
  return p ? [p, ...available.filter((b) => b !== p)] : available;
}

const isBrowser = () => typeof window !== 'undefined' && typeof document !== 'undefined';

let current: Promise<BackendInfo> | null = null;

/** Initialise tfjs once per page (or process) and return what is running. */
export function initBackend(options: BackendOptions = {}): Promise<BackendInfo> {
  current ??= start(options);
  return current;
}

/** For tests: forget the chosen backend so the next initBackend chooses again. */
export function resetBackendForTests() {
  current = null;
}

async function start(options: BackendOptions): Promise<BackendInfo> {
  const tf = await import('@tensorflow/tfjs');
  const browser = isBrowser();
  const notes: string[] = [];
  let detail = '';
  const allowSoftware =
    options.allowSoftwareGpu ??
    (globalThis as { __allowSoftwareGpu?: boolean }).__allowSoftwareGpu === true;
  for (const name of candidateOrder(options.prefer, browser)) {
    try {
      const { detail: extra, threads: asked } = await prepare(
        tf,
        name,
        options,
        browser,
        options.prefer === name,
        allowSoftware,
      );
      const setUp = async () => {
        const ok = await tf.setBackend(name);
        if (!ok) throw new Error('tfjs could not initialise it');
        await tf.ready();
      };
      // A tiny op proves the backend really computes (a broken adapter fails here, not mid-demo).
      const setUpAndProbe = async () => {
        await setUp();
        if (!(await computes(tf))) throw new Error('failed a self-test');
      };
      if (asked > 1) {
        // tfjs reads navigator.hardwareConcurrency as it starts the threaded module (wasm-threads.ts).
        try {
          await whileReportingCores(globalThis.navigator, coresToReportFor(asked), setUpAndProbe);
        } catch (e) {
          // The threaded build failed (its workers or shared memory): the single-thread one may not.
          notes.push(`wasm threads unavailable: ${errorText(e)}`);
          tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
          await setUpAndProbe();
        }
      } else await setUpAndProbe();
      detail = extra;
      const threads = name === 'wasm' ? await wasmThreadCount(tf) : 1;
      const wasmThreads = threads > 1;
      if (name === 'wasm')
        detail = [
          wasmThreads ? `${threads} threads` : 'single-thread',
          tf.env().getBool('WASM_HAS_SIMD_SUPPORT') ? 'simd' : '',
        ]
          .filter(Boolean)
          .join(' · ');
      return { name, detail, notes, wasmThreads, tf };
    } catch (e) {
      notes.push(
        e instanceof PassedOver
          ? `${name} passed over: ${e.message}, slower than wasm (force it with ?backend=${name})`
          : `${name} unavailable: ${errorText(e)}`,
      );
    }
  }
  throw new Error(`No tfjs backend could start. ${notes.join('; ')}`);
}

/** Whether 1 + 2 gives 3 on the backend tfjs is running. */
async function computes(tf: typeof TF): Promise<boolean> {
  const sum = tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(2)));
  try {
    return (await sum.data())[0] === 3;
  } finally {
    sum.dispose();
  }
}

/** tfjs's wasm module rejects with a plain { message } object, not an Error. */
const errorText = (e: unknown) => (e as { message?: string } | null)?.message ?? String(e);

/** Throw PassedOver when the GPU should be passed over for wasm. */
function refuseSoftware(facts: GpuFacts, forced: boolean, allowSoftware: boolean): void {
  const reason = passOverReason(facts, { forced, allowSoftware });
  if (reason) throw new PassedOver(reason);
}

async function prepare(
  tf: typeof TF,
  name: BackendName,
  options: BackendOptions,
  browser: boolean,
  forced: boolean,
  allowSoftware: boolean,
): Promise<{ detail: string; threads: number }> {
  const done = (detail = '') => ({ detail, threads: 1 });
  if (name === 'webgpu') {
    const gpu = (
      globalThis.navigator as
        (Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }) | undefined
    )?.gpu;
    if (!gpu) throw new Error('this browser has no WebGPU (navigator.gpu is missing)');
    type AdapterInfo = {
      architecture?: string;
      vendor?: string;
      description?: string;
      device?: string;
      isFallbackAdapter?: boolean;
    };
    const adapter = (await gpu.requestAdapter()) as {
      info?: AdapterInfo;
      isFallbackAdapter?: boolean;
    } | null;
    if (!adapter) throw new Error('no WebGPU adapter was offered');
    const info = adapter.info ?? {};
    refuseSoftware(
      {
        isFallbackAdapter: adapter.isFallbackAdapter ?? info.isFallbackAdapter,
        names: [info.architecture, info.vendor, info.description, info.device],
      },
      forced,
      allowSoftware,
    );
    await import('@tensorflow/tfjs-backend-webgpu');
    return done(info.architecture || info.vendor || info.description || 'adapter');
  }
  if (name === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    // In Node the caller must say where the .wasm files are (scripts and tests resolve it from node_modules).
    if (!browser && !options.wasmPath) throw new Error('no wasmPath given (Node)');
    wasm.setWasmPaths(options.wasmPath ?? '/tfjs-wasm/');
    // Threads need SharedArrayBuffer, i.e. a cross-origin-isolated page (COOP + COEP headers); the
    // bundled worker works thanks to scripts/vite-wasm-threads.ts. With one thread the plain SIMD
    // build is used (the threaded one would only add its workers). Node: tfjs 4.22 cannot start the
    // threaded build there (its workers are Blob URLs), and turns it off itself.
    if (!browser) return done();
    const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
    const threads = isolated
      ? (options.wasmThreads ?? wasmThreadsFor(globalThis.navigator?.hardwareConcurrency))
      : 1;
    if (threads < 2) {
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      return done();
    }
    wasm.setThreadsCount(threads);
    return { detail: '', threads };
  }
  if (name === 'webgl') {
    const facts = webglFacts();
    if (!facts) throw new Error('no WebGL context');
    refuseSoftware(facts, forced, allowSoftware);
    return done();
  }
  return done();
}

/** How many threads the running wasm backend computes with (1 when the threaded build is not in use). */
async function wasmThreadCount(tf: typeof TF): Promise<number> {
  if (!tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT')) return 1;
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  return wasm.getThreadsCount();
}

/** The renderer name and the browser's own performance verdict for WebGL; null without WebGL. */
function webglFacts(): GpuFacts | null {
  type GL = WebGLRenderingContext;
  const context = (attrs?: WebGLContextAttributes) => {
    const c = document.createElement('canvas');
    return (c.getContext('webgl2', attrs) ?? c.getContext('webgl', attrs)) as GL | null;
  };
  const release = (gl: GL | null) => gl?.getExtension('WEBGL_lose_context')?.loseContext();
  const gl = context();
  if (!gl) return null;
  const debug = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(
    gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '',
  );
  release(gl);
  const fast = context({ failIfMajorPerformanceCaveat: true });
  release(fast);
  return { names: [renderer], majorPerformanceCaveat: fast === null };
}

/** Text for the badge shown by every demo: "webgpu · swiftshader", "wasm · simd", "cpu". */
export function badgeText(info: Pick<BackendInfo, 'name' | 'detail'>): string {
  return info.detail ? `${info.name} · ${info.detail}` : info.name;
}
