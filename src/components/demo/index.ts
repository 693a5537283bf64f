/**
 * The islands' toolkit. An island is its markup plus its run; everything else comes from here.
 *
 * Markup (in the island's .astro file): controls and outputs declared as data.
 *   import Demo from '../demo/Demo.astro';
 *   import { epochs, images, number } from '../demo/controls/spec.ts';   // also choice, integer, …
 *   const controls = [
 *     images([256, 2000, 60000], 2000),                                  // name "n" (train) or "test"
 *     epochs(10, 2),                                                     // name "epochs", range 1–10
 *     number('lr', 'Adam lr', 0.003, [0, 1, 'any'], 'The learning rate'),
 *   ];
 *   <Demo name="cnn-mnist" controls={controls}
 *     outputs={[{ p: 'result' }, { chart: 'chart', label: '…' }, { table: 'rows', head }]} />
 *   The name is the demo's entry in ../demos/catalogue.ts: its heading, Run label, seed (a Seed
 *   field), cancellability and provenance (the src/lib module and its unit test) are written there.
 *   (./controls/spec.ts, ./output-spec.ts.) Custom fields go in the "controls" slot (after the
 *   declared ones, or between groups of <Controls slot="controls" items={…} />); a richer output block
 *   goes in the default slot as <div data-role="out" hidden>, using <Outputs items={…} /> inside.
 *   Controls get scoped styles from Demo.astro (no inline widths). A number field's min/max are its
 *   range, written once: the runtime shows it beside the field and the readers check against it.
 *
 * Script:
 *   import { mount, loadTrainTest, liveChart, pct, count } from '../demo/index.ts';
 *   mount('cnn-mnist', {
 *     read: (c) => ({ n: c.choiceNumber('n'), epochs: c.int('epochs') }),   // before tfjs starts
 *     async run(ctx, { n, epochs }) {
 *       const { train, test } = await loadTrainTest(ctx, n);                // progress in MB
 *       ctx.phase('running');
 *       ctx.show();                                                         // reveal [data-role=out]
 *       ctx.out('result').textContent = `… ${pct(acc)} on ${count(test.count)} images`;
 *     },
 *   });
 *   Use mountAll(name, (root) => options) when the island keeps state per demo element.
 *
 * Readers (on `read`'s argument and on ctx): int(name, min?, max?), num(name, min?, max?, {minOpen,
 * maxOpen, unit}), choice(name), choiceNumber(name), checked(name), text(name), numbers(name, …) for
 * a comma list, parse(name, parserFromLib), refuse(name | null, message) for a check that lives in src/lib. A bad value stops the run
 * with one standard message ("Epochs must be a whole number from 1 to 10 (0 is below 1).") and
 * marks the field. Labels come from the control's data-label or its <label> text.
 *
 * Runtime: idle → loading → running → done | cancelled | failed; focus moves to Cancel while running
 * and back to Run afterwards; the badge stays hidden until the first run; tensors are counted
 * before and after (data-tensors-before/after). Return 'cancelled' when the lib reports a cancel.
 *
 * Reader features every frame has (issue 18): "Copy link to this run" puts every named control into the
 * URL (?run=NAME&NAME.epochs=3, ./share.ts; a link restores them through the same range checks and
 * offers "Run with these settings"). ctx.result({ results, table }) offers JSON and CSV after a run,
 * ctx.model(layersModel) the trained model for tf.loadLayersModel (./export.ts; plain MLPs convert
 * with src/lib/models/layers-format.ts). <Demo module="src/lib/…" test="tests/unit/…"> shows both
 * files' code; after a run the frame says the backend and precision, and ctx.reference(label, run,
 * reference) shows "your run vs reference" with the tolerance (./provenance.ts).
 *
 * Formatting (./format.ts): fixed, num (typographic minus), pct ("98.77 %"), count ("60,000"),
 * plural(n, 'epoch') — never "(s)" —, megabytes, seconds, shape. Tables (./table.ts): fillTable(el,
 * { head, rows, rowHeaders, caption }) builds DOM cells (no innerHTML), styled by Demo.astro.
 * Plots (./plots/): liveChart/staticChart (uPlot; accuracy on its own 0–1 axis; legends show the
 * latest values), drawScatter, drawHeatmap, drawRoc, drawReliability, drawDigits (digitStrip: one row as a new
 * canvas), drawDecision; all follow the
 * light/dark theme (./plots/theme.ts). A sampled 2-D field is drawn once, by ./plots/field.ts: drawDecision,
 * drawTrajectories (optimiser paths) and drawSearchTrials (hyper-parameter trials) put their marks on it;
 * drawGridWorld draws a grid world's values and greedy actions. Figures of one demo: fillAttackShowcase
 * (an attack's digits before and after), fillEpisode and fillShotTable (few-shot results); putRgba
 * draws RGBA bytes on a canvas. More controls: LearningRateInput (an optimiser's learning rate, "The
 * SGD learning rate" in messages) and FirstImagesChoice ("Test images: first N", name "n"); the
 * PictureTable output holds a table of small pictures.
 *
 * Run plumbing and outputs (imported from their files): stepProgress(ctx, { label, span, detail })
 * is the onStep of any lib training loop ("Epoch 2/10, batch 5/40"; the fraction and partSpan come
 * from src/lib/train/progress.ts) (./progress.ts); startRunning(ctx) and clearOutputs(ctx, keys?)
 * empty the last run's outputs (./outputs.ts); <Figure out="roc" width={360} label="…"> is a canvas
 * with its caption (the output `roc-caption` when the caption is not in the slot), <OutputTable
 * head rows={[[heading, key, …]]}> a result table whose cells are outputs, <ClassLegend /> the
 * colour of each digit; fillColumns(el, rows, [[heading, (row) => cell], …]) a table declared by
 * its columns (./columns.ts), fillExamples (input, expected, answer, ✓/✗; ./examples.ts), firstOf
 * ("a; b; … and 3 more.", ./format.ts). Plots: drawNetwork (a layered network as SVG, units kept or
 * dropped), digitRowsFigure (a digit grid that grows a row per epoch), fillingChart (series that
 * fill in one after another on a fixed x axis), heatTable (a heat map as a table, for word labels).
 *
 * Island names: topic first, then what it shows, PascalCase, no Lab/Dl-number prefixes (a section
 * prefix such as Layers/Optim/Reg/Robust/Gen is a topic and stays): CnnMnist, ScratchNetMnist,
 * AugmentationMnist, ResNetTransfer, AdversarialAttack, QLearningGrid, … The data-demo names stay
 * as they are: the e2e specs and pages find demos by them.
 */
export { mount, mountAll, type DemoContext, type DemoOptions } from './runtime.ts';
export type { Controls } from './controls/read.ts';
export {
  count,
  digitsText,
  fixed,
  layerWidths,
  megabytes,
  num,
  ordinal,
  pct,
  plural,
  seconds,
  shape,
} from './format.ts';
export { fillTable, el, type Cell } from './table.ts';
export { fillConfusion } from './confusion.ts';
export { downloadProgress, loadMnist, loadTrainTest, mnistSource } from './mnist.ts';
export { liveChart, staticChart, type LiveChart } from './plots/line.ts';
export { digitRgba, drawDigits, putRgba, rgbaCanvas } from './plots/digits.ts';
export { digitStrip } from './plots/digit-strip.ts';
export { drawDecision } from './plots/decision.ts';
export { fillAttackShowcase } from './plots/attack-showcase.ts';
export { fillEpisode, fillShotTable } from './plots/fewshot.ts';
export { drawGridWorld } from './plots/gridworld.ts';
export { drawSearchTrials } from './plots/search-trials.ts';
export { drawTrajectories } from './plots/trajectories.ts';
export { drawScatter } from './plots/scatter.ts';
export { drawHeatmap } from './plots/heatmap.ts';
export { drawRoc, type RocCurve } from './plots/roc.ts';
export { drawReliability, type ReliabilityBin } from './plots/reliability.ts';
export { CLASSES, SERIES } from './plots/theme.ts';
