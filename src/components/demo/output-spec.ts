/**
 * A demo's output elements declared as data, rendered in order by ./Outputs.astro (`<Demo outputs>`
 * or `<Outputs items={…} />` inside an island's own output block). The run finds each by its key
 * with ctx.out(key).
 */
export type OutputSpec =
  /** `<div data-out=key>`: a plot, an image grid, a block the run fills. */
  | string
  /** `<p data-out=key>`: a sentence the run writes. */
  | { p: string }
  /** A heading between outputs. */
  | { h4: string }
  /** A plot's container, named for screen readers. */
  | { chart: string; label: string }
  /**
   * A table: with `head`, fixed column headings and a body `<tbody data-out=key>` the run fills
   * (fillTable); without, the run builds the whole `<table data-out=key>`.
   */
  | { table: string; head?: string[]; label?: string };
