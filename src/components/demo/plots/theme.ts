/**
 * Colours for plots that follow the site's light/dark theme (Starlight sets data-theme on <html>).
 * Canvas drawings read them when they draw and redraw through onThemeChange.
 */

export interface PlotTheme {
  /** Plot background. */
  background: string;
  /** Tick labels, axis titles, text on the plot. */
  text: string;
  /** Grid lines and frames. */
  grid: string;
  /** Faint reference lines (a diagonal, a baseline). */
  faint: string;
}

/** Series colours, readable on both backgrounds. */
export const SERIES = ['#4f8cff', '#ff7a59', '#3cc47c', '#c678dd', '#e5c07b', '#56b6c2'];

/** Ten well-separated colours (Tableau 10): class d gets CLASSES[d]. */
export const CLASSES = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#17becf',
];

export function isDark(): boolean {
  return typeof document !== 'undefined' && document.documentElement.dataset.theme === 'dark';
}

export function plotTheme(): PlotTheme {
  return isDark()
    ? { background: '#17181c', text: '#d8dbe2', grid: '#3a3d45', faint: '#80848f' }
    : { background: '#ffffff', text: '#23262d', grid: '#d6d8dd', faint: '#999999' };
}

/** Call `redraw` whenever the reader switches between light and dark; returns a function that stops it. */
export function onThemeChange(redraw: () => void): () => void {
  const obs = new MutationObserver(redraw);
  obs.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => obs.disconnect();
}

/** Size a canvas for the device's pixel ratio and return a context that draws in CSS pixels. */
export function crispCanvas(
  canvas: HTMLCanvasElement,
  width: number,
  height: number,
): CanvasRenderingContext2D {
  const dpr = Math.min(2, window.devicePixelRatio || 1);
  canvas.width = width * dpr;
  canvas.height = height * dpr;
  const g = canvas.getContext('2d')!;
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  return g;
}

/** Draw now and again on every theme change (once per canvas: a new drawing replaces the old hook). */
export function themed(canvas: HTMLCanvasElement, draw: () => void) {
  const c = canvas as HTMLCanvasElement & { stopTheme?: () => void };
  c.stopTheme?.();
  draw();
  c.stopTheme = onThemeChange(draw);
}
