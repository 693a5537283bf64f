import { afterEach, describe, expect, it } from 'vitest';
import {
  backendFromQuery,
  badgeText,
  candidateOrder,
  initBackend,
  resetBackendForTests,
  wasmThreadsFor,
} from '../../src/lib/backend/index.ts';
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

  it('asks for wasm threads only where tfjs would use more than one (half the logical cores, at most 8)', () => {
    expect(wasmThreadsFor(undefined)).toBe(1);
    expect(wasmThreadsFor(2)).toBe(1);
    expect(wasmThreadsFor(4)).toBe(2);
    expect(wasmThreadsFor(12)).toBe(6);
    expect(wasmThreadsFor(64)).toBe(8);
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
