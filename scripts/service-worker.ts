/**
 * Astro integration: at build time, bundles src/offline/service-worker.ts to dist/sw.js with a version
 * that is a hash of the build's files (so an unchanged build keeps its readers' caches and a changed one
 * replaces them), and adds the registration script to every page. Not active in `astro dev`.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

/** Hash of every file's path and content under `dir` (sorted, so the order of the walk does not matter). */
export function buildVersion(dir: string): string {
  const h = createHash('sha256');
  for (const f of files(dir).sort()) {
    if (relative(dir, f) === 'sw.js') continue;
    h.update(relative(dir, f));
    h.update(readFileSync(f));
  }
  return h.digest('hex').slice(0, 16);
}

export function serviceWorker() {
  return {
    name: 'runnable-answers:service-worker',
    hooks: {
      'astro:config:setup': ({
        command,
        injectScript,
      }: {
        command: string;
        injectScript(stage: 'page', content: string): void;
      }) => {
        if (command === 'build') injectScript('page', `import '~/offline/register.ts';`);
      },
      'astro:build:done': async ({
        dir,
        logger,
      }: {
        dir: URL;
        logger: { info(m: string): void };
      }) => {
        const out = fileURLToPath(dir);
        const version = buildVersion(out);
        await build({
          entryPoints: [
            fileURLToPath(new URL('../src/offline/service-worker.ts', import.meta.url)),
          ],
          bundle: true,
          format: 'iife',
          target: 'es2022',
          minify: true,
          define: { __BUILD_VERSION__: JSON.stringify(version) },
          outfile: join(out, 'sw.js'),
          logLevel: 'warning',
        });
        logger.info(`service worker: dist/sw.js, build ${version}`);
      },
    },
  };
}
