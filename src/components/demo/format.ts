/**
 * Formatting of numbers and counts for demo output (no DOM, so unit-testable in Node).
 * Negative numbers get the typographic minus "−" that the prose uses; exponents stay as JS writes
 * them ("3.3e-11"). Counts use thousands separators; plurals are spelt out, never "(s)".
 */

const MINUS = '\u2212';

/** Replace a leading hyphen-minus by the typographic minus. */
function typographic(s: string): string {
  return s.startsWith('-') ? MINUS + s.slice(1) : s;
}

/** `digits` decimals, typographic minus: fixed(-0.1644, 3) → "−0.164". */
export function fixed(v: number, digits = 2): string {
  return Number.isFinite(v) ? typographic(v.toFixed(digits)) : String(v);
}

/** `digits` decimals, or scientific notation for values too small to show that way. */
export function num(v: number, digits = 4): string {
  if (!Number.isFinite(v)) return String(v);
  if (v !== 0 && Math.abs(v) < 10 ** -digits) return typographic(v.toExponential(2));
  return fixed(v, digits);
}

/** A fraction 0–1 as a percentage: pct(0.98765) → "98.77 %". */
export function pct(fraction: number, digits = 2): string {
  return `${fixed(100 * fraction, digits)} %`;
}

/** A whole number with thousands separators: count(60000) → "60,000". */
export function count(n: number): string {
  return n.toLocaleString('en');
}

/** A count and its noun, singular or plural: plural(1, 'epoch') → "1 epoch", plural(3, 'row') → "3 rows". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/** Bytes as megabytes with one decimal: "12.6". */
export function megabytes(bytes: number): string {
  return (bytes / 1e6).toFixed(1);
}

/** Seconds with one decimal and the unit: "3.4 s". */
export function seconds(s: number): string {
  return `${s.toFixed(1)} s`;
}

/** A shape as the frameworks print it: shape([1, 3, 224, 224]) → "(1, 3, 224, 224)". */
export function shape(dims: readonly number[]): string {
  return `(${dims.join(', ')})`;
}

/** Layer widths as an architecture: layerWidths([784, 128, 10]) → "784 → 128 → 10"; tight: "784→128→10". */
export function layerWidths(widths: readonly number[], tight = false): string {
  return widths.join(tight ? '→' : ' → ');
}

/** Digits as a range when they run on ("0–4"), else as a list ("0, 2, 4"). */
export function digitsText(digits: readonly number[]): string {
  const runOn = digits.every((d, i) => i === 0 || d === digits[i - 1]! + 1);
  return runOn && digits.length > 2 ? `${digits[0]}–${digits.at(-1)}` : digits.join(', ');
}

/** An ordinal number: ordinal(1) → "1st", ordinal(5) → "5th", ordinal(12) → "12th", ordinal(22) → "22nd". */
export function ordinal(n: number): string {
  const teen = Math.floor(n / 10) % 10 === 1;
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** The first `max` items as a sentence, "a; b; … and 3 more." when there are more. */
export function firstOf(items: readonly string[], max: number): string {
  const more = items.length - max;
  return items.slice(0, max).join('; ') + (more > 0 ? `; … and ${more} more.` : '.');
}
