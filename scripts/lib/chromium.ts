/**
 * Debian's Chromium for the scripts that drive a browser (bench, verify): headless, WebGPU allowed,
 * and none of the background traffic (updates, sync, first-run pages) that would disturb a timing or
 * a console check. CHROMIUM_PATH overrides the binary (browsers cannot be downloaded here).
 */
import { chromium, type Browser } from '@playwright/test';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--enable-unsafe-webgpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
