/**
 * Choose and report the tfjs backend: webgpu → webgl → wasm → cpu (browser), wasm → cpu (Node).
 * tfjs and its backends are imported dynamically, so a page only pays for them when a demo starts.
 */
import type * as TF from '@tensorflow/tfjs';

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
}

/** Read `?backend=NAME` from a URL search string; null when absent or not a backend name. */
export function backendFromQuery(search: string): BackendName | null {
  const v = new URLSearchParams(search).get('backend');
  return v && (BACKEND_ORDER as readonly string[]).includes(v) ? (v as BackendName) : null;
}

/** The order in which to try backends, given a forced preference and the environment. */
export function candidateOrder(prefer: string | null | undefined, inBrowser: boolean): BackendName[] {
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
  for (const name of candidateOrder(options.prefer, browser)) {
    try {
      const extra = await prepare(tf, name, options, browser);
      const ok = await tf.setBackend(name);
      if (!ok) throw new Error('tfjs could not initialise it');
      await tf.ready();
      // A tiny op proves the backend really computes (a broken adapter fails here, not mid-demo).
      const probe = tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(2)));
      const v = (await probe.data())[0];
      probe.dispose();
      if (v !== 3) throw new Error('failed a self-test');
      detail = extra;
      const wasmThreads = name === 'wasm' && tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT');
      if (name === 'wasm') detail = [wasmThreads ? 'threads' : 'single-thread', tf.env().getBool('WASM_HAS_SIMD_SUPPORT') ? 'simd' : ''].filter(Boolean).join(' · ');
      return { name, detail, notes, wasmThreads, tf };
    } catch (e) {
      notes.push(`${name} unavailable: ${(e as Error).message}`);
    }
  }
  throw new Error(`No tfjs backend could start. ${notes.join('; ')}`);
}

async function prepare(tf: typeof TF, name: BackendName, options: BackendOptions, browser: boolean): Promise<string> {
  if (name === 'webgpu') {
    const gpu = (globalThis.navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } } | undefined)?.gpu;
    if (!gpu) throw new Error('this browser has no WebGPU (navigator.gpu is missing)');
    const adapter = (await gpu.requestAdapter()) as { info?: { architecture?: string; vendor?: string; description?: string } } | null;
    if (!adapter) throw new Error('no WebGPU adapter was offered');
    await import('@tensorflow/tfjs-backend-webgpu');
    const info = adapter.info ?? {};
    return info.architecture || info.vendor || info.description || 'adapter';
  }
  if (name === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    // In Node the caller must say where the .wasm files are (scripts and tests resolve it from node_modules).
    if (!browser && !options.wasmPath) throw new Error('no wasmPath given (Node)');
    wasm.setWasmPaths(options.wasmPath ?? '/tfjs-wasm/');
    // tfjs 4's multi-threaded wasm worker does not survive bundling (it references emscripten's
    // module-scope `_scriptDir`; tensorflow/tfjs#4539, #4253) and the backend then hangs instead of
    // failing. So even on a cross-origin-isolated page we run wasm single-threaded, and say so.
    if (browser) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    return '';
  }
  if (name === 'webgl') {
    const c = document.createElement('canvas');
    if (!c.getContext('webgl2') && !c.getContext('webgl')) throw new Error('no WebGL context');
    return '';
  }
  void tf;
  return '';
}

/** Text for the badge shown by every demo: "webgpu · swiftshader", "wasm · simd", "cpu". */
export function badgeText(info: Pick<BackendInfo, 'name' | 'detail'>): string {
  return info.detail ? `${info.name} · ${info.detail}` : info.name;
}
