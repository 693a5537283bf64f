/** Weak devices (issue 18, item 5): which devices see the precomputed result first, the time estimate from a probe, and the probe itself. */
import { describe, expect, it } from 'vitest';
import { nodeTf } from '../helpers/tf.ts';
import { firstView, LOW_MEMORY_GB, PHONE_WIDTH } from '../../src/lib/heavy/first-view.ts';
import { estimate, median, roughDuration } from '../../src/lib/heavy/estimate.ts';
import { timeTrainingSteps } from '../../src/lib/train/probe.ts';

describe('firstView', () => {
  const desktop = { webgpu: true, webgl: true, viewportWidth: 1280, deviceMemory: 8 };
  it('a device with a GPU API and a wide or well-equipped screen starts live', () => {
    expect(firstView(desktop)).toEqual({ precomputed: false });
    expect(firstView({ ...desktop, webgpu: false })).toEqual({ precomputed: false });
    expect(firstView({ ...desktop, webgl: false })).toEqual({ precomputed: false });
    // A phone-width window on a machine with plenty of memory, or one that does not say: live.
    expect(firstView({ ...desktop, viewportWidth: 390 }).precomputed).toBe(false);
    expect(firstView({ ...desktop, viewportWidth: 390, deviceMemory: undefined }).precomputed).toBe(
      false,
    );
    // Little memory on a wide screen: live.
    expect(firstView({ ...desktop, deviceMemory: 2 }).precomputed).toBe(false);
  });
  it('without WebGPU and WebGL, or on a phone with little memory, the precomputed result comes first', () => {
    const cpu = firstView({ ...desktop, webgpu: false, webgl: false });
    expect(cpu.precomputed).toBe(true);
    if (cpu.precomputed) expect(cpu.reason).toMatch(/neither WebGPU nor WebGL/);
    const phone = firstView({ ...desktop, viewportWidth: 390, deviceMemory: 4 });
    expect(phone.precomputed).toBe(true);
    if (phone.precomputed) expect(phone.reason).toContain('4 GB');
    // The limits are inclusive.
    expect(
      firstView({ ...desktop, viewportWidth: PHONE_WIDTH, deviceMemory: LOW_MEMORY_GB })
        .precomputed,
    ).toBe(true);
    expect(
      firstView({ ...desktop, viewportWidth: PHONE_WIDTH + 1, deviceMemory: LOW_MEMORY_GB })
        .precomputed,
    ).toBe(false);
  });
});

describe('estimate', () => {
  it('median: odd, even, order does not matter; refuses no data', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow();
  });
  it('rough durations in the unit a reader would use', () => {
    expect(roughDuration(0.4)).toBe('under a second');
    expect(roughDuration(41.6)).toBe('about 42 s');
    expect(roughDuration(240)).toBe('about 4 min');
    expect(roughDuration(5400)).toBe('about 1.5 h');
  });
  it('median step time × steps, one slow step (a garbage collection) ignored; bytes in MB', () => {
    const e = estimate({
      stepSeconds: [0.1, 0.1, 2, 0.1, 0.1],
      steps: 940,
      downloadBytes: 11_243_303,
    });
    expect(e.seconds).toBeCloseTo(94, 9);
    expect(e.text).toBe(
      'about 2 min of training on this device (median of 5 timed steps), and a download of up to 11.2 MB',
    );
    expect(estimate({ stepSeconds: [0.5], steps: 10, downloadBytes: 0 }).text).toBe(
      'about 5 s of training on this device (median of 1 timed step), with nothing to download',
    );
    expect(() => estimate({ stepSeconds: [0.1], steps: -1, downloadBytes: 0 })).toThrow();
  });
});

describe('timeTrainingSteps', () => {
  it('times the requested steps after the warm-up and frees every tensor', async () => {
    const { tf } = await nodeTf('cpu');
    const before = tf.memory().numTensors;
    const times = await timeTrainingSteps(tf, {
      sizes: [20, 16, 4],
      batchSize: 8,
      steps: 3,
    });
    expect(times).toHaveLength(3);
    for (const t of times) expect(t).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before);
  });
  it('stops at once when cancelled, still freeing everything', async () => {
    const { tf } = await nodeTf('cpu');
    const before = tf.memory().numTensors;
    const c = new AbortController();
    c.abort();
    const times = await timeTrainingSteps(tf, {
      sizes: [20, 16, 4],
      batchSize: 8,
      signal: c.signal,
    });
    expect(times).toEqual([]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
