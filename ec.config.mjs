// @ts-check
import { defineEcConfig } from '@astrojs/starlight/expressive-code';

/**
 * Code blocks are for reading and copying, not for search excerpts: each rendered block is marked
 * `data-pagefind-ignore`, so a search for a word finds the prose about it, not a listing.
 */
const notInSearchIndex = {
  name: 'not-in-search-index',
  hooks: {
    /** @param {{ renderData: { groupAst: { properties: Record<string, unknown> } } }} ctx */
    postprocessRenderedBlockGroup: ({ renderData }) => {
      renderData.groupAst.properties.dataPagefindIgnore = '';
    },
  },
};

export default defineEcConfig({ plugins: [notInSearchIndex] });
