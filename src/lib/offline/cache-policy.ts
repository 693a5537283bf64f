/**
 * What the service worker does with each request, as a pure function (no DOM, no worker globals), so
 * that it can be tested in Node.
 *
 * - Pages (navigations and HTML) go to the network first, so a reader online always gets the newest
 *   build, and fall back to the copy cached on the last visit when the network is off.
 * - Everything else the site serves itself (bundles in /_astro/, MNIST, model weights, the tfjs wasm
 *   binaries, search index, fonts) is cached the first time it is fetched and then served from the
 *   cache: within one build these files never change.
 * - MNIST's compressed data files are left to the MNIST loader, which keeps its own checksummed,
 *   content-addressed cache (src/lib/data/mnist.ts), chunk by chunk: one copy is enough.
 * - Requests to other origins and anything but GET are left alone (the site makes none of the former).
 */
export type Strategy = 'network-first' | 'cache-first' | 'bypass';

export interface RequestFacts {
  method: string;
  url: string;
  /** Request.mode; 'navigate' for page loads. */
  mode?: string;
  /** The Accept header, if any. */
  accept?: string | null;
}

const CACHE_PREFIX = 'runnable-answers-site-';

export function strategyFor(req: RequestFacts, scope: string): Strategy {
  if (req.method !== 'GET') return 'bypass';
  const url = new URL(req.url);
  const root = new URL(scope);
  if (url.origin !== root.origin || !url.pathname.startsWith(root.pathname)) return 'bypass';
  // The worker script itself is fetched by the browser's update check, never through the cache.
  if (url.pathname === `${root.pathname}sw.js`) return 'bypass';
  if (url.pathname.startsWith(`${root.pathname}data/mnist/`) && url.pathname.endsWith('.gz'))
    return 'bypass';
  const isPage =
    req.mode === 'navigate' ||
    (req.accept ?? '').includes('text/html') ||
    url.pathname.endsWith('/') ||
    url.pathname.endsWith('.html');
  return isPage ? 'network-first' : 'cache-first';
}

/** The cache of one build; a new build gets a new cache. */
export function cacheName(version: string): string {
  return `${CACHE_PREFIX}${version}`;
}

/** Caches of earlier builds of this site, to delete when a new build's worker activates. */
export function staleCaches(names: readonly string[], version: string): string[] {
  return names.filter((n) => n.startsWith(CACHE_PREFIX) && n !== cacheName(version));
}
