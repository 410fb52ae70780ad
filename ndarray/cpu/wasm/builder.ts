// A typed builder for the body of one WebAssembly function. WebAssembly is a stack machine: each
// instruction pops its operands and pushes its result, so `a*b + c` is written
//   get(a); get(b); f64x2.mul(); get(c); f64x2.add()
// and each method below appends one instruction's bytes. Locals (parameters first) are numbered;
// `local(type)` hands out the next number. Control flow is structured: `block` and `loop` open a
// label, `br(depth)` / `brIf(depth)` jump to the label `depth` levels out (to a block's end, or back
// to a loop's start), and `forRange` wraps the usual counting loop. WebAssembly.validate checks the
// finished bytes, so a wrongly typed stack is reported when the module is built.
import { Op, SIMD_PREFIX, SimdOp, ValType } from './opcodes.ts';
import { float32Bytes, float64Bytes, signedLeb128, unsignedLeb128 } from './encoding.ts';

/** A parameter or local variable: its index in the function and its type. */
export interface Local {
  readonly index: number;
  readonly type: ValType;
}

/** log2 of the natural alignment of each memory access size, as memory instructions state it. */
const ALIGN = { 4: 2, 8: 3, 16: 4 } as const;

export class FunctionBuilder {
  readonly params: Local[];
  readonly results: ValType[];
  /** Locals declared after the parameters, in index order. */
  readonly locals: Local[] = [];
  /** The body's instruction bytes so far. */
  readonly code: number[] = [];

  constructor(params: ValType[], results: ValType[] = []) {
    this.params = params.map((type, index) => ({ index, type }));
    this.results = results;
  }

  /** A new local of this type (starts at zero). */
  local(type: ValType): Local {
    const l = { index: this.params.length + this.locals.length, type };
    this.locals.push(l);
    return l;
  }

  private op(...bytes: number[]): FunctionBuilder {
    this.code.push(...bytes);
    return this;
  }

  private simd(op: number, ...immediates: number[]): FunctionBuilder {
    return this.op(SIMD_PREFIX, ...unsignedLeb128(op), ...immediates);
  }

  /** A memory access: opcode, then alignment and constant byte offset (added to the address). */
  private memory(bytes: number[], size: 4 | 8 | 16, offset: number): FunctionBuilder {
    return this.op(...bytes, ...unsignedLeb128(ALIGN[size]), ...unsignedLeb128(offset));
  }

  get(l: Local): FunctionBuilder { return this.op(Op.localGet, ...unsignedLeb128(l.index)); }
  set(l: Local): FunctionBuilder { return this.op(Op.localSet, ...unsignedLeb128(l.index)); }
  tee(l: Local): FunctionBuilder { return this.op(Op.localTee, ...unsignedLeb128(l.index)); }
  drop(): FunctionBuilder { return this.op(Op.drop); }

  // Control flow. `body` emits the instructions inside; labels count outward from the innermost.
  block(body: () => void): FunctionBuilder { this.op(Op.block, 0x40); body(); return this.op(Op.end); }
  loop(body: () => void): FunctionBuilder { this.op(Op.loop, 0x40); body(); return this.op(Op.end); }
  /** Calls the module's function number `index` (functions are numbered in the order they are added). */
  call(index: number): FunctionBuilder { return this.op(Op.call, ...unsignedLeb128(index)); }
  return(): FunctionBuilder { return this.op(Op.return); }
  br(depth: number): FunctionBuilder { return this.op(Op.br, ...unsignedLeb128(depth)); }
  brIf(depth: number): FunctionBuilder { return this.op(Op.brIf, ...unsignedLeb128(depth)); }
  /** if (top of stack != 0) then() else otherwise() */
  ifElse(then: () => void, otherwise?: () => void): FunctionBuilder {
    this.op(Op.if, 0x40);
    then();
    if (otherwise) {
      this.op(Op.else);
      otherwise();
    }
    return this.op(Op.end);
  }

  /** for (i = from; i < to; i += step) body(), with i an i32 local and `from`, `to` locals or
   *  constants. The body runs at least once, so the caller guarantees from < to (a do-while loop
   *  saves one comparison per trip: the test sits at the bottom). */
  forRange(i: Local, from: Local | number, to: Local | number, step: number, body: () => void): FunctionBuilder {
    this.i32Value(from).set(i);
    return this.loop(() => {
      body();
      this.get(i).i32.const(step).i32.add().tee(i);
      this.i32Value(to).i32.ltS().brIf(0);
    });
  }

  /** Pushes a local's value or an i32 constant. */
  i32Value(x: Local | number): FunctionBuilder {
    return typeof x === 'number' ? this.i32.const(x) : this.get(x);
  }

  readonly i32 = {
    const: (n: number) => this.op(Op.i32Const, ...signedLeb128(n)),
    add: () => this.op(Op.i32Add),
    sub: () => this.op(Op.i32Sub),
    mul: () => this.op(Op.i32Mul),
    and: () => this.op(Op.i32And),
    shl: () => this.op(Op.i32Shl),
    shrU: () => this.op(Op.i32ShrU),
    eqz: () => this.op(Op.i32Eqz),
    eq: () => this.op(Op.i32Eq),
    ne: () => this.op(Op.i32Ne),
    ltS: () => this.op(Op.i32LtS),
    ltU: () => this.op(Op.i32LtU),
    gtS: () => this.op(Op.i32GtS),
    load: (offset = 0) => this.memory([Op.i32Load], 4, offset),
    store: (offset = 0) => this.memory([Op.i32Store], 4, offset),
  };

  readonly f32 = {
    const: (x: number) => this.op(Op.f32Const, ...float32Bytes(x)),
    add: () => this.op(Op.f32Add),
    load: (offset = 0) => this.memory([Op.f32Load], 4, offset),
  };

  readonly f64 = {
    const: (x: number) => this.op(Op.f64Const, ...float64Bytes(x)),
    add: () => this.op(Op.f64Add),
    mul: () => this.op(Op.f64Mul),
    load: (offset = 0) => this.memory([Op.f64Load], 8, offset),
    store: (offset = 0) => this.memory([Op.f64Store], 8, offset),
  };

  /** 128-bit vectors, whatever their lanes hold. Addresses are byte addresses (i32). */
  readonly v128 = {
    load: (offset = 0) => this.memory([SIMD_PREFIX, ...unsignedLeb128(SimdOp.v128Load)], 16, offset),
    store: (offset = 0) => this.memory([SIMD_PREFIX, ...unsignedLeb128(SimdOp.v128Store)], 16, offset),
    load32Splat: (offset = 0) => this.memory([SIMD_PREFIX, ...unsignedLeb128(SimdOp.v128Load32Splat)], 4, offset),
    load64Splat: (offset = 0) => this.memory([SIMD_PREFIX, ...unsignedLeb128(SimdOp.v128Load64Splat)], 8, offset),
    /** A constant vector, given as its 16 bytes. */
    const: (bytes: readonly number[]) => this.simd(SimdOp.v128Const, ...bytes),
    /** The all-zero vector. */
    zero: () => this.v128.const(new Array<number>(16).fill(0)),
    and: () => this.simd(SimdOp.v128And),
    or: () => this.simd(SimdOp.v128Or),
    /** Pops a, b, mask; pushes a's bits where mask is 1, b's where it is 0. */
    bitselect: () => this.simd(SimdOp.v128Bitselect),
  };

  /** Sixteen byte lanes. */
  readonly i8x16 = {
    /** Pops a, b; pushes the 16 bytes numbered by `lanes` from the 32 of a then b. */
    shuffle: (lanes: readonly number[]) => this.simd(SimdOp.i8x16Shuffle, ...lanes),
    ne: () => this.simd(SimdOp.i8x16Ne),
    /** Pops two vectors of eight i16 lanes; pushes their sixteen lanes as saturated bytes. */
    narrowI16x8S: () => this.simd(SimdOp.i8x16NarrowI16x8S),
  };

  /** Eight 16-bit integer lanes. */
  readonly i16x8 = {
    /** Pops two vectors of four i32 lanes; pushes their eight lanes saturated to 16 bits. */
    narrowI32x4S: () => this.simd(SimdOp.i16x8NarrowI32x4S),
  };

  /** Two float64 lanes. The comparisons (eq ... ge) push lane masks: all ones where true, else zeros. */
  readonly f64x2 = {
    splat: () => this.simd(SimdOp.f64x2Splat),
    extractLane: (lane: number) => this.simd(SimdOp.f64x2ExtractLane, lane),
    add: () => this.simd(SimdOp.f64x2Add),
    sub: () => this.simd(SimdOp.f64x2Sub),
    mul: () => this.simd(SimdOp.f64x2Mul),
    div: () => this.simd(SimdOp.f64x2Div),
    neg: () => this.simd(SimdOp.f64x2Neg),
    abs: () => this.simd(SimdOp.f64x2Abs),
    sqrt: () => this.simd(SimdOp.f64x2Sqrt),
    floor: () => this.simd(SimdOp.f64x2Floor),
    ceil: () => this.simd(SimdOp.f64x2Ceil),
    trunc: () => this.simd(SimdOp.f64x2Trunc),
    nearest: () => this.simd(SimdOp.f64x2Nearest),
    eq: () => this.simd(SimdOp.f64x2Eq),
    ne: () => this.simd(SimdOp.f64x2Ne),
    lt: () => this.simd(SimdOp.f64x2Lt),
    gt: () => this.simd(SimdOp.f64x2Gt),
    le: () => this.simd(SimdOp.f64x2Le),
    ge: () => this.simd(SimdOp.f64x2Ge),
  };

  /** Four float32 lanes (comparisons as for f64x2). */
  readonly f32x4 = {
    splat: () => this.simd(SimdOp.f32x4Splat),
    extractLane: (lane: number) => this.simd(SimdOp.f32x4ExtractLane, lane),
    add: () => this.simd(SimdOp.f32x4Add),
    sub: () => this.simd(SimdOp.f32x4Sub),
    mul: () => this.simd(SimdOp.f32x4Mul),
    div: () => this.simd(SimdOp.f32x4Div),
    neg: () => this.simd(SimdOp.f32x4Neg),
    abs: () => this.simd(SimdOp.f32x4Abs),
    sqrt: () => this.simd(SimdOp.f32x4Sqrt),
    floor: () => this.simd(SimdOp.f32x4Floor),
    ceil: () => this.simd(SimdOp.f32x4Ceil),
    trunc: () => this.simd(SimdOp.f32x4Trunc),
    nearest: () => this.simd(SimdOp.f32x4Nearest),
    eq: () => this.simd(SimdOp.f32x4Eq),
    ne: () => this.simd(SimdOp.f32x4Ne),
    lt: () => this.simd(SimdOp.f32x4Lt),
    gt: () => this.simd(SimdOp.f32x4Gt),
    le: () => this.simd(SimdOp.f32x4Le),
    ge: () => this.simd(SimdOp.f32x4Ge),
  };

  /** The code section's entry for this function: locals declared in runs of one type, then the
   *  body and `end`, all prefixed by the byte size. */
  encode(): number[] {
    const runs: number[][] = [];
    for (let i = 0; i < this.locals.length;) {
      let j = i;
      while (j < this.locals.length && this.locals[j].type === this.locals[i].type) j++;
      runs.push([...unsignedLeb128(j - i), this.locals[i].type]);
      i = j;
    }
    const body = [...unsignedLeb128(runs.length), ...runs.flat(), ...this.code, Op.end];
    return [...unsignedLeb128(body.length), ...body];
  }
}
