import { afterEach, describe, expect, it } from 'vitest';
import {
  backendFromQuery,
  badgeText,
  candidateOrder,
  initBackend,
  resetBackendForTests,
  threadsFromQuery,
  wasmThreadsFor,
} from '../../src/lib/backend/index.ts';
import { coresToReportFor, whileReportingCores } from '../../src/lib/backend/wasm-threads.ts';
import { passOverReason, softwareGpuReason } from '../../src/lib/backend/software.ts';
import { wasmDir } from '../helpers/tf.ts';

describe('backend chooser', () => {
  afterEach(() => resetBackendForTests());

  it('orders webgpu → webgl → wasm → cpu in the browser, and honours a forced backend', () => {
    expect(candidateOrder(null, true)).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
    expect(candidateOrder('wasm', true)).toEqual(['wasm', 'webgpu', 'webgl', 'cpu']);
    expect(candidateOrder('webgpu', false)).toEqual(['wasm', 'cpu']);
    expect(candidateOrder('bogus', true)).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
  });

  it('reads ?backend=NAME and ignores unknown names', () => {
    expect(backendFromQuery('?backend=cpu')).toBe('cpu');
    expect(backendFromQuery('?x=1&backend=webgpu')).toBe('webgpu');
    expect(backendFromQuery('?backend=tpu')).toBeNull();
    expect(backendFromQuery('')).toBeNull();
  });

  it('reads ?threads=N (1–8) and ignores anything else', () => {
    expect(threadsFromQuery('?backend=wasm&threads=1')).toBe(1);
    expect(threadsFromQuery('?threads=8')).toBe(8);
    expect(threadsFromQuery('?threads=0')).toBeUndefined();
    expect(threadsFromQuery('?threads=9')).toBeUndefined();
    expect(threadsFromQuery('?threads=1.5')).toBeUndefined();
    expect(threadsFromQuery('?threads=')).toBeUndefined();
    expect(threadsFromQuery('')).toBeUndefined();
  });

  it('formats the badge', () => {
    expect(badgeText({ name: 'webgpu', detail: 'swiftshader' })).toBe('webgpu · swiftshader');
    expect(badgeText({ name: 'cpu', detail: '' })).toBe('cpu');
  });

  it('in Node, starts wasm when it can, and falls back to cpu with a note when it cannot', async () => {
    const ok = await initBackend({ wasmPath: wasmDir() });
    expect(ok.name).toBe('wasm');
    expect(ok.notes).toEqual([]);
    expect(ok.tf.getBackend()).toBe('wasm');
    resetBackendForTests();
    const fallback = await initBackend({ prefer: 'wasm' }); // no wasmPath: wasm cannot start in Node
    expect(fallback.name).toBe('cpu');
    expect(fallback.notes.join(' ')).toMatch(/wasm unavailable: no wasmPath/);
    expect(fallback.tf.getBackend()).toBe('cpu');
  });

  it('passes over software GPUs: fallback adapters, SwiftShader/llvmpipe renderers, a performance caveat', () => {
    // Chromium's WebGPU on SwiftShader and its WebGL renderer string without a GPU.
    expect(softwareGpuReason({ names: ['swiftshader', 'google', ''] })).toMatch(
      /software renderer \(swiftshader\)/,
    );
    expect(
      softwareGpuReason({
        names: [
          'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
        ],
      }),
    ).toMatch(/software renderer/);
    expect(softwareGpuReason({ names: ['llvmpipe (LLVM 15.0.6, 256 bits)'] })).toMatch(/llvmpipe/);
    expect(softwareGpuReason({ names: ['Microsoft Basic Render Driver'] })).toMatch(
      /software renderer/,
    );
    expect(softwareGpuReason({ isFallbackAdapter: true, names: ['nvidia'] })).toMatch(/fallback/);
    expect(
      softwareGpuReason({
        names: ['ANGLE (Intel, Mesa Intel(R) UHD Graphics 620)'],
        majorPerformanceCaveat: true,
      }),
    ).toMatch(/performance caveat/);
  });

  it('keeps real GPUs', () => {
    expect(
      softwareGpuReason({ isFallbackAdapter: false, names: ['ampere', 'nvidia', undefined] }),
    ).toBeNull();
    expect(
      softwareGpuReason({
        names: ['ANGLE (Apple, ANGLE Metal Renderer: Apple M1, Unspecified Version)'],
        majorPerformanceCaveat: false,
      }),
    ).toBeNull();
    expect(softwareGpuReason({ names: ['Mali-G78'] })).toBeNull();
  });

  it('asks for a wasm thread per logical core, at most the 8 workers tfjs starts', () => {
    expect(wasmThreadsFor(undefined)).toBe(1);
    expect(wasmThreadsFor(1)).toBe(1);
    expect(wasmThreadsFor(2)).toBe(2);
    expect(wasmThreadsFor(6)).toBe(6);
    expect(wasmThreadsFor(64)).toBe(8);
  });

  it('lets tfjs see twice the cores while the wasm module starts, then restores the navigator', async () => {
    // tfjs 4.22 allows min(asked, 8, floor(cores / 2)) threads.
    const allowed = (asked: number, cores: number) => Math.min(asked, 8, Math.floor(cores / 2));
    for (const threads of [2, 3, 8])
      expect(allowed(threads, coresToReportFor(threads))).toBe(threads);
    // Like Navigator: hardwareConcurrency is a getter on the prototype.
    class FakeNavigator {
      get hardwareConcurrency() {
        return 2;
      }
    }
    const nav = new FakeNavigator();
    const seen = await whileReportingCores(nav, 4, async () => nav.hardwareConcurrency);
    expect(seen).toBe(4);
    expect(nav.hardwareConcurrency).toBe(2);
    expect(Object.getOwnPropertyDescriptor(nav, 'hardwareConcurrency')).toBeUndefined();
    await expect(
      whileReportingCores(nav, 6, async () => {
        throw new Error('start failed');
      }),
    ).rejects.toThrow('start failed');
    expect(nav.hardwareConcurrency).toBe(2);
    // An own value (a page that set one itself) comes back too.
    const own = { hardwareConcurrency: 3 };
    await whileReportingCores(own, 8, async () => expect(own.hardwareConcurrency).toBe(8));
    expect(own.hardwareConcurrency).toBe(3);
    // A navigator that cannot be changed still starts the module (tfjs keeps its own pool size).
    const frozen = Object.freeze({ hardwareConcurrency: 2 });
    expect(await whileReportingCores(frozen, 4, async () => frozen.hardwareConcurrency)).toBe(2);
    expect(await whileReportingCores(undefined, 4, async () => 'started')).toBe('started');
  });

  it('uses a software GPU when it is forced (?backend=NAME) or allowed, and passes it over otherwise', () => {
    const swiftshader = { names: ['swiftshader'] };
    expect(passOverReason(swiftshader, { forced: false, allowSoftware: false })).toMatch(
      /software renderer/,
    );
    expect(passOverReason(swiftshader, { forced: true, allowSoftware: false })).toBeNull();
    expect(passOverReason(swiftshader, { forced: false, allowSoftware: true })).toBeNull();
    expect(
      passOverReason({ names: ['nvidia'] }, { forced: false, allowSoftware: false }),
    ).toBeNull();
  });
});
