/**
 * The catalogue keeps each question's section as its source spells it ("NNLayers, Topologists and
 * Blocks", "Optimization and Loss"); the site shows one spelling everywhere. This is the one place
 * that maps a source section to the site's name — question boxes, collection indexes and the
 * sidebar all read it.
 */

/** The neural-network collection's sections, in sidebar order: source name, site name, docs folder. */
export const NN_SECTIONS = [
  { source: 'Perceptron', name: 'Perceptron', folder: 'neural-networks/perceptron' },
  {
    source: 'NNLayers, Topologists and Blocks',
    name: 'Layers, topologies and blocks',
    folder: 'neural-networks/layers',
  },
  {
    source: 'Training and Hyperparameters',
    name: 'Training and hyper-parameters',
    folder: 'neural-networks/training',
  },
  {
    source: 'Optimization and Loss',
    name: 'Optimisation and loss',
    folder: 'neural-networks/optimisation',
  },
  {
    source: 'Regularization for deep learning',
    name: 'Regularisation',
    folder: 'neural-networks/regularisation',
  },
] as const;

const siteNames = new Map<string, string>(NN_SECTIONS.map((s) => [s.source, s.name]));

/** The site's name for a source section; sections without a different site name keep theirs. */
export function sectionName(source: string): string {
  return siteNames.get(source) ?? source;
}
