/**
 * How many threads tfjs's multi-threaded WebAssembly build computes with, and how to get it to use
 * them all.
 *
 * tfjs-backend-wasm 4.22 sizes XNNPACK's thread pool at `min(requested, 8, logical cores / 2)`: its
 * backend.cc assumes two hardware threads per core and reads the logical cores once, from
 * `navigator.hardwareConcurrency`, while the module starts. On a machine with two logical cores that
 * leaves a pool of one, whatever `setThreadsCount` asks for. The pool's threads come from eight
 * workers Emscripten starts anyway, and on such a machine two threads do compute (measured: see the
 * README's Performance section). So while the module starts, navigator reports twice the cores we
 * want, and the page's navigator is restored right after.
 */

/** Threads to ask for: every logical core, at most 8 (the workers tfjs starts), at least 1. */
export function wasmThreadsFor(hardwareConcurrency: number | undefined): number {
  return Math.min(8, Math.max(1, Math.floor(hardwareConcurrency ?? 1)));
}

/** The `navigator.hardwareConcurrency` tfjs must read to allow a pool of `threads`. */
export function coresToReportFor(threads: number): number {
  return 2 * threads;
}

/**
 * Run `start` (which starts the wasm module) while `nav.hardwareConcurrency` reads `cores`; the
 * navigator's own value is back afterwards, also when `start` fails. Where the property cannot be
 * redefined, `start` runs anyway (tfjs then keeps its own, smaller pool; the badge reports it).
 */
export async function whileReportingCores<T>(
  nav: object | undefined,
  cores: number,
  start: () => Promise<T>,
): Promise<T> {
  const own = nav && Object.getOwnPropertyDescriptor(nav, 'hardwareConcurrency');
  try {
    Object.defineProperty(nav, 'hardwareConcurrency', { value: cores, configurable: true });
  } catch {
    return start();
  }
  try {
    return await start();
  } finally {
    if (own) Object.defineProperty(nav, 'hardwareConcurrency', own);
    else delete (nav as { hardwareConcurrency?: number }).hardwareConcurrency;
  }
}
