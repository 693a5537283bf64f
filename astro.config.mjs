// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import mdx from '@astrojs/mdx';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import rehypeCitation from 'rehype-citation';
import {
  rehypeCheckCitationKeys,
  rehypeCitationPreviews,
  rehypeReferenceLinks,
} from './scripts/citations.ts';
import { rehypeGlossaryLinks } from './scripts/glossary-links.ts';
import { coverageReport } from './scripts/catalogue.ts';
import { tfjsWasmThreads } from './scripts/vite-wasm-threads.ts';
import { serviceWorker } from './scripts/service-worker.ts';
import { rehypeSearchHints } from './scripts/search-hints.ts';
import { NN_SECTIONS } from './src/lib/site/section-names.ts';

const bibliography = 'src/content/refs.bib';

// Cross-origin isolation lets the wasm backend use threads (SharedArrayBuffer).
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  site: 'http://127.0.0.1:4321',
  server: { host: '127.0.0.1', port: 4321, headers: isolationHeaders },
  // tfjs's multi-threaded wasm backend needs its worker factory made self-contained to survive bundling.
  vite: { plugins: [tfjsWasmThreads()] },

  markdown: {
    remarkPlugins: [remarkMath],
    rehypePlugins: [
      rehypeKatex,
      rehypeSearchHints,
      [rehypeCheckCitationKeys, { bibliography }],
      [rehypeCitation, { bibliography, linkCitations: true, csl: 'apa' }],
      rehypeReferenceLinks,
      rehypeCitationPreviews,
      rehypeGlossaryLinks,
    ],
  },
  integrations: [
    starlight({
      title: 'Runnable Answers',
      description: 'Deep-learning interview questions answered with live, in-browser experiments.',
      customCss: [
        'katex/dist/katex.min.css',
        './src/styles/site.css',
        './src/styles/citations.css',
      ],
      sidebar: [
        {
          label: 'Start here',
          collapsed: true,
          items: [
            { label: 'About', slug: 'index' },
            { label: 'The lab engine', slug: 'lab' },
            { label: 'Glossary', slug: 'glossary' },
          ],
        },
        {
          label: 'Autoencoder task',
          collapsed: true,
          items: [{ autogenerate: { directory: 'autoencoder' } }],
        },
        {
          label: 'MNIST robustness task',
          collapsed: true,
          items: [{ autogenerate: { directory: 'mnist-robustness' } }],
        },
        {
          label: 'Generative-models quiz',
          collapsed: true,
          items: [{ autogenerate: { directory: 'generative-quiz' } }],
        },
        {
          label: 'Deep-learning questions 41–60',
          collapsed: true,
          items: [{ autogenerate: { directory: 'deep-learning' } }],
        },
        {
          label: 'Neural-network questions',
          collapsed: true,
          items: [
            { label: 'All questions', slug: 'neural-networks' },
            ...NN_SECTIONS.map((s) => ({
              label: s.name,
              collapsed: true,
              items: [{ autogenerate: { directory: s.folder } }],
            })),
          ],
        },
      ],
      // Adds question ids to sidebar links and question boxes to "On this page".
      routeMiddleware: './src/route-data.ts',
      components: {
        Sidebar: './src/components/overrides/Sidebar.astro',
        Search: './src/components/overrides/Search.astro',
        PageTitle: './src/components/overrides/PageTitle.astro',
        MarkdownContent: './src/components/overrides/MarkdownContent.astro',
      },
    }),
    mdx(),
    coverageReport(),
    serviceWorker(),
  ],
});
