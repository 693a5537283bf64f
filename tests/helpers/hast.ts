/**
 * Hand-written HTML syntax trees (hast) for the tests of the build's rehype steps: the node type and
 * the two builders every such test writes its page with.
 */
export type HastNode = {
  type: string;
  tagName?: string;
  value?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
};

/** A text node. */
export const text = (value: string): HastNode => ({ type: 'text', value });

/** An element node with its properties and children. */
export const element = (
  tagName: string,
  properties: Record<string, unknown>,
  children: HastNode[],
): HastNode => ({ type: 'element', tagName, properties, children });
