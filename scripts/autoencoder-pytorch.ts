/**
 * Runs the PyTorch hand-in's test in full (python/autoencoder.py: 10 epochs, all 60,000 training
 * images) and records what it printed in src/data/autoencoder-pytorch-run.json, which the ae-task page
 * shows. A few minutes on two CPU cores.
 *   node scripts/autoencoder-pytorch.ts             (PYTHON=/path/to/python3 to choose the interpreter)
 */
import { spawnSync } from 'node:child_process';
import { writeJson } from './autoencoder-common.ts';

const python = process.env.PYTHON ?? '/usr/bin/python3';
const args = ['python/autoencoder.py'];
const t0 = Date.now();
const run = spawnSync(python, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
if (run.error) throw run.error;
const lines = run.stdout.split('\n').filter((l) => l.length > 0);
lines.forEach((l) => console.error(l));
if (run.status !== 0) {
  console.error(`python exited with status ${run.status}; nothing written`);
  process.exit(1);
}
writeJson('src/data/autoencoder-pytorch-run.json', {
  format: 'runnable-answers/ae-pytorch-run@1',
  command: `python3 ${args.join(' ')}`,
  exitCode: run.status,
  seconds: Math.round((Date.now() - t0) / 100) / 10,
  lines,
});
