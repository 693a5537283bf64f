import { describe, expect, it } from 'vitest';
import {
  imagesFromNpy,
  labelsFromNpy,
  MAX_HEADER_BYTES,
  NpyError,
  parseNpy,
  writeNpy,
} from '../../src/lib/data/npy.ts';

/** A .npy file with a hand-written header (version 1, 2 or 3) and raw data bytes. */
function npy(header: string, data: Uint8Array, version = 1, magic = '\x93NUMPY'): Uint8Array {
  const lenSize = version === 1 ? 2 : 4;
  const pre = magic.length + 2 + lenSize;
  let h = header;
  h += ' '.repeat((64 - ((pre + h.length + 1) % 64)) % 64) + '\n';
  const hb = new TextEncoder().encode(h);
  const out = new Uint8Array(pre + hb.length + data.length);
  for (let i = 0; i < magic.length; i++) out[i] = magic.charCodeAt(i);
  out[magic.length] = version;
  out[magic.length + 1] = 0;
  const dv = new DataView(out.buffer);
  if (version === 1) dv.setUint16(magic.length + 2, hb.length, true);
  else dv.setUint32(magic.length + 2, hb.length, true);
  out.set(hb, pre);
  out.set(data, pre + hb.length);
  return out;
}
const f32bytes = (a: number[]) => new Uint8Array(Float32Array.from(a).buffer);
const bad = (bytes: Uint8Array, re: RegExp) => {
  let err: unknown;
  try {
    imagesFromNpy(parseNpy(bytes));
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(NpyError);
  expect((err as Error).message).toMatch(re);
};

describe('.npy reader', () => {
  it('round-trips uint8, float32 and float64 images in all three accepted shapes', () => {
    const u8 = Uint8Array.from({ length: 2 * 784 }, (_, i) => i % 256);
    for (const shape of [
      [2, 28, 28],
      [2, 784],
      [2, 1, 28, 28],
    ]) {
      const a = parseNpy(writeNpy(u8, shape));
      expect(a).toMatchObject({ version: 1, dtype: 'uint8', shape });
      const im = imagesFromNpy(a);
      expect(im.count).toBe(2);
      expect(im.x[300]).toBeCloseTo((300 % 256) / 255, 6);
    }
    const f = Float32Array.from({ length: 784 }, (_, i) => i / 783);
    expect(imagesFromNpy(parseNpy(writeNpy(f, [1, 784]))).x).toEqual(f);
    const d = Float64Array.from({ length: 784 }, (_, i) => i % 256);
    const im = imagesFromNpy(parseNpy(writeNpy(d, [1, 28, 28])));
    expect(im.x[255]).toBeCloseTo(1, 6); // 0–255 floats are scaled
    const labels = labelsFromNpy(parseNpy(writeNpy(BigInt64Array.from([3n, 9n]), [2])), 2);
    expect(Array.from(labels)).toEqual([3, 9]);
  });

  it("reads versions 2.0 and 3.0 headers, big-endian floats, and numpy's own spacing", () => {
    const v2 = npy(
      "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 784), }",
      f32bytes(new Array(784).fill(0.25)),
      2,
    );
    expect(parseNpy(v2).version).toBe(2);
    expect(imagesFromNpy(parseNpy(v2)).x[10]).toBe(0.25);
    const v3 = npy(
      "{'descr':'<f4','fortran_order':False,'shape':(1,784)}",
      f32bytes(new Array(784).fill(0.5)),
      3,
    );
    expect(imagesFromNpy(parseNpy(v3)).x[783]).toBe(0.5);
    const be = new Uint8Array(784 * 4);
    new DataView(be.buffer).setFloat32(0, 0.75, false);
    expect(
      imagesFromNpy(
        parseNpy(npy("{'descr': '>f4', 'fortran_order': False, 'shape': (1, 784), }", be)),
      ).x[0],
    ).toBe(0.75);
    // 1-D Fortran order is the same as C order and is accepted for labels.
    expect(
      parseNpy(
        npy("{'descr': '|u1', 'fortran_order': True, 'shape': (3,), }", Uint8Array.from([1, 2, 3])),
      ).shape,
    ).toEqual([3]);
  });

  it('rejects every kind of bad file with a message that says what is wrong', () => {
    const good = writeNpy(new Uint8Array(2 * 784), [2, 28, 28]);
    bad(new Uint8Array(0), /not a \.npy file/);
    bad(new TextEncoder().encode('PK\x03\x04 this is a zip'), /not a \.npy file/);
    bad(
      npy(
        "{'descr': '|u1', 'fortran_order': False, 'shape': (1, 784), }",
        new Uint8Array(784),
        1,
        '\x93NUMPZ',
      ),
      /not a \.npy file/,
    );
    bad(
      npy("{'descr': '|u1', 'fortran_order': False, 'shape': (1, 784), }", new Uint8Array(784), 4),
      /Unsupported \.npy format version 4/,
    );
    bad(good.subarray(0, 40), /truncated \(it ends inside its header\)/);
    bad(good.subarray(0, good.length - 1), /truncated: shape \(2, 28, 28\) needs 1568 bytes/);
    bad(Uint8Array.from([...good, 0]), /1 bytes more than its shape/);
    bad(
      npy("{'descr': '<c8', 'fortran_order': False, 'shape': (1, 784), }", new Uint8Array(784 * 8)),
      /Unsupported dtype "<c8"/,
    );
    bad(
      npy("{'descr': '<f2', 'fortran_order': False, 'shape': (1, 784), }", new Uint8Array(784 * 2)),
      /Unsupported dtype "<f2"/,
    );
    bad(
      npy("{'descr': '<i4', 'fortran_order': False, 'shape': (1, 784), }", new Uint8Array(784 * 4)),
      /Images must be uint8, float32 or float64, not int32/,
    );
    bad(
      npy("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", new Uint8Array(8)),
      /Python objects/,
    );
    // One image in Fortran order has the same bytes as in C order: accepted. Two are not.
    expect(
      imagesFromNpy(
        parseNpy(
          npy(
            "{'descr': '<f4', 'fortran_order': True, 'shape': (1, 784), }",
            f32bytes(new Array(784).fill(0)),
          ),
        ),
      ).count,
    ).toBe(1);
    bad(
      npy("{'descr': '|u1', 'fortran_order': True, 'shape': (2, 784), }", new Uint8Array(2 * 784)),
      /Fortran \(column-major\) order/,
    );
    bad(writeNpy(new Uint8Array(2 * 32 * 32), [2, 32, 32]), /shape \(N, 28, 28\).*\(2, 32, 32\)/);
    bad(writeNpy(new Uint8Array(784), [784]), /this file has shape \(784\)/);
    bad(writeNpy(new Uint8Array(0), [0, 784]), /no images/);
    bad(
      npy(
        "{'descr': '|u1', 'fortran_order': False, 'shape': (1, 784), 'extra': 1}",
        new Uint8Array(784),
      ),
      /does not understand|exactly the keys/,
    );
    bad(
      npy("{'descr': '|u1', 'shape': (1, 784), }", new Uint8Array(784)),
      /exactly the keys descr, fortran_order and shape \(found: descr, shape\)/,
    );
    bad(npy('[1, 2, 3]', new Uint8Array(0)), /not a dictionary/);
    bad(
      npy(
        "{'descr': '|u1', 'fortran_order': False, 'shape': (1, 784), }" +
          ' '.repeat(MAX_HEADER_BYTES),
        new Uint8Array(784),
        2,
      ),
      /header is \d+ bytes long, more than the 10000/,
    );
    const nan = new Float32Array(784);
    nan[5] = NaN;
    bad(writeNpy(nan, [1, 784]), /Image 0 contains NaN \(pixel 5\)/);
    const inf = new Float64Array(784);
    inf[700] = -Infinity;
    bad(writeNpy(inf, [1, 28, 28]), /contains -Infinity/);
    bad(
      writeNpy(
        Float32Array.from({ length: 784 }, () => -1.5),
        [1, 784],
      ),
      /range from -1.5 to -1.5; expected \[0, 1\] or \[0, 255\].*standardised/,
    );
    // Too large for memory: refused from the header alone, before any allocation.
    const huge = npy(
      "{'descr': '<f8', 'fortran_order': False, 'shape': (10000000, 784), }",
      new Uint8Array(16),
    );
    bad(huge, /needs 59814 MiB, more than the 512 MiB/);
    expect(() => parseNpy(good, { maxDataBytes: 1000 })).toThrow(/more than the 0 MiB|more than/);
  });

  it('checks labels: shape (N,), integers 0–9, as many as images', () => {
    expect(() => labelsFromNpy(parseNpy(writeNpy(Uint8Array.from([1, 2]), [2])), 3)).toThrow(
      /2 labels but the images file has 3/,
    );
    expect(() => labelsFromNpy(parseNpy(writeNpy(Uint8Array.from([1, 12]), [2])), 2)).toThrow(
      /Label 1 is 12/,
    );
    expect(() => labelsFromNpy(parseNpy(writeNpy(Float32Array.from([1, 2]), [2])), 2)).toThrow(
      /must be integers, not float32/,
    );
    expect(() => labelsFromNpy(parseNpy(writeNpy(new Uint8Array(4), [2, 2])), 2)).toThrow(
      /shape \(N,\)/,
    );
    expect(Array.from(labelsFromNpy(parseNpy(writeNpy(Uint8Array.from([0, 9]), [2])), 2))).toEqual([
      0, 9,
    ]);
  });
});
