/**
 * The shape of an MNIST example, named once: a square greyscale image IMAGE_SIDE pixels wide,
 * stored row-major as PIXELS values, labelled with one of CLASSES digits.
 */

/** Width and height of an MNIST image, in pixels. */
export const IMAGE_SIDE = 28;

/** Values per image (IMAGE_SIDE × IMAGE_SIDE), the length of one row of a flattened image set. */
export const PIXELS = IMAGE_SIDE * IMAGE_SIDE;

/** Number of labels: the digits 0–9. */
export const CLASSES = 10;
