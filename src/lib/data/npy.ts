import { IMAGE_SIDE, PIXELS } from './mnist-geometry.ts';
/**
 * A strict reader (and a small writer) for NumPy's .npy format, versions 1.0, 2.0 and 3.0
 * (https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html).
 *
 * Only what the robustness lab needs is accepted, and everything else is refused with a message a
 * reader can act on: images as uint8, float32 or float64 in C order with shape (N, 28, 28), (N, 784)
 * or (N, 1, 28, 28); labels as integers 0–9 with shape (N,). Object arrays (which need Python's
 * pickle), Fortran order, oversized headers, truncated data, NaN/Inf and files too large for memory
 * are rejected before anything is allocated or changed.
 */

export class NpyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NpyError';
  }
}

export type NpyDtype =
  | 'uint8'
  | 'int8'
  | 'int16'
  | 'uint16'
  | 'int32'
  | 'uint32'
  | 'int64'
  | 'uint64'
  | 'float32'
  | 'float64';

export interface NpyArray {
  version: 1 | 2 | 3;
  dtype: NpyDtype;
  shape: number[];
  /** Values in C order, as plain numbers (int64 converted exactly when |v| < 2⁵³). */
  data: Float64Array | Float32Array | Uint8Array | Int32Array;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
/** numpy itself refuses headers longer than this (numpy.lib.format._MAX_HEADER_SIZE). */
export const MAX_HEADER_BYTES = 10_000;
/** Largest array we load in the browser (bytes of data). */
export const MAX_DATA_BYTES = 512 * 1024 * 1024;

const DTYPES: Record<string, { dtype: NpyDtype; size: number }> = {
  u1: { dtype: 'uint8', size: 1 },
  i1: { dtype: 'int8', size: 1 },
  i2: { dtype: 'int16', size: 2 },
  u2: { dtype: 'uint16', size: 2 },
  i4: { dtype: 'int32', size: 4 },
  u4: { dtype: 'uint32', size: 4 },
  i8: { dtype: 'int64', size: 8 },
  u8: { dtype: 'uint64', size: 8 },
  f4: { dtype: 'float32', size: 4 },
  f8: { dtype: 'float64', size: 8 },
};

/** Parse the Python-literal header dict, accepting exactly the keys descr, fortran_order and shape. */
function parseHeader(text: string): { descr: string; fortran: boolean; shape: number[] } {
  const t = text.trim();
  if (!t.startsWith('{') || !t.endsWith('}'))
    throw new NpyError('The .npy header is not a dictionary: the file is damaged.');
  const body = t.slice(1, -1);
  const entry =
    /\s*'(\w+)'\s*:\s*('[^']*'|True|False|\(\s*(?:\d+\s*,\s*)*(?:\d+\s*,?\s*)?\))\s*(?:,|$)/y;
  const entries = new Map<string, string>();
  let pos = 0;
  while (body.slice(pos).trim() !== '') {
    entry.lastIndex = pos;
    const m = entry.exec(body);
    if (!m)
      throw new NpyError(
        `The .npy header has content this reader does not understand ("${body.slice(pos, pos + 40).trim()}").`,
      );
    if (entries.has(m[1]!)) throw new NpyError(`The .npy header repeats the key ${m[1]}.`);
    entries.set(m[1]!, m[2]!);
    pos = entry.lastIndex;
  }
  const keys = [...entries.keys()].sort().join(', ');
  if (keys !== 'descr, fortran_order, shape')
    throw new NpyError(
      `The .npy header must have exactly the keys descr, fortran_order and shape (found: ${keys || 'none'}).`,
    );
  const [d, f, sh] = [entries.get('descr')!, entries.get('fortran_order')!, entries.get('shape')!];
  if (!d.startsWith("'") || !/^(True|False)$/.test(f) || !sh.startsWith('('))
    throw new NpyError(
      'The .npy header has a value of the wrong kind (descr must be a string, fortran_order True or False, shape a tuple).',
    );
  const descr = d.slice(1, -1);
  const fortran = f === 'True';
  const shape = (sh.match(/\d+/g) ?? []).map((d) => Number.parseInt(d, 10));
  if (shape.some((d) => !Number.isSafeInteger(d)))
    throw new NpyError('The .npy shape is too large.');
  return { descr, fortran, shape };
}

/** Read a .npy file. Throws NpyError with a reader-facing message on anything it cannot use. */
export function parseNpy(bytes: Uint8Array, o: { maxDataBytes?: number } = {}): NpyArray {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b))
    throw new NpyError(
      'This is not a .npy file (it does not start with the NumPy magic string \\x93NUMPY). Save arrays with numpy.save.',
    );
  const major = bytes[6]!;
  if (major !== 1 && major !== 2 && major !== 3)
    throw new NpyError(
      `Unsupported .npy format version ${major}.${bytes[7]} (supported: 1.0, 2.0, 3.0).`,
    );
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lenSize = major === 1 ? 2 : 4;
  if (bytes.length < 8 + lenSize)
    throw new NpyError('The .npy file is truncated (it ends inside its header).');
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  if (headerLen > MAX_HEADER_BYTES)
    throw new NpyError(
      `The .npy header is ${headerLen} bytes long, more than the ${MAX_HEADER_BYTES} NumPy allows: the file is damaged or not a plain array.`,
    );
  const start = 8 + lenSize;
  if (bytes.length < start + headerLen)
    throw new NpyError('The .npy file is truncated (it ends inside its header).');
  const headerBytes = bytes.subarray(start, start + headerLen);
  let header: string;
  try {
    header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1', { fatal: major === 3 }).decode(
      headerBytes,
    );
  } catch {
    throw new NpyError('The .npy header is not valid UTF-8.');
  }
  const { descr, fortran, shape } = parseHeader(header);
  if (descr.includes('O'))
    throw new NpyError(
      'The .npy file holds Python objects (dtype object), which cannot be read safely outside Python. Save a numeric array instead, e.g. arr.astype(np.float32).',
    );
  const dm = /^([<>|=]?)([uif][1248])$/.exec(descr);
  if (!dm || !DTYPES[dm[2]!])
    throw new NpyError(
      `Unsupported dtype "${descr}". Use uint8, float32 or float64 (integers for labels).`,
    );
  const { dtype, size } = DTYPES[dm[2]!]!;
  const big = dm[1] === '>';
  if (fortran && shape.filter((d) => d > 1).length > 1)
    throw new NpyError(
      'The array is stored in Fortran (column-major) order. Save it in C order: np.save(path, np.ascontiguousarray(arr)).',
    );
  const count = shape.reduce((a, b) => a * b, 1);
  const dataBytes = count * size;
  const limit = o.maxDataBytes ?? MAX_DATA_BYTES;
  if (dataBytes > limit)
    throw new NpyError(
      `The array needs ${(dataBytes / 2 ** 20).toFixed(0)} MiB, more than the ${(limit / 2 ** 20).toFixed(0)} MiB this page can hold. Use fewer images.`,
    );
  const offset = start + headerLen;
  if (bytes.length < offset + dataBytes)
    throw new NpyError(
      `The .npy file is truncated: shape (${shape.join(', ')}) needs ${dataBytes} bytes of data but only ${bytes.length - offset} are present.`,
    );
  if (bytes.length > offset + dataBytes)
    throw new NpyError(
      `The .npy file has ${bytes.length - offset - dataBytes} bytes more than its shape (${shape.join(', ')}) needs: it is damaged.`,
    );
  const dv = new DataView(bytes.buffer, bytes.byteOffset + offset, dataBytes);
  const le = !big;
  let data: NpyArray['data'];
  switch (dtype) {
    case 'uint8':
      data = bytes.slice(offset, offset + dataBytes);
      break;
    case 'float32':
      data = new Float32Array(count);
      for (let i = 0; i < count; i++) data[i] = dv.getFloat32(4 * i, le);
      break;
    case 'float64':
      data = new Float64Array(count);
      for (let i = 0; i < count; i++) data[i] = dv.getFloat64(8 * i, le);
      break;
    default: {
      const out = new Float64Array(count);
      for (let i = 0; i < count; i++) {
        const p = i * size;
        out[i] =
          dtype === 'int8'
            ? dv.getInt8(p)
            : dtype === 'int16'
              ? dv.getInt16(p, le)
              : dtype === 'uint16'
                ? dv.getUint16(p, le)
                : dtype === 'int32'
                  ? dv.getInt32(p, le)
                  : dtype === 'uint32'
                    ? dv.getUint32(p, le)
                    : dtype === 'int64'
                      ? Number(dv.getBigInt64(p, le))
                      : Number(dv.getBigUint64(p, le));
      }
      data = out;
    }
  }
  return { version: major as 1 | 2 | 3, dtype, shape, data };
}

/** Write a C-order .npy (version 1.0) of uint8, float32, float64 or int64 values. */
export function writeNpy(
  data: Uint8Array | Float32Array | Float64Array | BigInt64Array,
  shape: number[],
): Uint8Array {
  const descr =
    data instanceof Uint8Array
      ? '|u1'
      : data instanceof Float32Array
        ? '<f4'
        : data instanceof Float64Array
          ? '<f8'
          : '<i8';
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + header.length + data.byteLength);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  new DataView(out.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), 10 + header.length);
  return out;
}

/** Images from a parsed array: count × 784 floats in [0, 1] (uint8 is divided by 255; floats may be in [0, 1] or [0, 255]). */
export function imagesFromNpy(a: NpyArray): { x: Float32Array; count: number } {
  const s = a.shape;
  const ok =
    (s.length === 3 && s[1] === IMAGE_SIDE && s[2] === IMAGE_SIDE) ||
    (s.length === 2 && s[1] === PIXELS) ||
    (s.length === 4 && s[1] === 1 && s[2] === IMAGE_SIDE && s[3] === IMAGE_SIDE);
  if (!ok)
    throw new NpyError(
      `Images must have shape (N, 28, 28), (N, 784) or (N, 1, 28, 28); this file has shape (${s.join(', ')}).`,
    );
  if (a.dtype !== 'uint8' && a.dtype !== 'float32' && a.dtype !== 'float64')
    throw new NpyError(`Images must be uint8, float32 or float64, not ${a.dtype}.`);
  const count = s[0]!;
  if (count === 0) throw new NpyError('The file holds no images (N = 0).');
  const x = new Float32Array(a.data.length);
  if (a.dtype === 'uint8') {
    for (let i = 0; i < x.length; i++) x[i] = a.data[i]! / 255;
    return { x, count };
  }
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < a.data.length; i++) {
    const v = a.data[i]!;
    if (!Number.isFinite(v))
      throw new NpyError(
        `Image ${Math.floor(i / PIXELS)} contains ${v} (pixel ${i % PIXELS}): NaN and infinite values cannot be evaluated.`,
      );
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo < 0 || hi > 255)
    throw new NpyError(
      `Pixel values range from ${lo} to ${hi}; expected [0, 1] or [0, 255]. If the images were standardised, undo that before saving.`,
    );
  const scale = hi > 1 ? 1 / 255 : 1;
  for (let i = 0; i < x.length; i++) x[i] = a.data[i]! * scale;
  return { x, count };
}

/** Labels from a parsed array: shape (N,), integers 0–9, N equal to the number of images. */
export function labelsFromNpy(a: NpyArray, count: number): Uint8Array {
  if (a.shape.length !== 1)
    throw new NpyError(`Labels must have shape (N,); this file has shape (${a.shape.join(', ')}).`);
  if (a.shape[0] !== count)
    throw new NpyError(
      `The labels file has ${a.shape[0]} labels but the images file has ${count} images.`,
    );
  if (a.dtype === 'float32' || a.dtype === 'float64')
    throw new NpyError(`Labels must be integers, not ${a.dtype}.`);
  const out = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const v = a.data[i]!;
    if (!Number.isInteger(v) || v < 0 || v > 9)
      throw new NpyError(`Label ${i} is ${v}; labels must be digits 0–9.`);
    out[i] = v;
  }
  return out;
}
