/**
 * What a quiz remembers during one visit (sessionStorage): the selected keys and whether the reader
 * pressed Check. Parsing is defensive: anything malformed or stale gives null, never an exception.
 */
import type { QuizSpec } from './types.ts';

export interface QuizState {
  selected: string[];
  checked: boolean;
}

const VERSION = 1;

/** Storage key of one question on one page. */
export function storageKey(pagePath: string, quizId: string): string {
  return `runnable-answers:quiz:v${VERSION}:${pagePath}#${quizId}`;
}

export function serializeState(s: QuizState): string {
  return JSON.stringify({ v: VERSION, selected: [...s.selected], checked: s.checked });
}

/** Read a stored state back; drops keys the spec does not have, and keeps at most one in single mode. */
export function parseState(raw: string | null | undefined, spec: QuizSpec): QuizState | null {
  if (!raw) return null;
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof data !== 'object' || data === null) return null;
  const d = data as { v?: unknown; selected?: unknown; checked?: unknown };
  if (d.v !== VERSION || !Array.isArray(d.selected)) return null;
  const known = new Set(spec.options.map((o) => o.key));
  let selected = [
    ...new Set(d.selected.filter((k): k is string => typeof k === 'string' && known.has(k))),
  ];
  if (spec.mode === 'single') selected = selected.slice(0, 1);
  return { selected, checked: d.checked === true && selected.length > 0 };
}
