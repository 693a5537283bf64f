/**
 * A layered network for NodeGraph, declared by its columns: each column's nodes are stacked from the
 * top and centred on the tallest column, and every node feeds every node of the next column.
 */
import type { GraphNode } from './NodeGraph.astro';

export type LayerNode = Omit<GraphNode, 'col' | 'row'>;
export interface Layer {
  /** Grid column of the layer (NodeGraph's units). */
  col: number;
  nodes: LayerNode[];
}

/** A node with its id, label and how it is drawn ('muted': a bias or an output; 'crossed': dropped). */
export function node(id: string, label: string, look?: 'muted' | 'crossed'): LayerNode {
  return { id, label, ...(look && { [look]: true }) };
}

export function fullyConnected(layers: Layer[]): {
  nodes: GraphNode[];
  edges: [string, string][];
} {
  const tallest = Math.max(...layers.map((l) => l.nodes.length));
  const nodes = layers.flatMap((l) =>
    l.nodes.map((n, i) => ({ ...n, col: l.col, row: i + (tallest - l.nodes.length) / 2 })),
  );
  const edges = layers
    .slice(1)
    .flatMap((next, k) =>
      layers[k]!.nodes.flatMap((a) => next.nodes.map((b): [string, string] => [a.id, b.id])),
    );
  return { nodes, edges };
}
