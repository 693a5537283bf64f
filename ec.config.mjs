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

/**
 * Shiki stops tokenizing a line after 0.5 s by default and colours the rest of it as one token; on a
 * busy build machine that happened to a C++ line (nn-025's LibTorch tab), so the same source could
 * build to different colours. No time limit: a listing always highlights the same way.
 */
const completeTokenization = {
  name: 'complete-tokenization',
  /** @param {string} code @param {{ tokenizeTimeLimit?: number }} options */
  preprocess(code, options) {
    options.tokenizeTimeLimit = 0;
    return code;
  },
};

export default defineEcConfig({
  plugins: [notInSearchIndex],
  shiki: { transformers: [completeTokenization] },
});
