/**
 * Browser-side runtime shared by every demo island (UI only; the maths lives in src/lib).
 *
 * State machine: idle → loading → running → done | cancelled | failed. One AbortController per run;
 * the Cancel button aborts it. tfjs is imported (via src/lib/backend) only when the reader first
 * presses Run. Before and after every run the island records tf.memory().numTensors on its root
 * element (data-tensors-before / data-tensors-after) and shows a warning if they differ.
 */
import type { BackendInfo } from '../../lib/backend/index.ts';

export type DemoState = 'idle' | 'loading' | 'running' | 'done' | 'cancelled' | 'failed';

export interface DemoContext {
  tf: BackendInfo['tf'];
  backend: BackendInfo;
  signal: AbortSignal;
  /** Fraction 0–1 (or null for indeterminate) and a short text. */
  progress(fraction: number | null, text?: string): void;
  /** Show a line in the demo's status area. */
  status(text: string): void;
  /** Switch between loading (data) and running (compute) for the status display. */
  phase(state: 'loading' | 'running'): void;
  /** Read a control's value from the demo (inputs, selects). */
  value(name: string): string;
}

export interface DemoOptions {
  run: (ctx: DemoContext) => Promise<void | 'cancelled'>;
  /** Optional: validate the controls before starting; return an error message to refuse. */
  validate?: (root: HTMLElement) => string | null;
}

let backendPromise: Promise<BackendInfo> | null = null;

/** The page's backend, started once; `?backend=NAME` forces one. */
export async function pageBackend(): Promise<BackendInfo> {
  backendPromise ??= import('../../lib/backend/index.ts').then(async (m) =>
    m.initBackend({ prefer: m.backendFromQuery(location.search), wasmPath: `${import.meta.env.BASE_URL.replace(/\/$/, '')}/tfjs-wasm/` }),
  );
  return backendPromise;
}

function q<T extends Element>(root: HTMLElement, sel: string): T | null {
  return root.querySelector<T>(sel);
}

export function setupDemo(root: HTMLElement, options: DemoOptions) {
  const runBtn = q<HTMLButtonElement>(root, '[data-role=run]');
  const cancelBtn = q<HTMLButtonElement>(root, '[data-role=cancel]');
  const bar = q<HTMLProgressElement>(root, '[data-role=progress]');
  const statusEl = q<HTMLElement>(root, '[data-role=status]');
  const badge = q<HTMLElement>(root, '[data-role=badge]');
  const note = q<HTMLElement>(root, '[data-role=note]');
  let controller: AbortController | null = null;

  const setState = (s: DemoState, text?: string) => {
    root.dataset.state = s;
    if (statusEl) {
      statusEl.dataset.state = s;
      if (text !== undefined) statusEl.textContent = text;
    }
    const busy = s === 'loading' || s === 'running';
    if (runBtn) runBtn.disabled = busy;
    if (cancelBtn) cancelBtn.disabled = !busy;
    if (bar) bar.hidden = !busy;
  };
  setState('idle');

  cancelBtn?.addEventListener('click', () => controller?.abort());

  runBtn?.addEventListener('click', async () => {
    const problem = options.validate?.(root);
    if (problem) {
      setState('failed', problem);
      return;
    }
    controller = new AbortController();
    setState('loading', 'Starting TensorFlow.js…');
    if (bar) bar.removeAttribute('value');
    let backend: BackendInfo;
    try {
      backend = await pageBackend();
    } catch (e) {
      setState('failed', `Could not start any compute backend: ${(e as Error).message}`);
      return;
    }
    const { tf } = backend;
    if (badge) {
      const { badgeText } = await import('../../lib/backend/index.ts');
      badge.textContent = badgeText(backend);
      badge.dataset.backend = backend.name;
      badge.hidden = false;
    }
    if (note) {
      note.hidden = backend.notes.length === 0;
      note.textContent = backend.notes.length ? `Fell back to ${backend.name}: ${backend.notes.join('; ')}.` : '';
    }
    let lastText = '';
    const before = tf.memory().numTensors;
    root.dataset.tensorsBefore = String(before);
    delete root.dataset.tensorsAfter;
    const ctx: DemoContext = {
      tf,
      backend,
      signal: controller.signal,
      progress(fraction, text) {
        if (bar) {
          if (fraction === null) bar.removeAttribute('value');
          else bar.value = Math.max(0, Math.min(1, fraction));
        }
        if (text !== undefined && statusEl) statusEl.textContent = lastText = text;
      },
      status(text) {
        if (statusEl) statusEl.textContent = lastText = text;
      },
      phase(s) {
        setState(s);
      },
      value(name) {
        const el = root.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`);
        return el ? el.value : '';
      },
    };
    try {
      const r = await options.run(ctx);
      if (r === 'cancelled' || controller.signal.aborted) setState('cancelled', 'Cancelled. Press Run to start again.');
      else setState('done', lastText || 'Done.');
    } catch (e) {
      if (controller.signal.aborted) setState('cancelled', 'Cancelled. Press Run to start again.');
      else setState('failed', `Something went wrong: ${(e as Error).message}`);
    } finally {
      const after = tf.memory().numTensors;
      root.dataset.tensorsAfter = String(after);
      if (after !== before && statusEl) statusEl.textContent += ` (Warning: ${after - before} tensors were not freed.)`;
      controller = null;
    }
  });
}

/** Find every element with the given data-demo attribute and set it up. */
export function mountAll(name: string, make: (root: HTMLElement) => DemoOptions) {
  document.querySelectorAll<HTMLElement>(`[data-demo="${name}"]`).forEach((root) => setupDemo(root, make(root)));
}
