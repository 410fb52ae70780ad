// The elementwise ops of ops.ts on the GPU (unary.wgsl, binary.wgsl, where.wgsl), as
// cpu/elementwise.ts runs them on the CPU. ops.ts gives each op a numeric `code`; it becomes the OP
// override constant the shader `switch`es on (`case OP_LESS_EQUAL:`, see constants.ts), and the
// compiler keeps only that branch, so every (op, dtypes) pair is a small specialised pipeline. The
// inputs arrive in the op's computation dtype, which picks the compute type.
import unaryWgsl from '../../shaders/unary.wgsl';
import binaryWgsl from '../../shaders/binary.wgsl';
import whereWgsl from '../../shaders/where.wgsl';
import type { View } from '../backend.ts';
import { getOp } from '../ops.ts';
import { kernel } from './engine.ts';
import type { KernelContext } from './storage.ts';
import { launchElementwise } from './strided.ts';
import { computeType, dtCode } from './dtypes.ts';

const UNARY = kernel(unaryWgsl, 'main', ['read', 'write']);
const BINARY = kernel(binaryWgsl, 'main', ['read', 'read', 'write']);
const WHERE = kernel(whereWgsl, 'main', ['read', 'read', 'read', 'write']);

export function unary(g: KernelContext, op: string, x: View, out: View): void {
  const constants = { OP: getOp(op, 1).code, CT: computeType(x.dtype), X_DT: dtCode(x.dtype), OUT_DT: dtCode(out.dtype) };
  launchElementwise(g.engine, UNARY, out.shape, [g.storages.input(x), g.storages.output(out)], { constants });
}

export function binary(g: KernelContext, op: string, a: View, b: View, out: View): void {
  const constants = { OP: getOp(op, 2).code, CT: computeType(a.dtype), A_DT: dtCode(a.dtype), B_DT: dtCode(b.dtype), OUT_DT: dtCode(out.dtype) };
  const s = g.storages;
  launchElementwise(g.engine, BINARY, out.shape, [s.input(a), s.input(b), s.output(out)], { constants });
}

export function where(g: KernelContext, cond: View, a: View, b: View, out: View): void {
  const constants = { C_DT: dtCode(cond.dtype), A_DT: dtCode(a.dtype), B_DT: dtCode(b.dtype), OUT_DT: dtCode(out.dtype) };
  const s = g.storages;
  launchElementwise(g.engine, WHERE, out.shape, [s.input(cond), s.input(a), s.input(b), s.output(out)], { constants });
}
