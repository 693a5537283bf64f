/**
 * Browser-side runtime shared by every demo island (UI only; the maths lives in src/lib).
 *
 * State machine: idle → loading → running → done | cancelled | failed. One AbortController per run;
 * the Cancel button aborts it. tfjs is imported (via src/lib/backend) only when the reader first
 * presses Run. Before and after every run the island records tf.memory().numTensors on its root
 * element (data-tensors-before / data-tensors-after) and shows a warning if they differ.
 *
 * Controls are read before tfjs starts (`read`), or inside `run` through the same readers on ctx;
 * a bad value stops the run with the reader's message and marks the field (aria-invalid). Focus
 * stays inside the demo: Cancel while it runs, Run afterwards.
 */
import type { BackendInfo } from '../../lib/backend/index.ts';
import { ControlError, controlsOf, markInvalid, type Controls } from './controls/read.ts';
import { rangeHint } from './controls/range.ts';
import { exportRow, type RunResult } from './export.ts';
import { provenanceRow } from './provenance.ts';
import { currentSettings, setupShare } from './share.ts';
import { setupHeavy } from './heavy.ts';
import type { Probe } from '../../lib/heavy/estimate.ts';
import type { DemoName } from '../demos/catalogue.ts';

/** 'estimated': a heavy demo has timed a few steps and offers "Run anyway" or its precomputed result. */
export type DemoState =
  'idle' | 'loading' | 'running' | 'estimated' | 'done' | 'cancelled' | 'failed';

export interface DemoContext extends Controls {
  tf: BackendInfo['tf'];
  backend: BackendInfo;
  signal: AbortSignal;
  /** The demo's root element. */
  root: HTMLElement;
  /** The run's seed, from the Seed field that `<Demo seed={…}>` declares; throws when the demo has none. */
  readonly seed: number;
  /** Fraction 0–1 (or null for indeterminate) and a short text. */
  progress(fraction: number | null, text?: string): void;
  /** Show a line in the demo's status area. */
  status(text: string): void;
  /** Switch between loading (data) and running (compute) for the status display. */
  phase(state: 'loading' | 'running'): void;
  /** Read a control's raw value from the demo (inputs, selects). Prefer the typed readers. */
  value(name: string): string;
  /** The output element `[data-out=key]`; throws if the markup has none. */
  out<T extends HTMLElement = HTMLElement>(key: string): T;
  /** Reveal the output area (`[data-role=out]`), hidden until the first result. */
  show(): void;
  /** Offer the run's results for download (JSON, and CSV when a table is given) once it is done. */
  result(r: RunResult): void;
  /** Offer a trained tfjs LayersModel for download (serialised now; dispose it afterwards as usual). */
  model(m: import('@tensorflow/tfjs').LayersModel): Promise<void>;
  /** Compare the run's numbers with a committed reference; the frame shows difference and tolerance. */
  reference(
    label: string,
    run: readonly number[],
    reference: readonly number[],
    ops?: number,
  ): void;
}

export interface DemoOptions<V = void> {
  /** Read and check the controls before tfjs starts; the result is passed to run. */
  read?: (controls: Controls) => V;
  run: (ctx: DemoContext, values: V) => Promise<void | 'cancelled'>;
  /** Older form of `read`: return an error message to refuse. */
  validate?: (root: HTMLElement) => string | null;
  /**
   * For a heavy demo (`<Demo heavy>`): time a few steps of the run these values ask for, and say how
   * many steps and bytes the whole run needs. The frame shows the estimate before the first run with
   * given settings. Must free what it makes.
   */
  probe?: (ctx: DemoContext, values: V) => Promise<Probe>;
}

let backendPromise: Promise<BackendInfo> | null = null;

/** The page's backend, started once; `?backend=NAME` forces one, `?threads=N` wasm's threads. */
export async function pageBackend(): Promise<BackendInfo> {
  backendPromise ??= import('../../lib/backend/index.ts').then(async (m) =>
    m.initBackend({
      prefer: m.backendFromQuery(location.search),
      wasmThreads: m.threadsFromQuery(location.search),
      wasmPath: `${import.meta.env.BASE_URL.replace(/\/$/, '')}/tfjs-wasm/`,
    }),
  );
  return backendPromise;
}

/** Put the allowed range beside every number field that declares one (before any run). */
function addRangeHints(root: HTMLElement) {
  root.querySelectorAll<HTMLInputElement>('.controls input[type=number]').forEach((el) => {
    const min = el.getAttribute('min');
    const max = el.getAttribute('max');
    if (
      (min === null && max === null) ||
      el.dataset.hint === 'none' ||
      el.nextElementSibling?.classList.contains('range-hint')
    )
      return;
    const hint = document.createElement('small');
    hint.className = 'range-hint';
    hint.id = `${el.name}-hint-${Math.random().toString(36).slice(2, 8)}`;
    hint.textContent = rangeHint({
      min: min === null ? undefined : Number(min),
      max: max === null ? undefined : Number(max),
    });
    el.after(hint);
    el.setAttribute('aria-describedby', hint.id);
  });
}

export function setupDemo<V>(root: HTMLElement, options: DemoOptions<V>) {
  const q = <T extends Element>(sel: string) => root.querySelector<T>(sel);
  const runBtn = q<HTMLButtonElement>('[data-role=run]');
  const cancelBtn = q<HTMLButtonElement>('[data-role=cancel]');
  const bar = q<HTMLProgressElement>('[data-role=progress]');
  const statusEl = q<HTMLElement>('[data-role=status]');
  const badge = q<HTMLElement>('[data-role=badge]');
  const note = q<HTMLElement>('[data-role=note]');
  const controls = controlsOf(root);
  const hasSeed = root.querySelector('.controls input[name=seed]') !== null;
  let controller: AbortController | null = null;
  addRangeHints(root);
  const exports = exportRow(root, root.dataset.demo ?? 'demo');
  const provenance = provenanceRow(root);
  setupShare(root, root.dataset.demo ?? '', runBtn);
  const heavy = options.probe
    ? setupHeavy(root, runBtn, (text) => {
        if (statusEl) statusEl.textContent = text;
      })
    : null;

  const setState = (s: DemoState, text?: string) => {
    const focusWasInside =
      root.contains(document.activeElement) || document.activeElement === document.body;
    root.dataset.state = s;
    if (statusEl) {
      statusEl.dataset.state = s;
      if (text !== undefined) statusEl.textContent = text;
    }
    const busy = s === 'loading' || s === 'running';
    if (runBtn) runBtn.disabled = busy;
    if (cancelBtn) cancelBtn.disabled = !busy;
    if (bar) bar.hidden = !busy;
    // Keep keyboard focus in the demo when the focused button becomes disabled.
    if (focusWasInside && s !== 'idle' && s !== 'running')
      (busy ? (cancelBtn ?? root) : runBtn)?.focus();
  };
  const refuse = (e: ControlError) => {
    setState('failed', e.message);
    if (e.control) {
      markInvalid(e.control);
      e.control.focus();
    }
  };
  root.tabIndex = -1;
  setState('idle');

  cancelBtn?.addEventListener('click', () => controller?.abort());

  runBtn?.addEventListener('click', async () => {
    root.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
    let values: V;
    let seed: number | undefined;
    try {
      const problem = options.validate?.(root);
      if (problem) throw new ControlError(problem, null);
      values = options.read ? options.read(controls) : (undefined as V);
      if (hasSeed) seed = controls.int('seed');
    } catch (e) {
      if (e instanceof ControlError) return refuse(e);
      throw e;
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
      note.textContent = backend.notes.length
        ? `Fell back to ${backend.name}: ${backend.notes.join('; ')}.`
        : '';
    }
    let lastText = '';
    const settings = currentSettings(root);
    const probing = heavy !== null && !heavy.accepted(JSON.stringify(settings));
    const before = tf.memory().numTensors;
    root.dataset.tensorsBefore = String(before);
    delete root.dataset.tensorsAfter;
    const ctx: DemoContext = {
      ...controls,
      tf,
      backend,
      root,
      get seed() {
        if (seed === undefined)
          throw new Error('This demo declares no seed (give its frame one: <Demo seed={1}>).');
        return seed;
      },
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
        return (
          root.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`)?.value ?? ''
        );
      },
      out<T extends HTMLElement>(key: string) {
        const el = root.querySelector<T>(`[data-out="${key}"]`);
        if (!el) throw new Error(`This demo has no output "${key}".`);
        return el;
      },
      show() {
        const area = root.querySelector<HTMLElement>('[data-role=out]');
        if (area) area.hidden = false;
      },
      result: (r) => exports.result(r),
      model: (m) => exports.model(tf, m),
      reference: (label, run, reference, ops) =>
        void provenance.reference(label, run, reference, ops),
    };
    try {
      if (probing) {
        ctx.phase('running');
        ctx.status('Timing a few training steps on this device…');
        const probe = await options.probe!(ctx, values);
        if (controller.signal.aborted) {
          setState('cancelled', 'Cancelled. Press Run to start again.');
          return;
        }
        setState('estimated', heavy.offer(probe, JSON.stringify(settings)));
        if (root.contains(document.activeElement)) heavy.focus();
        return;
      }
      heavy?.hide();
      exports.reset(settings, backend.name);
      provenance.start(backend);
      const r = await options.run(ctx, values);
      if (r === 'cancelled' || controller.signal.aborted)
        setState('cancelled', 'Cancelled. Press Run to start again.');
      else {
        setState('done', lastText || `Done on ${backend.name}.`);
        exports.offer();
      }
    } catch (e) {
      if (e instanceof ControlError) refuse(e);
      else if (controller.signal.aborted)
        setState('cancelled', 'Cancelled. Press Run to start again.');
      else setState('failed', `Something went wrong: ${(e as Error).message}`);
    } finally {
      const after = tf.memory().numTensors;
      root.dataset.tensorsAfter = String(after);
      if (after !== before && statusEl)
        statusEl.textContent += ` (Warning: ${after - before} tensors were not freed.)`;
      controller = null;
    }
  });
  // The frame renders Run disabled until this point: a press before the script listens would be lost.
  if (runBtn) runBtn.disabled = false;
}

/** Find every element with the given data-demo attribute and set it up. */
export function mountAll<V>(name: DemoName, make: (root: HTMLElement) => DemoOptions<V>) {
  document
    .querySelectorAll<HTMLElement>(`[data-demo="${name}"]`)
    .forEach((root) => setupDemo(root, make(root)));
}

/** Set up every demo named `name` with the same options (islands that need no per-root state). */
export function mount<V>(name: DemoName, options: DemoOptions<V>) {
  mountAll(name, () => options);
}
