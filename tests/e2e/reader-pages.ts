import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every page the production build lists in its sitemap, as site paths ("/", "/lab/", …). */
export function sitemapPaths(): string[] {
  const xml = readFileSync(join(process.cwd(), 'dist', 'sitemap-0.xml'), 'utf8');
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname).sort();
}
