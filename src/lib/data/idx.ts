/** Parser for the IDX format of the original MNIST files (big-endian header, unsigned-byte payload). */
export interface IdxArray {
  dims: number[];
  data: Uint8Array;
}

export function parseIdx(bytes: Uint8Array): IdxArray {
  if (bytes.length < 4) throw new Error('IDX: file too short for a header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint16(0) !== 0) throw new Error('IDX: bad magic number');
  const type = view.getUint8(2);
  if (type !== 0x08)
    throw new Error(`IDX: only unsigned-byte data is supported (type 0x${type.toString(16)})`);
  const ndim = view.getUint8(3);
  const header = 4 + 4 * ndim;
  if (bytes.length < header) throw new Error('IDX: truncated header');
  const dims = Array.from({ length: ndim }, (_, i) => view.getUint32(4 + 4 * i));
  const size = dims.reduce((a, b) => a * b, 1);
  if (bytes.length !== header + size)
    throw new Error(`IDX: expected ${header + size} bytes, found ${bytes.length}`);
  return { dims, data: bytes.subarray(header) };
}
