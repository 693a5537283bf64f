/**
 * "Copy link to this run" (browser): a demo's settings — every named control in its controls area —
 * go into the page URL, namespaced by the demo's name (src/lib/share/run-url.ts). Opening such a
 * link puts the settings back, each checked the way the readers check it (a number against the
 * field's declared range, a choice against its options); a refused value keeps the field's default,
 * is marked and named with the standard message, and the other settings still apply. The demo never
 * runs by itself: the frame offers "Run with these settings".
 */
import {
  decodeRun,
  encodeRun,
  isSettingName,
  linkedDemo,
  type Settings,
} from '../../lib/share/run-url.ts';
import { labelOf, markInvalid } from './controls/read.ts';
import { checkNumber } from './controls/range.ts';

type Field = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** The demo's settings: named fields in its controls area (a radio group counts once). */
function fieldsOf(root: HTMLElement): Map<string, Field[]> {
  const fields = new Map<string, Field[]>();
  root.querySelectorAll<Field>('.controls [name]').forEach((el) => {
    if (!isSettingName(el.name)) return;
    fields.set(el.name, [...(fields.get(el.name) ?? []), el]);
  });
  return fields;
}

const isBox = (el: Field): el is HTMLInputElement =>
  el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio');

/** The current value of every setting, as it would go into a link. */
export function currentSettings(root: HTMLElement): Settings {
  const out: Settings = {};
  for (const [name, els] of fieldsOf(root)) {
    const first = els[0]!;
    if (isBox(first) && first.type === 'checkbox') out[name] = first.checked ? '1' : '0';
    else if (isBox(first))
      out[name] = els.find((e) => (e as HTMLInputElement).checked)?.value ?? '';
    else out[name] = first.value;
  }
  return out;
}

/** Why `raw` cannot be the value of these fields (the readers' message), or null when it can. */
function refusal(els: Field[], raw: string): string | null {
  const el = els[0]!;
  if (el instanceof HTMLSelectElement)
    return [...el.options].some((o) => o.value === raw)
      ? null
      : `Choose one of the options for ${labelOf(el)}.`;
  if (isBox(el) && el.type === 'checkbox')
    return raw === '1' || raw === '0' ? null : `${labelOf(el)} must be on (1) or off (0).`;
  if (isBox(el))
    return els.some((e) => e.value === raw)
      ? null
      : `Choose one of the options for ${labelOf(el)}.`;
  if (el instanceof HTMLInputElement && el.type === 'number') {
    const attr = (a: string) =>
      el.getAttribute(a) === null ? undefined : Number(el.getAttribute(a));
    const step = el.getAttribute('step');
    const whole =
      step !== null &&
      step !== 'any' &&
      Number.isInteger(Number(step)) &&
      (attr('min') === undefined || Number.isInteger(attr('min')));
    const r = checkNumber(labelOf(el), raw, { min: attr('min'), max: attr('max'), whole });
    return 'error' in r ? r.error : null;
  }
  return null;
}

function apply(els: Field[], raw: string) {
  const first = els[0]!;
  if (isBox(first) && first.type === 'checkbox') first.checked = raw === '1';
  else if (isBox(first)) els.forEach((e) => ((e as HTMLInputElement).checked = e.value === raw));
  else first.value = raw;
  first.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Put `settings` into the demo's fields; returns the messages for the values refused. */
export function restoreSettings(
  root: HTMLElement,
  settings: Settings,
): { applied: number; refused: string[] } {
  const fields = fieldsOf(root);
  const refused: string[] = [];
  let applied = 0;
  for (const [name, raw] of Object.entries(settings)) {
    const els = fields.get(name);
    if (!els) {
      refused.push(`This demo has no setting named "${name}"; it was ignored.`);
      continue;
    }
    const why = refusal(els, raw);
    if (why) {
      refused.push(why);
      markInvalid(els[0]!);
    } else {
      apply(els, raw);
      applied++;
    }
  }
  return { applied, refused };
}

/** Wire the frame's share row: copy a link to the current settings; restore from the page's own link. */
export function setupShare(root: HTMLElement, name: string, runBtn: HTMLButtonElement | null) {
  const row = root.querySelector<HTMLElement>('[data-role=share]');
  if (!row || fieldsOf(root).size === 0 || !isSettingName(name)) return;
  const copy = row.querySelector<HTMLButtonElement>('[data-role=copy-link]')!;
  const fallback = row.querySelector<HTMLElement>('[data-role=link-fallback]')!;
  const field = row.querySelector<HTMLInputElement>('[data-role=link-field]')!;
  const said = row.querySelector<HTMLElement>('[data-role=share-status]')!;
  const rerun = row.querySelector<HTMLButtonElement>('[data-role=run-linked]')!;
  row.hidden = false;

  copy.addEventListener('click', async () => {
    const url = `${location.origin}${location.pathname}${encodeRun(location.search, name, currentSettings(root))}`;
    field.value = url;
    fallback.hidden = false;
    let copied = false;
    try {
      await navigator.clipboard.writeText(url);
      copied = true;
    } catch {
      /* No clipboard access (permission, insecure context): the field below is the fallback. */
    }
    said.textContent = copied ? 'Link copied to the clipboard.' : 'Copy the link from the field.';
    if (!copied) {
      field.focus();
      field.select();
    }
  });

  const settings = decodeRun(location.search, name);
  if (Object.keys(settings).length === 0) return;
  const { applied, refused } = restoreSettings(root, settings);
  const statusEl = root.querySelector<HTMLElement>('[data-role=status]');
  const kept = `${applied} of ${Object.keys(settings).length} settings restored from the link`;
  if (statusEl)
    statusEl.textContent = refused.length
      ? `${kept}; ${refused.join(' ')} Refused fields keep their default values.`
      : `${kept}.`;
  if (refused.length) root.dataset.linkRefused = String(refused.length);
  rerun.hidden = false;
  rerun.addEventListener('click', () => runBtn?.click());
  // Any run (from this button or from Run itself) uses the restored settings: the offer is done.
  runBtn?.addEventListener('click', () => (rerun.hidden = true));
  if (linkedDemo(location.search) === name) root.scrollIntoView({ block: 'start' });
}
