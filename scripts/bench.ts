/**
 * `npm run bench`: samples/s of the training engine vs tfjs model.fit for the 8-layer MLP, at batch
 * 64 and 128, in Node (wasm) and in headless Chromium (webgpu, webgl, wasm), as a ratio measured in
 * the same run, plus inference samples/s and the time to evaluate the shipped robustness model on
 * clean + t1–t4 (50,000 images; in the browser on wasm only, with threads when the page gets them). The browser part needs a built site (npm run build); it
 * serves dist/ with `astro preview` and stops that server (its whole process group) when done.
 *
 *   --node-only    only the Node rows (about a minute)
 *   --mnist-epoch  also train one epoch on the 60,000 MNIST training images and report test accuracy
 *   --browser-backends=wasm,webgl   only these browser backends (default webgpu,webgl,wasm)
 *   --browser-only skip the Node rows
 *   --stale        measure the browser rows even though src/ or scripts/ changed after the last build
 *   --threads=1,2  browser wasm rows for each of these thread counts (default: the page's choice, a
 *                  thread per logical core in a cross-origin-isolated page)
 * BENCH_STEPS (default 30) timed steps per run; BENCH_PORT (default 4399) for the preview server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { sourcesNewerThan } from './lib/build-age.ts';
import { launchChromium } from './lib/chromium.ts';
import { initBackend } from '../src/lib/backend/index.ts';
import {
  benchEngineVsFit,
  formatBench,
  formatInference,
  formatPerCpuSecond,
  type BenchResult,
} from '../src/lib/train/bench.ts';
import { nodeSource } from '../src/lib/data/mnist-node.ts';
import {
  formatEvaluationTiming,
  timeShippedEvaluation,
  type EvaluationTiming,
} from '../src/lib/robustness/evaluate-timing.ts';
import { wasmDir } from '../tests/helpers/tf.ts';

const args = process.argv.slice(2);
const steps = Number(process.env.BENCH_STEPS ?? 30);
const batches = [64, 128];
const lines: string[] = [];
const say = (line: string) => {
  lines.push(line);
  console.log(line);
};

/** This process's CPU time in ms (user + system), for rates that other processes on the machine do not skew. */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const browserBackends = (
  args.find((a) => a.startsWith('--browser-backends='))?.split('=')[1] ?? 'webgpu,webgl,wasm'
).split(',');
const wasmThreads = args
  .find((a) => a.startsWith('--threads='))
  ?.split('=')[1]
  ?.split(',') ?? [''];

const node = await initBackend({ prefer: 'wasm', wasmPath: wasmDir() });
if (node.name !== 'wasm') say(`node wasm: unavailable (${node.notes.join('; ')})`);
else if (!args.includes('--browser-only')) {
  const threads = node.wasmThreads ? 'threads' : 'one thread';
  for (const batchSize of batches) {
    const r = await benchEngineVsFit(node.tf, { steps, batchSize, cpuMs });
    say(formatBench(r, 'node'));
    say(formatPerCpuSecond(r, 'node'));
    if (batchSize === batches[batches.length - 1])
      say(formatInference(r, 'node') + ` [${threads}]`);
  }
  // The shipped files as the site serves them, read from public/.
  const publicFetch = (async (url: string) =>
    new Response(await readFile(String(url)))) as unknown as typeof fetch;
  const evaluation = await timeShippedEvaluation(node.tf, {
    source: nodeSource,
    base: 'public',
    fetch: publicFetch,
    cpuMs,
  });
  say(formatEvaluationTiming(evaluation, 'node', `wasm · ${threads}`));
}

if (args.includes('--mnist-epoch')) {
  const { mnistEpoch } = await import('./bench-mnist-epoch.ts');
  say(await mnistEpoch(node.tf));
}

if (!args.includes('--node-only')) {
  if (!existsSync('dist/bench/index.html'))
    say('browser skipped: no build (run npm run build first)');
  else if (
    sourcesNewerThan('dist/bench/index.html', ['src', 'scripts']) &&
    !args.includes('--stale')
  )
    say(
      'browser skipped: src/ or scripts/ changed after the last build, so the browser rows would measure old code (run npm run build first, or pass --stale)',
    );
  else await browserRows();
}

console.log(
  `\nTraining engine vs model.fit (8-layer MLP 784-500-500-500-200-200-100-50-10, Adam, ${steps} timed steps, best of 2; load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}):`,
);
for (const l of lines) console.log('  ' + l);

async function browserRows(): Promise<void> {
  const port = Number(process.env.BENCH_PORT ?? 4399);
  // Own process group (detached), so that killing it also stops the server astro starts under it.
  const server: ChildProcess = spawn(
    'node_modules/.bin/astro',
    ['preview', '--host', '127.0.0.1', '--port', String(port)],
    { stdio: 'ignore', detached: true },
  );
  const stopServer = () => {
    try {
      if (server.pid) process.kill(-server.pid, 'SIGTERM');
    } catch {}
  };
  process.once('exit', stopServer);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.once(
      signal,
      () => (
        stopServer(),
        process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1))
      ),
    );
  try {
    for (let i = 0; i < 120; i++) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/bench/`)).ok) break;
      } catch {}
      await new Promise((r) => setTimeout(r, 500));
    }
    const browser = await launchChromium();
    try {
      const runs = browserBackends.flatMap((backend) =>
        (backend === 'wasm' ? wasmThreads : ['']).map((threads) => ({ backend, threads })),
      );
      for (const { backend, threads } of runs) {
        for (const batchSize of batches) {
          const page = await browser.newPage();
          const last = batchSize === batches[batches.length - 1];
          // The 50,000-image evaluation only on wasm: on a software GPU it would take minutes.
          const evaluate = last && backend === 'wasm';
          await page.goto(
            `http://127.0.0.1:${port}/bench/?run=1&backend=${backend}&steps=${steps}&batch=${batchSize}${evaluate ? '&eval=1' : ''}${threads ? `&threads=${threads}` : ''}`,
          );
          await page.waitForFunction(
            () => (window as unknown as { __bench?: unknown }).__bench,
            null,
            { timeout: 900_000 },
          );
          const r = (await page.evaluate(
            () => (window as unknown as { __bench: unknown }).__bench,
          )) as BenchResult & { error?: string; detail: string; evaluation?: EvaluationTiming };
          await page.close();
          if (r.error) say(`browser ${backend} batch ${batchSize}: error ${r.error}`);
          else if (r.backend !== backend) {
            say(`browser ${backend}: unavailable (fell back to ${r.backend})`);
            break;
          } else {
            say(`${formatBench(r, 'browser')} [${r.detail}]`);
            if (last) say(`${formatInference(r, 'browser')} [${r.detail}]`);
            if (r.evaluation) say(formatEvaluationTiming(r.evaluation, 'browser', r.detail));
          }
        }
      }
    } finally {
      await browser.close();
    }
  } finally {
    stopServer();
  }
}
