import { describe, expect, it } from 'vitest';
import { fullyConnected, node } from '../../src/components/figures/layered-graph.ts';

describe('fullyConnected (the redrawn network figures)', () => {
  const graph = fullyConnected([
    { col: 0, nodes: [node('a', 'a'), node('b', 'b'), node('c', 'c')] },
    { col: 1, nodes: [node('h', 'h', 'crossed')] },
    { col: 2, nodes: [node('y', 'y', 'muted'), node('z', 'z')] },
  ]);

  it('joins every node to every node of the next column, and no others', () => {
    const edges = new Set(graph.edges.map(([a, b]) => `${a}>${b}`));
    expect(edges).toEqual(new Set(['a>h', 'b>h', 'c>h', 'h>y', 'h>z']));
    expect(graph.edges).toHaveLength(edges.size);
  });

  it('stacks each column from the top, centred on the tallest column', () => {
    const rows = Object.fromEntries(graph.nodes.map((n) => [n.id, [n.col, n.row]]));
    expect(rows).toEqual({ a: [0, 0], b: [0, 1], c: [0, 2], h: [1, 1], y: [2, 0.5], z: [2, 1.5] });
  });

  it('keeps how each node is drawn', () => {
    const look = (id: string) => graph.nodes.find((n) => n.id === id)!;
    expect(look('h').crossed).toBe(true);
    expect(look('y').muted).toBe(true);
    expect(look('a').crossed ?? look('a').muted).toBeUndefined();
  });

  it('a single column has no edges', () => {
    expect(fullyConnected([{ col: 0, nodes: [node('a', 'a'), node('b', 'b')] }]).edges).toEqual([]);
  });
});
