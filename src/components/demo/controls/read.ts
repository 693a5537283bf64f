/**
 * Typed readers for a demo's controls (browser). Each reader finds the control by name inside the
 * demo, checks it against a declarative range and returns a typed value, or throws a ControlError
 * whose message says exactly what is wrong. Ranges default to the control's min/max attributes, so
 * a range written once in the markup serves the hint beside the field and the check.
 */
import { checkNumber, type Range } from './range.ts';

/** A control's value is refused; `control` is the field to mark (null when none is named). */
export class ControlError extends Error {
  readonly control: HTMLElement | null;
  constructor(message: string, control: HTMLElement | null) {
    super(message);
    this.name = 'ControlError';
    this.control = control;
  }
}

export interface Controls {
  /** A whole number; min and max default to the control's attributes. */
  int(name: string, min?: number, max?: number): number;
  /** Any number in a range (open ends with minOpen/maxOpen); defaults from the control's attributes. */
  num(
    name: string,
    min?: number,
    max?: number,
    more?: Omit<Range, 'min' | 'max' | 'whole'>,
  ): number;
  /** The chosen value of a select (or radio group), checked against its options. */
  choice<T extends string = string>(name: string): T;
  /** A select whose option values are numbers. */
  choiceNumber(name: string): number;
  /** Whether a checkbox is ticked. */
  checked(name: string): boolean;
  /** The raw text of a field. */
  text(name: string): string;
  /** A comma-separated list of numbers, each in the range. */
  numbers(name: string, min?: number, max?: number, more?: Omit<Range, 'min' | 'max'>): number[];
  /** A text field read through a parser from src/lib; what the parser throws becomes the refusal. */
  parse<T>(name: string, parser: (text: string) => T): T;
  /** Stop the run with this message, marking the control `name` as invalid (null: no single control). */
  refuse(name: string | null, message: string): never;
}

type Field = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** The words a reader sees for the control: data-label, else its label's own text, else the name. */
export function labelOf(el: Field): string {
  if (el.dataset.label) return el.dataset.label;
  const label = el.closest('label');
  const own = label
    ? [...label.childNodes]
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent)
        .join(' ')
        .trim()
    : '';
  return own || el.name;
}

const attr = (el: Field, a: 'min' | 'max') =>
  el.getAttribute(a) === null ? undefined : Number(el.getAttribute(a));

export function controlsOf(root: HTMLElement): Controls {
  const find = (name: string): Field => {
    const el = root.querySelector<Field>(`[name="${name}"]`);
    if (!el) throw new ControlError(`This demo has no control named "${name}".`, null);
    return el;
  };
  const refuse = (el: Field | null, message: string): never => {
    throw new ControlError(message, el);
  };
  const read = (name: string, range: Range) => {
    const el = find(name);
    const unreadable = el instanceof HTMLInputElement && el.validity.badInput;
    const r = checkNumber(
      labelOf(el),
      el.value,
      { ...range, min: range.min ?? attr(el, 'min'), max: range.max ?? attr(el, 'max') },
      unreadable,
    );
    return 'error' in r ? refuse(el, r.error) : r.value;
  };
  const choice = (name: string) => {
    const el = find(name);
    if (el instanceof HTMLSelectElement && ![...el.options].some((o) => o.value === el.value))
      refuse(el, `Choose one of the options for ${labelOf(el)}.`);
    return el.value;
  };
  return {
    int: (name, min, max) => read(name, { min, max, whole: true }),
    num: (name, min, max, more) => read(name, { min, max, ...more }),
    choice: <T extends string>(name: string) => choice(name) as T,
    choiceNumber: (name) => Number(choice(name)),
    checked: (name) => (find(name) as HTMLInputElement).checked,
    text: (name) => find(name).value,
    numbers(name, min, max, more) {
      const el = find(name);
      const parts = el.value
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
      if (parts.length === 0) refuse(el, `${labelOf(el)} must list at least one number.`);
      return parts.map((p) => {
        const r = checkNumber(labelOf(el), p, { min, max, ...more });
        return 'error' in r ? refuse(el, r.error) : r.value;
      });
    },
    parse<T>(name: string, parser: (text: string) => T): T {
      const el = find(name);
      try {
        return parser(el.value);
      } catch (e) {
        return refuse(el, (e as Error).message);
      }
    },
    refuse: (name, message) =>
      refuse(name === null ? null : root.querySelector<Field>(`[name="${name}"]`), message),
  };
}

/** Show a control as invalid (aria-invalid, styled by Demo.astro) until the reader edits it. */
export function markInvalid(el: HTMLElement) {
  el.setAttribute('aria-invalid', 'true');
  el.addEventListener('input', () => el.removeAttribute('aria-invalid'), { once: true });
  el.addEventListener('change', () => el.removeAttribute('aria-invalid'), { once: true });
}
