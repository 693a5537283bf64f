import { describe, expect, it } from 'vitest';
import {
  benchEngineVsFit,
  formatBench,
  formatPerCpuSecond,
  type BenchResult,
} from '../../src/lib/train/bench.ts';
import { nodeTf } from '../helpers/tf.ts';

describe('bench result lines', () => {
  const r: BenchResult = {
    backend: 'wasm',
    batchSize: 128,
    steps: 30,
    engineSamplesPerSec: 1612.4,
    fitSamplesPerSec: 498.7,
    ratio: 1612.4 / 498.7,
    inferenceSamplesPerSec: 13000,
  };

  it('prints the line the issue asks for: `node wasm batch 128: engine N samples/s, model.fit M samples/s, ratio R×`', () => {
    expect(formatBench(r, 'node')).toMatch(
      /^node wasm batch 128: engine 1612 samples\/s, model\.fit 499 samples\/s, ratio 3\.23×$/,
    );
  });

  it('prints per-CPU-second rates only when a CPU clock was used', () => {
    expect(formatPerCpuSecond(r, 'node')).toBe('');
    expect(
      formatPerCpuSecond(
        { ...r, perCpuSecond: { engine: 2200, fit: 550, inference: 13500 } },
        'node',
      ),
    ).toMatch(/ratio 4\.00×/);
  });
});

describe('benchEngineVsFit', () => {
  it('measures both trainers and inference, and leaves no tensor behind (model.fit’s Adam too)', async () => {
    const { tf } = await nodeTf('wasm');
    const before = tf.memory().numTensors;
    const r = await benchEngineVsFit(tf, { steps: 2, batchSize: 16, warmup: 1 });
    expect(r.engineSamplesPerSec).toBeGreaterThan(0);
    expect(r.fitSamplesPerSec).toBeGreaterThan(0);
    expect(r.inferenceSamplesPerSec).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);
});
