/**
 * The site's service worker (bundled to dist/sw.js by scripts/service-worker.ts, which replaces
 * __BUILD_VERSION__ with a hash of the build). Visited pages and everything a demo fetched once work
 * again offline; a new build's worker deletes the caches of earlier builds. The policy itself is the
 * pure function in src/lib/offline/cache-policy.ts.
 */
/// <reference lib="webworker" />
import { cacheName, staleCaches, strategyFor } from '../lib/offline/cache-policy.ts';

declare const __BUILD_VERSION__: string;
declare const self: ServiceWorkerGlobalScope;

const CACHE = cacheName(__BUILD_VERSION__);

self.addEventListener('install', () => void self.skipWaiting());

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      await Promise.all(
        staleCaches(await caches.keys(), __BUILD_VERSION__).map((n) => caches.delete(n)),
      );
      await self.clients.claim();
    })(),
  );
});

async function networkFirst(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (e) {
    const cached = await cache.match(request, { ignoreSearch: true });
    if (cached) return cached;
    throw e;
  }
}

async function cacheFirst(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const strategy = strategyFor(
    {
      method: request.method,
      url: request.url,
      mode: request.mode,
      accept: request.headers.get('accept'),
    },
    self.registration.scope,
  );
  if (strategy === 'network-first') event.respondWith(networkFirst(request));
  else if (strategy === 'cache-first') event.respondWith(cacheFirst(request));
});
