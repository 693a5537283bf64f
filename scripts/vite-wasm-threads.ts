/**
 * Vite plugin that makes tfjs's multi-threaded WebAssembly backend survive bundling.
 *
 * tfjs-backend-wasm starts its pthread workers from a Blob holding `wasmFactoryThreadedSimd.toString()`
 * (the Emscripten module factory). In the published file that factory reads `_scriptDir`, a variable of
 * the function that encloses it; the Blob copies the factory's text but not that enclosing scope, and a
 * minifier renames the variable besides, so every worker dies with "ReferenceError: _scriptDir (or e)
 * is not defined" and the backend never finishes initialising (tensorflow/tfjs#4539, #4253). Declaring
 * `_scriptDir` inside the factory makes it self-contained: in a worker it is undefined, which Emscripten
 * handles (it then uses the worker's own location).
 */
import type { Plugin } from 'vite';

const FILE = /tfjs-backend-wasm\/wasm-out\/tfjs-backend-wasm-threaded-simd\.js$/;
const FACTORY_START = 'function(WasmBackendModuleThreadedSimd) {\n';

export function tfjsWasmThreads(): Plugin {
  return {
    name: 'tfjs-wasm-threads',
    enforce: 'pre',
    transform(code, id) {
      if (!FILE.test(id.split('?')[0]!)) return null;
      const at = code.indexOf(FACTORY_START);
      if (at < 0)
        throw new Error(
          'tfjs-wasm-threads: the Emscripten factory was not found; check the tfjs-backend-wasm version',
        );
      const local =
        "var _scriptDir = typeof document !== 'undefined' && document.currentScript ? document.currentScript.src : undefined;\n";
      return {
        code:
          code.slice(0, at + FACTORY_START.length) + local + code.slice(at + FACTORY_START.length),
        map: null,
      };
    },
  };
}
