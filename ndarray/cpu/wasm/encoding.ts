// How numbers, names and lists are written in a WebAssembly binary. Integers use LEB128: 7 bits per
// byte, least significant group first, the top bit of each byte saying "more bytes follow". So 300
// (binary 10_0101100) is written 0xac 0x02: 0101100 with the top bit set, then 10.
// Signed numbers (i32.const) use the two's-complement variant, which stops when the remaining bits
// are all copies of the sign bit (the sign bit of the last byte's 7 bits must match it).

/** Unsigned LEB128: for indices, counts, sizes and memory offsets. */
export function unsignedLeb128(n: number): number[] {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new RangeError(`unsignedLeb128: expected an integer in [0, 2^32), got ${n}`);
  const out: number[] = [];
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 of a 32-bit integer: for i32.const. */
export function signedLeb128(n: number): number[] {
  if (!Number.isInteger(n) || n < -(2 ** 31) || n >= 2 ** 32) throw new RangeError(`signedLeb128: expected a 32-bit integer, got ${n}`);
  n |= 0; // values in [2^31, 2^32) are the same bits as negative i32s
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7; // arithmetic shift: keeps the sign
    const signBit = byte & 0x40;
    if ((n === 0 && !signBit) || (n === -1 && signBit)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

/** A float64 constant's 8 bytes, little-endian (for f64.const). */
export function float64Bytes(x: number): number[] {
  return [...new Uint8Array(new Float64Array([x]).buffer)];
}

/** A float32 constant's 4 bytes, little-endian (for f32.const). */
export function float32Bytes(x: number): number[] {
  return [...new Uint8Array(new Float32Array([x]).buffer)];
}

/** A name: its UTF-8 length, then its bytes. */
export function encodeName(s: string): number[] {
  const bytes = [...new TextEncoder().encode(s)];
  return [...unsignedLeb128(bytes.length), ...bytes];
}

/** A list ("vector" in the specification): the item count, then the items. */
export function encodeVector(items: number[][]): number[] {
  return [...unsignedLeb128(items.length), ...items.flat()];
}
