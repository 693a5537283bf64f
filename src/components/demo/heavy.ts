/**
 * Heavy demos on weak devices (browser side of src/lib/heavy): before the first run with given
 * settings the frame times a few steps (the island's `probe`) and states the estimated time and
 * download, offering "Run anyway" and "Show the precomputed result" (the committed result the island
 * puts in the frame's `precomputed` slot). Without WebGPU and WebGL, or on a phone-sized screen with
 * little memory, the precomputed result is shown from the start.
 */
import { estimate, type Probe } from '../../lib/heavy/estimate.ts';
import { firstView, type DeviceReport } from '../../lib/heavy/first-view.ts';

/** What this browser reports: GPU APIs, viewport width, memory (Chromium's navigator.deviceMemory). */
function deviceReport(): DeviceReport {
  const nav = navigator as Navigator & { gpu?: unknown; deviceMemory?: number };
  const canvas = document.createElement('canvas');
  const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
  gl?.getExtension('WEBGL_lose_context')?.loseContext();
  return {
    webgpu: Boolean(nav.gpu),
    webgl: gl !== null,
    viewportWidth: window.innerWidth,
    deviceMemory: typeof nav.deviceMemory === 'number' ? nav.deviceMemory : undefined,
  };
}

export interface HeavyGate {
  /** Whether the reader has seen the estimate for these settings (then Run runs). */
  accepted(settings: string): boolean;
  /** Show the estimate for these settings and the two offers; returns the status text. */
  offer(probe: Probe, settings: string): string;
  /** Move focus to "Run anyway" (after the frame's own focus handling). */
  focus(): void;
  /** A run has started: the offers are done. */
  hide(): void;
}

export function setupHeavy(
  root: HTMLElement,
  runBtn: HTMLButtonElement | null,
  status: (text: string) => void,
): HeavyGate | null {
  const panel = root.querySelector<HTMLElement>('[data-role=heavy]');
  const precomputed = root.querySelector<HTMLElement>('[data-role=precomputed]');
  if (!panel || !precomputed) return null;
  const runAnyway = panel.querySelector<HTMLButtonElement>('[data-role=run-anyway]')!;
  const showButton = panel.querySelector<HTMLButtonElement>('[data-role=show-precomputed]')!;
  let seen: string | null = null;

  const view = firstView(deviceReport());
  root.dataset.firstView = view.precomputed ? 'precomputed' : 'live';
  if (view.precomputed) {
    precomputed.hidden = false;
    status(
      `Showing the precomputed result first: ${view.reason}. Press ${runBtn?.textContent?.trim() ?? 'Run'} to see how long a live run would take here.`,
    );
  }

  runAnyway.addEventListener('click', () => runBtn?.click());
  showButton.addEventListener('click', () => {
    precomputed.hidden = false;
    precomputed.focus();
  });

  return {
    accepted: (settings) => seen === settings,
    offer(probe, settings) {
      const e = estimate(probe);
      seen = settings;
      root.dataset.estimateSeconds = String(e.seconds);
      panel.hidden = false;
      return `Estimated: ${e.text}. Run anyway, or see the precomputed result.`;
    },
    focus: () => runAnyway.focus(),
    hide() {
      panel.hidden = true;
    },
  };
}
