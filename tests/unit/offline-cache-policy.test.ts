import { describe, expect, it } from 'vitest';
import { cacheName, staleCaches, strategyFor } from '../../src/lib/offline/cache-policy.ts';

const scope = 'https://example.org/site/';
const get = (path: string, extra: { mode?: string; accept?: string } = {}) => ({
  method: 'GET',
  url: new URL(path, 'https://example.org').href,
  ...extra,
});

describe('service worker cache policy', () => {
  it('pages go to the network first, so online readers get the newest build', () => {
    expect(strategyFor(get('/site/neural-networks/', { mode: 'navigate' }), scope)).toBe(
      'network-first',
    );
    expect(strategyFor(get('/site/lab/?backend=wasm', { mode: 'navigate' }), scope)).toBe(
      'network-first',
    );
    expect(strategyFor(get('/site/404.html'), scope)).toBe('network-first');
  });

  it('build assets, model weights and the MNIST manifest are served from the cache once fetched', () => {
    expect(strategyFor(get('/site/_astro/runtime.AbC123.js'), scope)).toBe('cache-first');
    expect(strategyFor(get('/site/models/robustness/baseline/model.json'), scope)).toBe(
      'cache-first',
    );
    expect(strategyFor(get('/site/tfjs-wasm/tfjs-backend-wasm-simd.wasm'), scope)).toBe(
      'cache-first',
    );
    expect(strategyFor(get('/site/data/mnist/manifest.json'), scope)).toBe('cache-first');
  });

  it('leaves MNIST data files to the loader, its own cache, other origins, other methods and the worker', () => {
    expect(strategyFor(get('/site/data/mnist/train-images.u8.gz'), scope)).toBe('bypass');
    expect(strategyFor({ method: 'GET', url: 'https://cdn.example.com/x.js' }, scope)).toBe(
      'bypass',
    );
    expect(strategyFor(get('/other/page/', { mode: 'navigate' }), scope)).toBe('bypass');
    expect(strategyFor({ method: 'POST', url: 'https://example.org/site/api' }, scope)).toBe(
      'bypass',
    );
    expect(strategyFor(get('/site/sw.js'), scope)).toBe('bypass');
  });

  it('a new build deletes the caches of earlier builds only', () => {
    const names = [
      cacheName('old1'),
      cacheName('new'),
      'runnable-answers-mnist-v1',
      'someone-else',
    ];
    expect(staleCaches(names, 'new')).toEqual([cacheName('old1')]);
  });
});
