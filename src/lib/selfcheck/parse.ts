/**
 * Reading what a reader typed: numbers written the many ways people write them, and tensor shapes.
 * Pure functions; a refusal is a message saying what was not understood.
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** Minus-like characters readers paste from typeset pages: minus sign, en dash, hyphen-minus variants. */
const MINUS = /[\u2212\u2013\u2012\uFE63\uFF0D]/g;
/** Spaces used inside numbers: ordinary, no-break, thin, narrow no-break. */
const SPACES = /[\s\u00A0\u2009\u202F]/g;

/**
 * A number from free text: "−0.164" (typographic minus), "-.164", "+0.1640", "0,164" (decimal comma),
 * "1,234" or "1 234" (thousands), "1.6e-1". Anything else (two numbers, units, fractions) is refused.
 */
export function parseNumber(raw: string): Parsed<number> {
  let s = raw.replace(MINUS, '-').replace(SPACES, '');
  if (s === '') return { ok: false, message: 'Enter a number first.' };
  if (/^[+-]?[1-9]\d{0,2}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, '');
  else if (/^[+-]?\d*,\d+$/.test(s)) s = s.replace(',', '.');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s))
    return {
      ok: false,
      message: `"${raw.trim()}" is not a number this check can read; write it like −0.164 or 2.5e-3.`,
    };
  const value = Number(s);
  return Number.isFinite(value)
    ? { ok: true, value }
    : { ok: false, message: 'That number is too large.' };
}

/**
 * A shape from free text: "(1, 512, 7, 7)", "[1,512,7,7]", "torch.Size([1, 512, 7, 7])", "1×512×7×7",
 * "1 512 7 7". Every dimension must be a non-negative integer.
 */
export function parseShape(raw: string): Parsed<number[]> {
  const s = raw
    .trim()
    .replace(/^torch\.Size\s*/i, '')
    .replace(/[()[\]]/g, ' ')
    .trim();
  if (s === '') return { ok: false, message: 'Enter a shape first, e.g. (1, 3, 32, 32).' };
  const dims = s.split(/\s*[,x×*]\s*|\s+/i).filter((d) => d !== '');
  if (!dims.every((d) => /^\d+$/.test(d)))
    return {
      ok: false,
      message: `"${raw.trim()}" is not a shape; write whole numbers separated by commas, like (1, 3, 32, 32).`,
    };
  return { ok: true, value: dims.map(Number) };
}
