import { beforeEach, describe, expect, it, vi } from 'vitest';

// The shipped network is replaced by a stand-in that records its disposal.
const lab = vi.hoisted(() => ({
  disposed: 0,
  fail: false,
  loadBaseline: vi.fn(),
}));
vi.mock('../../src/lib/robustness/lab.ts', () => ({
  loadBaseline: lab.loadBaseline,
  loadTestSets: vi.fn(),
}));

import { withShippedModel } from '../../src/components/demo/robustness-assets.ts';

function demo() {
  const events: string[] = [];
  return {
    events,
    ctx: {
      tf: {} as never,
      signal: new AbortController().signal,
      status: (t: string) => events.push(`status: ${t}`),
      phase: (p: string) => events.push(`phase: ${p}`),
    },
  };
}

beforeEach(() => {
  lab.disposed = 0;
  lab.loadBaseline.mockReset();
  lab.loadBaseline.mockImplementation(async () => {
    if (lab.fail) throw new Error('HTTP 404');
    return { name: 'shipped', dispose: () => lab.disposed++ };
  });
  lab.fail = false;
});

describe('withShippedModel', () => {
  it('says it loads, runs the callback on the model in the running phase, then disposes it', async () => {
    const { ctx, events } = demo();
    const result = await withShippedModel(ctx as never, async (m) => {
      events.push(`use ${(m as unknown as { name: string }).name}`);
      expect(lab.disposed).toBe(0);
      return 'cancelled' as const;
    });
    expect(result).toBe('cancelled');
    expect(events).toEqual(['status: Loading the shipped model…', 'phase: running', 'use shipped']);
    expect(lab.disposed).toBe(1);
  });

  it('disposes the model when the callback throws, and passes the error on', async () => {
    const { ctx } = demo();
    await expect(
      withShippedModel(ctx as never, async () => {
        throw new Error('bad input');
      }),
    ).rejects.toThrow('bad input');
    expect(lab.disposed).toBe(1);
  });

  it('runs nothing when the model cannot be loaded', async () => {
    const { ctx, events } = demo();
    lab.fail = true;
    const use = vi.fn();
    await expect(withShippedModel(ctx as never, use)).rejects.toThrow('HTTP 404');
    expect(use).not.toHaveBeenCalled();
    expect(events).toEqual(['status: Loading the shipped model…']);
  });
});
