/**
 * Serve the built site (dist/) with `astro preview` on a free localhost port for a script's
 * lifetime. The server runs in its own process group, and stop() ends the whole group, so no
 * preview (npx → node → astro) outlives the script — also when the script fails or is interrupted.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createServer } from 'node:net';

export interface PreviewServer {
  url: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export async function previewServer(
  options: { port?: number; timeoutMs?: number } = {},
): Promise<PreviewServer> {
  const port = options.port ?? (await freePort());
  const astro = fileURLToPath(new URL('../node_modules/.bin/astro', import.meta.url));
  const child = spawn(astro, ['preview', '--host', '127.0.0.1', '--port', String(port)], {
    stdio: 'ignore',
    detached: true,
  });
  let exited = false;
  const done = new Promise<void>((r) => child.once('exit', () => ((exited = true), r())));
  const stop = async () => {
    if (exited || child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {}
    await Promise.race([done, new Promise((r) => setTimeout(r, 5000))]);
    if (!exited) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => void stop().then(() => process.exit(130)));
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (exited) throw new Error('astro preview exited before serving (is there a build in dist/?)');
    try {
      if ((await fetch(url)).ok) return { url, stop };
    } catch {}
    await new Promise((r) => setTimeout(r, 300));
  }
  await stop();
  throw new Error(
    `astro preview did not answer on ${url} within ${(options.timeoutMs ?? 60_000) / 1000} s`,
  );
}
