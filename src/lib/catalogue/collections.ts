/** The five source collections of questions, in the order the sidebar shows them. */
export interface CollectionInfo {
  /** Short id used in catalogue entries (`collection: nn`). */
  id: 'ae' | 'mnist' | 'quiz' | 'dl' | 'nn';
  /** Human label. */
  label: string;
  /** Folder under src/content/docs holding its answer pages (and its index page). */
  dir: string;
  /** Seed file it comes from (in ../shared/seeds). */
  source: string;
}

export const COLLECTIONS: readonly CollectionInfo[] = [
  { id: 'ae', label: 'Autoencoder task', dir: 'autoencoder', source: '000_395dca7863547065.txt' },
  {
    id: 'mnist',
    label: 'MNIST robustness task',
    dir: 'mnist-robustness',
    source: '001_584d6a1de2448a38.txt',
  },
  {
    id: 'quiz',
    label: 'Generative-models quiz',
    dir: 'generative-quiz',
    source: '002_f1c8e75cde3079dc.txt',
  },
  {
    id: 'dl',
    label: 'Deep-learning questions 41–60',
    dir: 'deep-learning',
    source: '003_a79333548d03db9e.txt',
  },
  {
    id: 'nn',
    label: 'Neural-network questions',
    dir: 'neural-networks',
    source: '004_ff638375c258e9a8.txt',
  },
];

/** One question of the catalogue, in our own words. */
export interface Question {
  id: string;
  collection: CollectionInfo['id'];
  section: string;
  title: string;
  restatement: string;
  kind: string[];
}

/** An answer page as far as coverage is concerned: its URL and the ids it names. */
export interface AnswerPage {
  url: string;
  title: string;
  questions: string[];
}

export interface Coverage {
  total: number;
  answered: number;
  /** Ids with no answer page. */
  missing: string[];
  /** Ids named by a page that the catalogue does not know. */
  unknown: { url: string; id: string }[];
  /** Per collection: answered / total. */
  byCollection: Record<string, { answered: number; total: number }>;
  /** Which page answers each id (first one wins). */
  answeredBy: Record<string, AnswerPage>;
}

/** Pure coverage computation: which catalogue ids have an answer page. */
export function computeCoverage(
  questions: readonly Question[],
  pages: readonly AnswerPage[],
): Coverage {
  const known = new Set(questions.map((q) => q.id));
  const answeredBy: Record<string, AnswerPage> = {};
  const unknown: { url: string; id: string }[] = [];
  for (const page of pages) {
    for (const id of page.questions) {
      if (!known.has(id)) unknown.push({ url: page.url, id });
      else if (!answeredBy[id]) answeredBy[id] = page;
    }
  }
  const byCollection: Record<string, { answered: number; total: number }> = {};
  for (const c of COLLECTIONS) byCollection[c.id] = { answered: 0, total: 0 };
  const missing: string[] = [];
  for (const q of questions) {
    const slot =
      byCollection[q.collection] ?? (byCollection[q.collection] = { answered: 0, total: 0 });
    slot.total++;
    if (answeredBy[q.id]) slot.answered++;
    else missing.push(q.id);
  }
  return {
    total: questions.length,
    answered: questions.length - missing.length,
    missing,
    unknown,
    byCollection,
    answeredBy,
  };
}

/** One line per collection plus a total, for the build log. */
export function formatCoverage(cov: Coverage): string {
  const lines = COLLECTIONS.map((c) => {
    const s = cov.byCollection[c.id] ?? { answered: 0, total: 0 };
    return `  ${c.label.padEnd(32)} ${String(s.answered).padStart(3)} / ${s.total}`;
  });
  const pct = cov.total ? ((100 * cov.answered) / cov.total).toFixed(1) : '0.0';
  return [`Answer coverage: ${cov.answered} / ${cov.total} questions (${pct} %)`, ...lines].join(
    '\n',
  );
}
