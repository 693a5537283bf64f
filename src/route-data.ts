/**
 * Starlight route middleware: what the site adds to every page's navigation.
 * - Sidebar links show the question ids their page answers (as a badge).
 * - A page answering several questions lists each question under "On this page".
 */
import { defineRouteMiddleware, type StarlightRouteData } from '@astrojs/starlight/route-data';
import { getCollection } from 'astro:content';
import { compactIds } from './lib/site/question-ids.ts';
import { headingsWithQuestions, nestToc } from './lib/site/question-toc.ts';

type SidebarEntry = StarlightRouteData['sidebar'][number];

let idsByHref: Promise<Map<string, string[]>> | undefined;
let titles: Promise<Map<string, string>> | undefined;

const pageQuestions = () =>
  (idsByHref ??= getCollection('docs').then(
    (docs) =>
      new Map(
        docs
          .filter((d) => d.data.questions?.length)
          .map((d) => [`/${d.id}/`, d.data.questions as string[]]),
      ),
  ));
const questionTitles = () =>
  (titles ??= getCollection('questions').then(
    (qs) => new Map(qs.map((q) => [q.data.id as string, q.data.title as string])),
  ));

function addBadges(entries: SidebarEntry[], ids: Map<string, string[]>): void {
  for (const entry of entries) {
    if (entry.type === 'group') addBadges(entry.entries, ids);
    else if (!entry.badge && ids.has(entry.href))
      entry.badge = { text: compactIds(ids.get(entry.href)!), variant: 'default' };
  }
}

export const onRequest = defineRouteMiddleware(async ({ locals }) => {
  const route = locals.starlightRoute;
  addBadges(route.sidebar, await pageQuestions());

  const questions = (route.entry.data as { questions?: string[] }).questions ?? [];
  if (questions.length < 2 || !route.toc || !route.entry.body) return;
  const names = await questionTitles();
  const headings = headingsWithQuestions(
    route.entry.body,
    route.headings,
    (id) => names.get(id) ?? id,
  );
  if (!headings) return;
  route.toc.items = nestToc(
    headings,
    route.entry.data.title,
    route.toc.minHeadingLevel,
    route.toc.maxHeadingLevel,
  );
});
