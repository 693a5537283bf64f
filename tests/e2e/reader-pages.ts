import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every page the production build lists in its sitemap, as site paths ("/", "/lab/", …). */
export function sitemapPaths(): string[] {
  const xml = readFileSync(join(process.cwd(), 'dist', 'sitemap-0.xml'), 'utf8');
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname).sort();
}

/**
 * An init script that renders every block at once (no content-visibility skipping), so checks of
 * width or accessibility see off-screen content as laid out too.
 */
export function renderEverything() {
  const style = document.createElement('style');
  style.textContent = '* { content-visibility: visible !important; }';
  // Init scripts run before the <html> element exists: add the style as soon as it does.
  const waitForRoot = new MutationObserver(() => {
    if (!document.documentElement) return;
    waitForRoot.disconnect();
    document.documentElement.append(style);
  });
  waitForRoot.observe(document, { childList: true });
}
