// CRC-32, the checksum every ZIP entry carries (the same one as gzip and PNG).
// The message bits are the coefficients of a polynomial over GF(2); the CRC is its remainder
// modulo the generator 0x04C11DB7 (written bit-reversed as 0xEDB88320, since ZIP feeds bytes
// least-significant bit first). A 256-entry table holds the remainder of every possible byte,
// so each input byte costs one table lookup, one shift and one XOR.

const TABLE = new Uint32Array(256);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  TABLE[n] = c;
}

/** CRC-32 of `bytes` as an unsigned 32-bit integer (crc32(b'123456789') == 0xCBF43926). */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
