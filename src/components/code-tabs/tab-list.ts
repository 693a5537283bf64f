/**
 * The browser side of CodeTabs (src/components/CodeTabs.astro): shows the WAI-ARIA tab list, which
 * is hidden without JavaScript, and makes it work by click and by keyboard (arrow keys, Home, End).
 */

function select(root: HTMLElement, tabs: HTMLButtonElement[], index: number, focus: boolean) {
  tabs.forEach((tab, i) => {
    const on = i === index;
    tab.setAttribute('aria-selected', String(on));
    tab.tabIndex = on ? 0 : -1;
    root.querySelector<HTMLElement>(`#${tab.getAttribute('aria-controls')}`)!.hidden = !on;
  });
  if (focus) tabs[index]!.focus();
}

/** Turns the `[data-code-tabs]` root's listings into tabs, starting on its data-selected one. */
export function setupCodeTabs(root: HTMLElement): void {
  const list = root.querySelector<HTMLElement>('[role=tablist]')!;
  const tabs = [...list.querySelectorAll<HTMLButtonElement>('[role=tab]')];
  list.hidden = false;
  root.classList.add('code-tabs--enhanced');
  select(root, tabs, Number(root.dataset.selected ?? 0), false);
  tabs.forEach((tab, i) => {
    tab.addEventListener('click', () => select(root, tabs, i, false));
    tab.addEventListener('keydown', (e) => {
      const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
      if (next === undefined) return;
      e.preventDefault();
      select(root, tabs, (next + tabs.length) % tabs.length, true);
    });
  });
}
