/**
 * Declarative ranges for demo controls and the one message that says what is wrong with a value
 * (no DOM, so unit-testable in Node). A range is closed unless `minOpen`/`maxOpen` say otherwise.
 */

export interface Range {
  min?: number;
  max?: number;
  /** The value must be above `min` rather than at least `min`. */
  minOpen?: boolean;
  /** The value must be below `max` rather than at most `max`. */
  maxOpen?: boolean;
  /** Only whole numbers. */
  whole?: boolean;
  /** Unit written after the range, e.g. "degrees". */
  unit?: string;
  /** Why the range is what it is, added to the message: "tf.dropout refuses a rate of 1". */
  reason?: string;
}

const show = (v: number) => v.toLocaleString('en');

/** What the range allows, as the end of "… must be ___": "a whole number from 1 to 10". */
export function describeRange(r: Range): string {
  const kind = r.whole ? 'a whole number' : 'a number';
  const unit = r.unit ? ` ${r.unit}` : '';
  const { min, max } = r;
  if (min !== undefined && max !== undefined) {
    if (!r.minOpen && !r.maxOpen)
      return r.whole
        ? `${kind} from ${show(min)} to ${show(max)}${unit}`
        : `${kind} between ${show(min)} and ${show(max)}${unit}`;
    const low = r.minOpen ? `above ${show(min)}` : `at least ${show(min)}`;
    const high = r.maxOpen ? `below ${show(max)}` : `at most ${show(max)}`;
    return `${kind} ${low} and ${high}${unit}`;
  }
  if (min !== undefined)
    return `${kind} ${r.minOpen ? 'above' : 'of at least'} ${show(min)}${unit}`;
  if (max !== undefined) return `${kind} ${r.maxOpen ? 'below' : 'of at most'} ${show(max)}${unit}`;
  return kind;
}

/** A short hint shown beside the field before any run: "1–10", "above 0, at most 5". */
export function rangeHint(r: Range): string {
  const { min, max } = r;
  const unit = r.unit ? ` ${r.unit}` : '';
  if (min !== undefined && max !== undefined && !r.minOpen && !r.maxOpen)
    return `${show(min)}–${show(max)}${unit}`;
  const parts = [];
  if (min !== undefined) parts.push(r.minOpen ? `above ${show(min)}` : `≥ ${show(min)}`);
  if (max !== undefined) parts.push(r.maxOpen ? `below ${show(max)}` : `≤ ${show(max)}`);
  return parts.join(', ') + unit;
}

/** Why `raw` falls outside `r`, or null when it is inside. */
function problem(raw: string, v: number, r: Range, unreadable: boolean): string | null {
  if (unreadable) return 'what was typed is not a number';
  if (raw.trim() === '') return 'the field is empty';
  if (!Number.isFinite(v)) return `"${raw}" is not a number`;
  if (r.whole && !Number.isInteger(v)) return `${raw} is not a whole number`;
  if (r.min !== undefined && (r.minOpen ? v <= r.min : v < r.min))
    return `${raw} is ${r.minOpen ? 'not above' : 'below'} ${show(r.min)}`;
  if (r.max !== undefined && (r.maxOpen ? v >= r.max : v > r.max))
    return `${raw} is ${r.maxOpen ? 'not below' : 'above'} ${show(r.max)}`;
  return null;
}

/**
 * Parse `raw` against the range: the number, or the message "<label> must be <range> (<why>).".
 * `unreadable`: the browser could not read what was typed (an input's validity.badInput).
 */
export function checkNumber(
  label: string,
  raw: string,
  r: Range,
  unreadable = false,
): { value: number } | { error: string } {
  const v = Number(raw.trim());
  const why = problem(raw, v, r, unreadable);
  if (!why) return { value: v };
  return {
    error: `${label} must be ${describeRange(r)} (${why})${r.reason ? `; ${r.reason}` : ''}.`,
  };
}
