// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import mdx from '@astrojs/mdx';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import rehypeCitation from 'rehype-citation';
import { rehypeCheckCitationKeys, rehypeReferenceLinks } from './scripts/citations.ts';
import { coverageReport } from './scripts/catalogue.ts';
import { serviceWorker } from './scripts/service-worker.ts';

const bibliography = 'src/content/refs.bib';

// Cross-origin isolation lets the wasm backend use threads (SharedArrayBuffer).
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  site: 'http://127.0.0.1:4321',
  server: { host: '127.0.0.1', port: 4321, headers: isolationHeaders },

  markdown: {
    remarkPlugins: [remarkMath],
    rehypePlugins: [
      rehypeKatex,
      [rehypeCheckCitationKeys, { bibliography }],
      [rehypeCitation, { bibliography, linkCitations: true, csl: 'apa' }],
      rehypeReferenceLinks,
    ],
  },
  integrations: [
    starlight({
      title: 'Runnable Answers',
      description: 'Deep-learning interview questions answered with live, in-browser experiments.',
      customCss: ['katex/dist/katex.min.css', './src/styles/site.css'],
      sidebar: [
        { label: 'Start here', items: [{ label: 'About', slug: 'index' }, { label: 'The lab engine', slug: 'lab' }] },
        { label: 'Autoencoder task', items: [{ autogenerate: { directory: 'autoencoder' } }] },
        { label: 'MNIST robustness task', items: [{ autogenerate: { directory: 'mnist-robustness' } }] },
        { label: 'Generative-models quiz', items: [{ autogenerate: { directory: 'generative-quiz' } }] },
        { label: 'Deep-learning questions 41–60', items: [{ autogenerate: { directory: 'deep-learning' } }] },
        {
          label: 'Neural-network questions',
          items: [
            { label: 'All questions', slug: 'neural-networks' },
            { label: 'Perceptron', items: [{ autogenerate: { directory: 'neural-networks/perceptron' } }] },
            { label: 'Layers, topologies and blocks', items: [{ autogenerate: { directory: 'neural-networks/layers' } }] },
            { label: 'Training and hyper-parameters', items: [{ autogenerate: { directory: 'neural-networks/training' } }] },
            { label: 'Optimisation and loss', items: [{ autogenerate: { directory: 'neural-networks/optimisation' } }] },
            { label: 'Regularisation', items: [{ autogenerate: { directory: 'neural-networks/regularisation' } }] },
          ],
        },
      ],
    }),
    mdx(),
    coverageReport(),
    serviceWorker(),
  ],
});
