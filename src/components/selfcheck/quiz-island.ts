/**
 * The browser side of one Quiz (src/components/Quiz.astro): "Check" marks each option right, wrong
 * or missed and shows its reason, "Clear" starts over, and the selection survives reloads during
 * the visit (sessionStorage). Checking and scoring are src/lib/quiz/check.ts.
 */
import { grade, verdictLabel } from '../../lib/quiz/check.ts';
import { parseState, serializeState, storageKey, type QuizState } from '../../lib/quiz/state.ts';
import type { QuizSpec } from '../../lib/quiz/types.ts';
import { quietStorage } from './quiet-storage.ts';
import { recordProgress } from './store.ts';

const store = quietStorage(() => sessionStorage);

/** Wires up the quiz whose root is the `[data-quiz]` section. */
export function setupQuiz(root: HTMLElement): void {
  const id = root.dataset.quiz!;
  const items = [...root.querySelectorAll<HTMLLIElement>('.quiz__option')];
  // The component needs only keys and correctness; the texts stay in the HTML.
  const spec: QuizSpec = {
    id,
    mode: root.dataset.mode === 'single' ? 'single' : 'multi',
    options: items.map((li) => ({
      key: li.dataset.key!,
      correct: li.dataset.correct === 'true',
      text: '',
      why: '',
    })),
  };
  const inputs = items.map((li) => li.querySelector<HTMLInputElement>('input')!);
  const status = root.querySelector<HTMLElement>('[data-role=status]')!;
  const answer = root.querySelector<HTMLDetailsElement>('[data-role=answer]')!;
  const key = storageKey(location.pathname, id);

  const selected = () => inputs.filter((i) => i.checked).map((i) => i.value);
  const save = (checked: boolean) =>
    store.set(key, serializeState({ selected: selected(), checked }));
  const clearMarks = () => {
    items.forEach((li) => {
      delete li.dataset.verdict;
      li.querySelector<HTMLElement>('[data-role=feedback]')!.hidden = true;
    });
    delete root.dataset.result;
    delete status.dataset.verdict;
  };
  const check = (announce: boolean) => {
    const g = grade(spec, selected());
    if (!g.ok) {
      clearMarks();
      status.textContent = g.message;
      root.dataset.result = 'incomplete';
      return false;
    }
    g.verdicts.forEach(({ verdict }, i) => {
      const li = items[i]!;
      li.dataset.verdict = verdict;
      li.querySelector<HTMLElement>('[data-role=verdict]')!.textContent = verdictLabel(verdict);
      li.querySelector<HTMLElement>('[data-role=feedback]')!.hidden = false;
    });
    root.dataset.result = g.allRight ? 'right' : 'wrong';
    status.dataset.verdict = g.allRight ? 'correct' : 'incorrect';
    status.textContent =
      g.summary +
      (announce ? ' The reasons are under each option; the full explanation is open below.' : '');
    answer.open = true;
    return true;
  };

  root.querySelector('form')!.addEventListener('submit', (e) => {
    e.preventDefault();
    const checked = check(true);
    save(checked);
    if (checked) recordProgress(id, root.dataset.result === 'right' ? 'correct' : 'incorrect');
  });
  root.querySelector('[data-role=reset]')!.addEventListener('click', () => {
    inputs.forEach((i) => (i.checked = false));
    clearMarks();
    status.textContent = 'Cleared.';
    answer.open = false;
    save(false);
    inputs[0]?.focus();
  });
  inputs.forEach((i) =>
    i.addEventListener('change', () => {
      if (root.dataset.result) {
        clearMarks();
        status.textContent = 'Selection changed: press Check again.';
      }
      save(false);
    }),
  );

  const saved: QuizState | null = parseState(store.get(key), spec);
  if (saved) {
    inputs.forEach((i) => (i.checked = saved.selected.includes(i.value)));
    if (saved.checked) check(false);
  }
}
