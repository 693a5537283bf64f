import { describe, expect, it } from 'vitest';
import { decodeRun, encodeRun, isSettingName, linkedDemo } from '../../src/lib/share/run-url.ts';

describe('run settings in the URL', () => {
  it('round-trips a demo’s settings, values with URL-special characters included', () => {
    const settings = { epochs: '3', noise: '0.1', text: 'a&b=c d?#é' };
    const search = encodeRun('', 'training-overfit', settings);
    expect(search.startsWith('?')).toBe(true);
    expect(decodeRun(search, 'training-overfit')).toEqual(settings);
    expect(linkedDemo(search)).toBe('training-overfit');
  });

  it('keeps other demos’ settings and foreign parameters apart', () => {
    let search = encodeRun('?backend=wasm', 'a', { epochs: '3' });
    search = encodeRun(search, 'b', { epochs: '7' });
    expect(decodeRun(search, 'a')).toEqual({ epochs: '3' });
    expect(decodeRun(search, 'b')).toEqual({ epochs: '7' });
    expect(new URLSearchParams(search).get('backend')).toBe('wasm');
    expect(linkedDemo(search)).toBe('b');
  });

  it('replaces a demo’s old settings instead of merging them', () => {
    const first = encodeRun('', 'a', { epochs: '3', n: '40' });
    expect(decodeRun(encodeRun(first, 'a', { epochs: '5' }), 'a')).toEqual({ epochs: '5' });
  });

  it('does not confuse a demo with another whose name it starts', () => {
    const search = encodeRun('', 'perceptron-node', { x: '1' });
    expect(decodeRun(search, 'perceptron')).toEqual({});
  });

  it('refuses names that could be misread and skips them when decoding', () => {
    expect(() => encodeRun('', 'a.b', {})).toThrow();
    expect(() => encodeRun('', 'a', { 'x.y': '1' })).toThrow();
    expect(isSettingName('')).toBe(false);
    expect(decodeRun('?a.x.y=1&a.ok=2&a.=3', 'a')).toEqual({ ok: '2' });
    expect(linkedDemo('?run=../x')).toBeNull();
    expect(linkedDemo('')).toBeNull();
  });
});
