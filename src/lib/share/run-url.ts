/**
 * A demo run's settings in the page URL, so that a run can be shared as a link (no DOM).
 *
 * Format: `?run=<demo>&<demo>.<control>=<value>&…`. Every setting is namespaced by its demo's name,
 * so several demos on one page keep their own settings; `run` names the demo the link was made for.
 * Parameters that belong to nobody here (e.g. `backend=wasm`) are kept as they are.
 */

/** A demo's settings: control name → the control's raw value, as the form holds it. */
export type Settings = Record<string, string>;

const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** Demo and control names must be plain words so that `demo.control` cannot be misread. */
export function isSettingName(name: string): boolean {
  return NAME.test(name);
}

/**
 * The query string (with "?", or "" when empty) of `search` with `demo`'s settings replaced by
 * `settings` and `run` set to `demo`. Other demos' settings and foreign parameters are kept.
 */
export function encodeRun(search: string, demo: string, settings: Settings): string {
  if (!isSettingName(demo)) throw new Error(`"${demo}" cannot name a demo in a link.`);
  const params = new URLSearchParams(search);
  for (const key of [...params.keys()]) if (key.startsWith(`${demo}.`)) params.delete(key);
  params.set('run', demo);
  for (const [name, value] of Object.entries(settings)) {
    if (!isSettingName(name)) throw new Error(`"${name}" cannot name a setting in a link.`);
    params.set(`${demo}.${name}`, value);
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** The settings `search` holds for `demo` (empty when none); names that are not plain words are skipped. */
export function decodeRun(search: string, demo: string): Settings {
  const out: Settings = {};
  const prefix = `${demo}.`;
  for (const [key, value] of new URLSearchParams(search)) {
    if (!key.startsWith(prefix)) continue;
    const name = key.slice(prefix.length);
    if (isSettingName(name)) out[name] = value;
  }
  return out;
}

/** The demo the link was made for (its `run` parameter), or null. */
export function linkedDemo(search: string): string | null {
  const run = new URLSearchParams(search).get('run');
  return run !== null && isSettingName(run) ? run : null;
}
