/**
 * The browser side of one SelfCheck (src/components/SelfCheck.astro): "Check" reads every part,
 * judges it with src/lib/selfcheck/check.ts, states the verdict, marks the wrong parts, and records
 * progress; opening "Show the answer" records a reveal.
 */
import { checkAnswer } from '../../lib/selfcheck/check.ts';
import type { SelfCheckSpec } from '../../lib/selfcheck/types.ts';
import { recordProgress } from './store.ts';

/** Wires up the self-check whose root is the `form[data-selfcheck][data-spec]`. */
export function setupSelfCheck(form: HTMLFormElement): void {
  const spec = JSON.parse(form.dataset.spec!) as SelfCheckSpec;
  const verdict = form.querySelector<HTMLElement>('[data-role=verdict]')!;
  const answer = form.querySelector<HTMLDetailsElement>('[data-role=answer]')!;
  const read = (i: number): string => {
    const box = form.querySelector<HTMLElement>(`[data-part="${i}"]`)!;
    if (box instanceof HTMLInputElement) return box.value;
    return [...box.querySelectorAll<HTMLInputElement>('input:checked')]
      .map((b) => b.value)
      .join(' ');
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = checkAnswer(
      spec,
      spec.parts.map((_, i) => read(i)),
    );
    if (!v.ok) {
      verdict.textContent = v.message;
      verdict.dataset.verdict = 'unreadable';
      return;
    }
    verdict.textContent = v.text;
    verdict.dataset.verdict = v.correct ? 'correct' : 'incorrect';
    spec.parts.forEach((_, i) =>
      form.querySelector(`[data-part="${i}"]`)!.setAttribute('aria-invalid', String(!v.parts[i])),
    );
    recordProgress(spec.id, v.correct ? 'correct' : 'incorrect');
  });
  answer.addEventListener('toggle', () => {
    if (answer.open) recordProgress(spec.id, 'revealed');
  });
}
