import { defineConfig } from '@playwright/test';
import { CHROMIUM_PATH, QUIET_CHROMIUM_ARGS } from './scripts/lib/chromium.ts';

const port = Number(process.env.E2E_PORT ?? 4321);

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 180_000,
  expect: { timeout: 30_000 },
  // Two workers: one test file of each project can run at once. Much of a demo test is waiting
  // (page loads, single-threaded JavaScript, downloads), so two overlap well even on two cores.
  workers: Number(process.env.E2E_WORKERS ?? 2),
  reporter: [['list']],
  // The site's service worker would answer requests before page.route sees them; only the offline
  // spec allows it.
  use: { baseURL: `http://127.0.0.1:${port}`, serviceWorkers: 'block' },
  webServer: {
    command: `npx astro preview --host 127.0.0.1 --port ${port}`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
  projects: [
    {
      name: 'webgpu',
      use: {
        launchOptions: {
          executablePath: CHROMIUM_PATH,
          args: [...QUIET_CHROMIUM_ARGS, '--enable-unsafe-webgpu'],
        },
      },
    },
    {
      name: 'no-webgpu',
      use: {
        launchOptions: {
          executablePath: CHROMIUM_PATH,
          args: [...QUIET_CHROMIUM_ARGS, '--disable-gpu'],
        },
      },
    },
  ],
});
