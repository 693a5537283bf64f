/**
 * Debian's Chromium for the scripts that drive a browser (bench, verify): headless, WebGPU allowed,
 * and none of the background traffic (updates, sync, first-run pages) that would disturb a timing or
 * a console check; the e2e tests (playwright.config.ts) use the same binary and arguments.
 */
import { chromium, type Browser } from '@playwright/test';

/** Debian's Chromium (browsers cannot be downloaded here); CHROMIUM_PATH overrides it. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** No background traffic (updates, sync, first-run pages) to disturb a timing or a console check. */
export const QUIET_CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...QUIET_CHROMIUM_ARGS, '--enable-unsafe-webgpu'],
  });
}
