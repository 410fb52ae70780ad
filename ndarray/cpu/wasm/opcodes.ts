// The WebAssembly opcodes tessera's kernels use, by name (from the WebAssembly core specification,
// "Binary Format > Instructions", and its SIMD proposal). A Wasm function body is a byte string of
// these codes; the builder (builder.ts) writes them so a kernel reads `f64x2.mul` instead of 0xf2.
// SIMD instructions are two-part: the prefix byte 0xfd, then the opcode as an unsigned LEB128 number.
// To use a new instruction, add its code here and a method for it in builder.ts.

/** Value types, as they appear in function signatures and local declarations. */
export const ValType = { i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c, v128: 0x7b } as const;
export type ValType = (typeof ValType)[keyof typeof ValType];

/** Module sections, in the order they must appear. */
export const Section = { type: 1, import: 2, function: 3, memory: 5, export: 7, code: 10 } as const;

/** What an import or export is. */
export const ExternalKind = { function: 0x00, memory: 0x02 } as const;

/** The one-byte instructions. */
export const Op = {
  unreachable: 0x00,
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  else: 0x05,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  return: 0x0f,
  call: 0x10,
  drop: 0x1a,
  localGet: 0x20,
  localSet: 0x21,
  localTee: 0x22,
  i32Load: 0x28,
  f32Load: 0x2a,
  f64Load: 0x2b,
  i32Store: 0x36,
  f32Store: 0x38,
  f64Store: 0x39,
  i32Const: 0x41,
  f32Const: 0x43,
  f64Const: 0x44,
  i32Eqz: 0x45,
  i32Eq: 0x46,
  i32Ne: 0x47,
  i32LtS: 0x48,
  i32LtU: 0x49,
  i32GtS: 0x4a,
  i32GtU: 0x4b,
  i32LeS: 0x4c,
  i32GeS: 0x4e,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i32Mul: 0x6c,
  i32And: 0x71,
  i32Shl: 0x74,
  i32ShrU: 0x76,
  f32Add: 0x92,
  f64Add: 0xa0,
  f64Mul: 0xa2,
} as const;

/** The prefix byte of every SIMD (v128) instruction. */
export const SIMD_PREFIX = 0xfd;

/** SIMD opcodes (written after SIMD_PREFIX as unsigned LEB128). A v128 holds 4 f32 or 2 f64 lanes. */
export const SimdOp = {
  v128Load: 0x00,
  v128Load32Splat: 0x09, // one f32 from memory copied into all 4 lanes
  v128Load64Splat: 0x0a, // one f64 from memory copied into both lanes
  v128Store: 0x0b,
  v128Const: 0x0c,
  i8x16Shuffle: 0x0d, // followed by 16 lane numbers: 0-15 pick from the first operand, 16-31 the second
  f32x4Splat: 0x13,
  f64x2Splat: 0x14,
  f32x4ExtractLane: 0x1f, // followed by the lane number
  f64x2ExtractLane: 0x21,
  i8x16Ne: 0x24, // comparisons give lane masks: all ones where true, all zeros where false
  f32x4Eq: 0x41,
  f32x4Ne: 0x42,
  f32x4Lt: 0x43,
  f32x4Gt: 0x44,
  f32x4Le: 0x45,
  f32x4Ge: 0x46,
  f64x2Eq: 0x47,
  f64x2Ne: 0x48,
  f64x2Lt: 0x49,
  f64x2Gt: 0x4a,
  f64x2Le: 0x4b,
  f64x2Ge: 0x4c,
  v128And: 0x4e,
  v128Or: 0x50,
  v128Bitselect: 0x52, // bitselect(a, b, mask) = (a & mask) | (b & ~mask)
  i8x16NarrowI16x8S: 0x65, // two i16x8 -> one i8x16, each lane saturated to [-128, 127]
  f32x4Ceil: 0x67,
  f32x4Floor: 0x68,
  f32x4Trunc: 0x69,
  f32x4Nearest: 0x6a, // round half to even
  f64x2Ceil: 0x74,
  f64x2Floor: 0x75,
  f64x2Trunc: 0x7a,
  i16x8NarrowI32x4S: 0x85, // two i32x4 -> one i16x8, each lane saturated
  f64x2Nearest: 0x94,
  f32x4Abs: 0xe0,
  f32x4Neg: 0xe1,
  f32x4Sqrt: 0xe3,
  f32x4Add: 0xe4,
  f32x4Sub: 0xe5,
  f32x4Mul: 0xe6,
  f32x4Div: 0xe7,
  f64x2Abs: 0xec,
  f64x2Neg: 0xed,
  f64x2Sqrt: 0xef,
  f64x2Add: 0xf0,
  f64x2Sub: 0xf1,
  f64x2Mul: 0xf2,
  f64x2Div: 0xf3,
} as const;
