/** Registers the service worker that keeps visited pages and fetched demo files for offline use. */
if ('serviceWorker' in navigator) {
  const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');
  addEventListener('load', () => {
    navigator.serviceWorker.register(`${base}sw.js`, { scope: base }).catch(() => {
      // Offline use is an extra: a page works the same without it.
    });
  });
}
