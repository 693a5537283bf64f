/** Giving the event loop a turn between training steps, so Cancel clicks and repaints happen. */

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

let lastTimerYield = 0;

/**
 * Give the event loop a turn (so Cancel clicks and repaints happen). Usually without a timer's 4 ms
 * clamp (scheduler.yield / setImmediate); but a scheduler.yield continuation is queued ahead of other
 * work, and a long run of them was seen to keep clicks from being handled, so at least every 50 ms
 * the turn is a real timer task, behind input and rendering.
 */
export function yieldToEventLoop(): Promise<void> {
  const g = globalThis as {
    scheduler?: { yield?: () => Promise<void> };
    setImmediate?: (f: () => void) => void;
  };
  const t = now();
  if (t - lastTimerYield >= 50) {
    lastTimerYield = t;
    return new Promise((r) => setTimeout(r, 0));
  }
  if (g.scheduler?.yield) return g.scheduler.yield();
  if (g.setImmediate) return new Promise((r) => g.setImmediate!(r));
  return new Promise((r) => setTimeout(r, 0));
}
