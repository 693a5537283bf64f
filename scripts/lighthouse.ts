/**
 * `npm run lighthouse [-- URL]`: Lighthouse's performance and accessibility scores (mobile profile,
 * its default) for one page of each type, against a local `astro preview` of dist/ (build first) or
 * against URL. Not part of `npm test`: scores on a shared machine move with its load.
 *
 * Lighthouse is not a dependency: it runs through `npx --yes lighthouse@12.2.3` (13 needs a newer
 * lockfile format than this project's npm accepts), or through the command in $LIGHTHOUSE. Chromium is
 * Debian's (/usr/bin/chromium, or $CHROME_PATH).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { previewServer } from './preview-server.ts';

/** One page of each type: home, section index, prose + live demo, heaviest maths, MNIST task, tables. */
const PAGES = [
  ['home', ''],
  ['section index', 'neural-networks/'],
  ['answer with a demo', 'neural-networks/perceptron/tanh-and-gradcheck/'],
  ['heaviest maths', 'neural-networks/perceptron/hidden-node-by-hand/'],
  ['MNIST task', 'mnist-robustness/variants/'],
  ['benchmark tables', 'bench/'],
] as const;

const TARGET = { performance: 95, accessibility: 100 };

interface Report {
  categories: Record<'performance' | 'accessibility', { score: number | null }>;
  audits: Record<string, { numericValue?: number; displayValue?: string }>;
}

function lighthouse(url: string): Promise<Report> {
  const [cmd, ...pre] = (process.env.LIGHTHOUSE ?? 'npx --yes lighthouse@12.2.3').split(' ');
  const args = [
    ...pre,
    url,
    '--output=json',
    '--output-path=stdout',
    '--quiet',
    '--only-categories=performance,accessibility',
    '--chrome-flags=--headless=new --no-sandbox',
  ];
  const chrome = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  return new Promise((resolve, reject) => {
    const child = spawn(cmd!, args, {
      env: { ...process.env, ...(existsSync(chrome) ? { CHROME_PATH: chrome } : {}) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`lighthouse exited with ${code} for ${url}`));
      try {
        resolve(JSON.parse(out) as Report);
      } catch (e) {
        reject(new Error(`lighthouse printed no JSON report for ${url}: ${(e as Error).message}`));
      }
    });
  });
}

const arg = process.argv.slice(2).find((a) => !a.startsWith('-'));
const server = arg ? null : await previewServer();
const base = arg ?? server!.url;
try {
  console.log(
    `Lighthouse (mobile) on ${base}; targets: performance ≥ ${TARGET.performance}, accessibility ${TARGET.accessibility}`,
  );
  console.log(
    '| page | path | performance | accessibility | total blocking time | layout shift | DOM elements |',
  );
  console.log('|---|---|---|---|---|---|---|');
  let below = 0;
  for (const [kind, path] of PAGES) {
    const r = await lighthouse(new URL(path, base).href).catch((e: Error) => e);
    if (r instanceof Error) {
      below++;
      console.log(`| ${kind} | /${path} | failed: ${r.message} | | | | |`);
      continue;
    }
    const score = (c: keyof typeof TARGET) => Math.round(100 * (r.categories[c].score ?? 0));
    const [perf, a11y] = [score('performance'), score('accessibility')];
    if (perf < TARGET.performance || a11y < TARGET.accessibility) below++;
    const tbt = Math.round(r.audits['total-blocking-time']?.numericValue ?? NaN);
    const cls = (r.audits['cumulative-layout-shift']?.numericValue ?? NaN).toFixed(3);
    const dom = r.audits['dom-size']?.numericValue ?? NaN;
    console.log(
      `| ${kind} | /${path} | ${perf} | ${a11y} | ${tbt} ms | ${cls} | ${dom.toLocaleString('en')} |`,
    );
  }
  console.log(below ? `${below} of ${PAGES.length} pages below target` : 'all pages on target');
  console.log(
    `load average while measuring: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(', ')}`,
  );
} finally {
  await server?.stop();
}
