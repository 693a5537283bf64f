import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema } from '@astrojs/starlight/schema';
import { COLLECTIONS } from './lib/catalogue/collections.ts';
import { loadQuestions } from '../scripts/catalogue.ts';

const ids = COLLECTIONS.map((c) => c.id) as [string, ...string[]];

export const collections = {
  docs: defineCollection({
    loader: docsLoader(),
    schema: docsSchema({
      extend: z.object({
        /** Question ids (from the catalogue) that this page answers. */
        questions: z.array(z.string()).optional(),
        /** On a collection's index page: the collection it lists. */
        catalogue: z.enum(ids).optional(),
      }),
    }),
  }),
  /** The question catalogue (src/content/questions/*.yaml), in our own words. */
  questions: defineCollection({
    loader: async () => loadQuestions(),
    schema: z.object({
      id: z.string(),
      collection: z.enum(ids),
      section: z.string(),
      title: z.string(),
      restatement: z.string(),
      kind: z.array(z.string()),
    }),
  }),
};
