/** The two vectors nn-081 asks the Manhattan and Euclidean distances of (as the question gives them). */
export const NN081_VECTORS = { x1: [6, 1, 4, 5], x2: [2, 8, 3, -1] } as const;
