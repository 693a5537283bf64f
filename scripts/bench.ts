/**
 * `npm run bench`: samples/s of the training engine vs tfjs model.fit for the 8-layer MLP, on every
 * backend available in Node (cpu, wasm) and in headless Chromium (webgpu, webgl, wasm), as a ratio
 * measured in the same run. Needs a built site (npm run build) for the browser part.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { initBackend, resetBackendForTests } from '../src/lib/backend/index.ts';
import { benchEngineVsFit, formatBench, type BenchResult } from '../src/lib/train/bench.ts';
import { wasmDir } from '../tests/helpers/tf.ts';

const steps = Number(process.env.BENCH_STEPS ?? 20);
const lines: string[] = [];

for (const backend of ['cpu', 'wasm'] as const) {
  resetBackendForTests();
  const b = await initBackend({ prefer: backend, wasmPath: wasmDir() });
  if (b.name !== backend) {
    lines.push(`node      ${backend}: unavailable (${b.notes.join('; ')})`);
    continue;
  }
  const r = await benchEngineVsFit(b.tf, { steps });
  lines.push(formatBench(r, 'node'));
  console.log(lines[lines.length - 1]);
}

if (!existsSync('dist/bench/index.html')) {
  lines.push('browser   skipped: no build (run npm run build first)');
} else {
  const port = 4399;
  const server = spawn('npx', ['astro', 'preview', '--host', '127.0.0.1', '--port', String(port)], { stdio: 'ignore' });
  try {
    for (let i = 0; i < 60; i++) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/bench/`)).ok) break;
      } catch {}
      await new Promise((r) => setTimeout(r, 500));
    }
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--enable-unsafe-webgpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    for (const backend of ['webgpu', 'webgl', 'wasm']) {
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${port}/bench/?run=1&backend=${backend}&steps=${steps}`);
      await page.waitForFunction(() => (window as unknown as { __bench?: unknown }).__bench, null, { timeout: 600_000 });
      const r = (await page.evaluate(() => (window as unknown as { __bench: unknown }).__bench)) as BenchResult & { error?: string; detail: string; wasmThreads: boolean; crossOriginIsolated: boolean };
      if (r.error) lines.push(`browser   ${backend}: error ${r.error}`);
      else if (r.backend !== backend) lines.push(`browser   ${backend}: unavailable (fell back to ${r.backend})`);
      else {
        let line = formatBench(r, 'browser') + `  [${r.detail}]`;
        if (backend === 'wasm') line += ` cross-origin isolated: ${r.crossOriginIsolated}, wasm threads: ${r.wasmThreads ? 'active' : 'inactive'}`;
        lines.push(line);
      }
      console.log(lines[lines.length - 1]);
      await page.close();
    }
    await browser.close();
  } finally {
    server.kill();
  }
}

console.log('\nTraining engine vs model.fit (8-layer MLP 784-500-500-500-200-200-100-50-10, Adam, batch 64):');
for (const l of lines) console.log('  ' + l);
