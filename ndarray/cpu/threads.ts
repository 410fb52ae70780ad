// Worker threads for the CPU backend's large matrix products (what OpenBLAS does with its threads).
// The one thing to understand: the CPU backend is synchronous, so a product cannot await a worker.
// Instead the main thread hands each worker a share of C's rows (or columns), computes its own share
// meanwhile, and then blocks in Atomics.wait until the workers flag theirs done in shared memory.
//
//   main:    copy the worker's share of A and all of B into SharedArrayBuffers, post the job on the
//            worker's MessagePort, bump ctrl[JOB] and notify; compute share 0; wait for ctrl[DONE];
//            copy the worker's rows of C back.
//   worker:  Atomics.wait on ctrl[JOB]; receiveMessageOnPort (synchronous) gives the job; run the same
//            kernel on it (gemmBlocked, gemm-blocked.ts, or the WebAssembly wasmGemm, wasm/gemm.ts,
//            over the worker's own instance of the module the main thread built); set ctrl[DONE].
//
// Every element of C is computed by one thread with the whole k-loop in the same order, so the result
// is bit-identical for any number of threads. The workers run the source text of gemm-blocked.ts's
// and wasm/gemm.ts's functions (they use nothing but their arguments), so there is no second copy.
// parallelFor runs other loops the same way (KMeans's labelling, Ridge's normal equations): the loop
// body travels as source text and each share of the index range runs it.
// Threads need Node's worker_threads, SharedArrayBuffer and a main thread that may block; elsewhere
// (Deno, browsers) and for small products everything runs on the calling thread.
// setNumThreads(n) / the TESSERA_NUM_THREADS variable play the part of OMP_NUM_THREADS (1 = off).
import type { TypedArray } from '../dtype.ts';
import { gemmBlocked, packPanels, microKernel, storeTile, type Mat } from './gemm-blocked.ts';
import { wasmGemm, instantiateGemm, type GemmPlan, type WasmGemm } from './wasm/gemm.ts';
import { gemmWasmModule, hasWasmSimd, getCpuKernels, mainThreadGemm, GEMM_PLANS } from './wasm/kernels.ts';
import type { FloatDType } from './wasm/gemm-kernel.ts';

/** Products below this many flops (about 4 ms on one core) are not worth the hand-over. */
const MIN_FLOPS = 2 ** 24;
/** Slots of each worker's control array: job counter, finished-job counter, status, ready flag. */
const JOB = 0, DONE = 1, STATUS = 2, READY = 3;
const OK = 1; // (2: failed)
/** How long the main thread waits for a worker before giving up on the pool (ms). */
const TIMEOUT = 120_000;

interface WorkerThreads {
  Worker: new (src: string, options: object) => { unref(): void; on(e: string, f: (x: unknown) => void): void; terminate(): unknown };
  MessageChannel: new () => { port1: Port; port2: Port };
}
interface Port { postMessage(message: unknown): void; unref?(): void; close?(): void }

interface PoolWorker {
  ctrl: Int32Array;
  port: Port;
  /** The thread itself (terminated when setNumThreads lowers the count). */
  thread: { terminate(): unknown };
  /** Shared buffers for this worker's A share and C share, grown as needed. */
  aBuf: SharedArrayBuffer | null;
  cBuf: SharedArrayBuffer | null;
}

/** An environment variable, or undefined where the runtime refuses to tell (Deno without --allow-env). */
function readEnv(name: string): string | undefined {
  try {
    return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];
  } catch {
    return undefined;
  }
}

function defaultThreads(): number {
  const env = readEnv('TESSERA_NUM_THREADS');
  if (env !== undefined && /^\d+$/.test(env) && Number(env) >= 1) return Number(env);
  return Math.min(coreCount(), 8);
}

/** A Node built-in module, loaded synchronously (process.getBuiltinModule, Node 20.16+), or null
 *  outside Node. Deno 2 has it too, and the workers run there with the same results, but a split
 *  product took 2-4x longer than on one thread (Deno 2.9), so Deno stays on one thread. */
function nodeModule<T>(name: string): T | null {
  if ('Deno' in globalThis) return null;
  const proc = (globalThis as { process?: { getBuiltinModule?: (n: string) => unknown } }).process;
  return (proc?.getBuiltinModule?.(name) as T | undefined) ?? null;
}

let numThreads = 0; // 0: not read yet
let pool: PoolWorker[] = [];
let poolBroken = false;
/** Whether workers were ever started (then setNumThreads starts new ones at once). */
let poolStarted = false;
let bShared: SharedArrayBuffer | null = null;
let parallelCalls = 0;

/** The number of threads large CPU matrix products use (including the calling one). */
export function getNumThreads(): number {
  if (numThreads === 0) numThreads = defaultThreads();
  return numThreads;
}

/** Sets how many threads large CPU matrix products use; 1 runs everything on the calling thread.
 *  More threads than cores is capped at the number of cores, with a warning: the threads would take
 *  turns on the cores, and products became 20-50x slower (64 threads on 2 cores). Lowering the count
 *  stops the workers no longer needed. */
export function setNumThreads(n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`setNumThreads: expected a positive integer, got ${n}`);
  const cores = coreCount();
  if (n > cores) {
    console.warn(`Warning: setNumThreads(${n}): this machine has ${cores} core(s), so tessera uses ${cores} thread(s); more threads than cores only take turns and make products slower`);
    n = cores;
  }
  numThreads = n;
  for (const w of pool.splice(Math.max(n - 1, 0))) {
    w.thread.terminate();
    w.port.close?.();
  }
  // Raising the count once threads have run: start the new workers now and wait (up to 10 s) until
  // they are ready, so the next product is split as the count says.
  if (poolStarted && pool.length < n - 1) {
    ensurePool();
    for (const w of pool) for (let t = 0; t < 100 && Atomics.load(w.ctrl, READY) !== 1; t++) Atomics.wait(w.ctrl, READY, 0, 100);
  }
}

/** The cores the threads may use (os.availableParallelism), or 1 where there are no worker threads. */
function coreCount(): number {
  const os = nodeModule<{ availableParallelism?: () => number; cpus(): unknown[] }>('node:os');
  return os ? Math.max(1, os.availableParallelism?.() ?? os.cpus().length) : 1;
}

/** How many worker threads are running (for tests). */
export function workerCount(): number {
  return pool.length;
}

/** How many products and loops so far were split over worker threads (for tests and benchmarks). */
export function parallelProductCount(): number {
  return parallelCalls;
}

/** Starts the workers now (they otherwise start at the first large product) and resolves when they
 *  are ready, or at once when threads are unavailable. Resolves to the number of threads in use. */
export async function startThreads(): Promise<number> {
  ensurePool();
  // a worker compiles and warms up its kernel first: a few tens of ms, far longer on a loaded machine
  for (let i = 0; i < 3000 && readyWorkers().length < pool.length; i++) await new Promise((r) => setTimeout(r, 10));
  return readyWorkers().length + 1;
}

/** The source each worker runs: the kernel functions, then workerMain called with worker_threads. */
function workerSource(): string {
  const helpers = [packPanels, microKernel, storeTile].map(String).join('\n');
  const kernels = [gemmBlocked, wasmGemm, instantiateGemm].map(String).join(', ');
  return `${helpers}\n(${String(workerMain)})(require('node:worker_threads'), ${kernels});\n`;
}

/** What a worker needs to run the WebAssembly kernels: the compiled module and the blocking plans. */
interface WasmData { module: WebAssembly.Module; plans: Record<FloatDType, GemmPlan> }
interface WorkerData { ctrl: Int32Array; port: unknown; wasm: WasmData | null }

/** The worker's loop (runs inside the worker, from its source text: it must use only its arguments).
 *  A job is a share of a matrix product, or a share of a parallelFor loop whose body (and helpers)
 *  arrive as source text and are compiled once per worker. */
function workerMain(wt: { workerData: WorkerData; receiveMessageOnPort(p: unknown): { message: Job | ForJob } | undefined }, gemm: typeof gemmBlocked, wasm: typeof wasmGemm, instantiate: typeof instantiateGemm): void {
  const { ctrl, port, wasm: wasmData } = wt.workerData;
  const scratch = { packedA: new Float64Array(0), packedB: new Float64Array(0), tile: new Float64Array(16) };
  const instance = wasmData ? instantiate(wasmData.module, wasmData.plans) : null;
  const compiled = new Map<string, ForBody<unknown[]>>();
  // Warm up: a few small products get the kernel compiled before the first real job arrives.
  const x = new Float64Array(96 * 96).fill(1), y = new Float64Array(96 * 96);
  const [xr, xc] = [{ data: x, offset: 0, rs: 96, cs: 1 }, { data: x, offset: 0, rs: 1, cs: 96 }];
  for (let i = 0; i < 20; i++) gemm(96, 96, 96, xr, xc, y, 0, 96, scratch);
  for (let i = 0; i < 20 && instance; i++) wasm(instance, 96, 96, 96, xr, xc, i % 2 ? y : new Float32Array(y.length), 0, 96);
  Atomics.store(ctrl, 3, 1); // READY
  Atomics.notify(ctrl, 3); // wakes a setNumThreads waiting for this worker
  let seen = 0;
  for (;;) {
    Atomics.wait(ctrl, 0, seen);
    const job = Atomics.load(ctrl, 0);
    if (job === seen) continue;
    seen = job;
    let status = 1;
    try {
      const j = (wt.receiveMessageOnPort(port) as { message: Job | ForJob }).message;
      if (j.kind === 'gemm') {
        const done = j.wasm && instance !== null && wasm(instance, j.m, j.n, j.k, j.a, j.b, j.out, j.co, j.ldc);
        if (!done) gemm(j.m, j.n, j.k, j.a, j.b, j.out, j.co, j.ldc, scratch);
      }
      else {
        const key = `${j.helpers}\n${j.body}`;
        let body = compiled.get(key);
        if (!body) {
          body = new Function(`${j.helpers}\nreturn (${j.body});`)() as ForBody<unknown[]>;
          compiled.set(key, body);
        }
        body.call(j.wasm ? instance : null, j.from, j.to, ...j.args);
      }
    } catch {
      status = 2;
    }
    Atomics.store(ctrl, 2, status);
    Atomics.store(ctrl, 1, seen);
    Atomics.notify(ctrl, 1);
  }
}

interface Job { kind: 'gemm'; wasm: boolean; m: number; n: number; k: number; a: Mat; b: Mat; out: TypedArray; co: number; ldc: number }
interface ForJob { kind: 'for'; wasm: boolean; body: string; helpers: string; from: number; to: number; args: unknown[] }

function ensurePool(): void {
  const want = getNumThreads() - 1;
  if (poolBroken || pool.length >= want || typeof SharedArrayBuffer !== 'function') return;
  const wt = nodeModule<WorkerThreads>('node:worker_threads');
  if (!wt) return;
  try {
    poolStarted = true;
    while (pool.length < want) pool.push(spawn(wt));
  } catch {
    poolBroken = true;
  }
}

function spawn(wt: WorkerThreads): PoolWorker {
  const ctrl = new Int32Array(new SharedArrayBuffer(16));
  const { port1, port2 } = new wt.MessageChannel();
  const wasm = hasWasmSimd() ? { module: gemmWasmModule(), plans: GEMM_PLANS } : null;
  const workerData: WorkerData = { ctrl, port: port2, wasm };
  const worker = new wt.Worker(workerSource(), { eval: true, workerData, transferList: [port2] });
  worker.unref(); // a waiting worker must not keep the process alive
  port1.unref?.();
  worker.on('error', () => { poolBroken = true; });
  return { ctrl, port: port1, thread: worker, aBuf: null, cBuf: null };
}

const readyWorkers = (): PoolWorker[] => pool.filter((w) => Atomics.load(w.ctrl, READY) === 1);

type TypedCtor = new (buffer: SharedArrayBuffer, offset?: number, length?: number) => TypedArray;

/** A typed array of `like`'s type over a shared buffer of at least `length` elements (grown as needed). */
function sharedArray(buf: SharedArrayBuffer | null, like: TypedArray, length: number): [SharedArrayBuffer, TypedArray] {
  const bytes = length * like.BYTES_PER_ELEMENT;
  const b = buf && buf.byteLength >= bytes ? buf : new SharedArrayBuffer(Math.max(bytes, 8));
  return [b, new (like.constructor as TypedCtor)(b, 0, length)];
}

/** Whether data should live in shared memory: threads are on and can run. */
const sharingPays = (): boolean => getNumThreads() > 1 && !poolBroken && typeof SharedArrayBuffer === 'function';

/** A typed array the workers can read and write without a copy: on a SharedArrayBuffer when threads
 *  are on (linalg allocates its big working matrices with this), an ordinary one otherwise. */
export function sharedTyped<T extends TypedArray>(ctor: new (b: SharedArrayBuffer | number) => T, length: number): T {
  const usable = sharingPays();
  const bytes = (ctor as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
  return usable ? new ctor(new SharedArrayBuffer(length * bytes)) : new ctor(length);
}

export const sharedFloat64 = (length: number): Float64Array => sharedTyped(Float64Array, length);

/** x itself, or, when threads are on and x is big enough for a product to be split, a copy of it in
 *  shared memory (where the workers read it without a copy per product). */
export function inSharedMemory(x: Float64Array, minLength = 4096): Float64Array {
  if (x.length < minLength || isShared(x) || !sharingPays()) return x;
  const out = sharedFloat64(x.length);
  out.set(x);
  return out;
}

/** A loop body for parallelFor: handles items from..to-1. It runs in the workers from its source
 *  text, so it may use only its arguments, globals like Math, and the helper functions passed along.
 *  `this` is the running thread's own instance of the WebAssembly kernels (wasm/gemm.ts: the GEMM
 *  macro-kernels and their memory) when the 'wasm' CPU kernels are in use, else null. */
export type ForBody<A extends unknown[]> = (this: WasmGemm | null, from: number, to: number, ...args: A) => void;

/** body(0, n, ...args), but split into contiguous shares over the worker threads when there are at
 *  least `minItems` items and workers are ready: the calling thread runs the first share and waits
 *  for the rest. Shares start on multiples of `align`. Results must be written into arrays from
 *  sharedTyped (other arguments reach the workers as copies); each item must be computed the same
 *  way whoever runs it, so the result does not depend on the number of threads. `args` may instead be
 *  a function of the share (from, to), to hand each share only the part of a big input it reads. */
export function parallelFor<A extends unknown[]>(n: number, minItems: number, body: ForBody<A>, helpers: ((...x: never[]) => unknown)[], args: A | ((from: number, to: number) => A), align = 1): void {
  const argsFor = typeof args === 'function' ? args : () => args;
  const wasm = getCpuKernels() === 'wasm';
  const run = (from: number, to: number, shareArgs: A): void => body.call(wasm ? mainThreadGemm() : null, from, to, ...shareArgs);
  const workers = getNumThreads() > 1 && n >= minItems ? availableWorkers() : [];
  if (workers.length === 0) {
    run(0, n, argsFor(0, n));
    return;
  }
  const cut = shareBounds(n, workers.length + 1, align);
  const source = sourceOf(body), helperSource = helpers.map(sourceOf).join('\n');
  const jobs: { w: PoolWorker; from: number; to: number; args: A }[] = [];
  for (let p = 1; p <= workers.length; p++) {
    const from = cut[p], to = cut[p + 1];
    if (to <= from) continue;
    const shareArgs = argsFor(from, to);
    post(workers[p - 1], { kind: 'for', wasm, body: source, helpers: helperSource, from, to, args: shareArgs });
    jobs.push({ w: workers[p - 1], from, to, args: shareArgs });
  }
  run(0, cut[1], argsFor(0, cut[1]));
  // a failed share is redone here
  for (const { w, from, to, args: shareArgs } of jobs) if (!waitFor(w)) run(from, to, shareArgs);
  parallelCalls++;
}

/** The ready workers this call may use (numThreads - 1 of them), starting the pool if needed. */
function availableWorkers(): PoolWorker[] {
  ensurePool();
  return readyWorkers().slice(0, getNumThreads() - 1);
}

/** Share boundaries: share p covers [cut[p], cut[p+1]) of 0..len, parts shares starting on
 *  multiples of `align`, rounded down so the calling thread (share 0, which also prepares the
 *  others) takes the smallest. */
function shareBounds(len: number, parts: number, align: number): number[] {
  return Array.from({ length: parts + 1 }, (_, p) => (p === parts ? len : Math.min(len, Math.floor((len * p) / parts / align) * align)));
}

/** Hands worker w a job: on its port, then bump its job counter and wake it. */
function post(w: PoolWorker, job: Job | ForJob): void {
  w.port.postMessage(job);
  Atomics.add(w.ctrl, JOB, 1);
  Atomics.notify(w.ctrl, JOB);
}

/** A function's source text, converted once (a loop body is posted on every call). */
const sources = new WeakMap<object, string>();
function sourceOf(f: (...x: never[]) => unknown): string {
  let src = sources.get(f);
  if (src === undefined) sources.set(f, (src = String(f)));
  return src;
}

const isShared = (x: TypedArray): boolean => typeof SharedArrayBuffer === 'function' && x.buffer instanceof SharedArrayBuffer;

/** x[r0 : r0+rows, c0 : c0+cols] as a matrix the workers can read: x itself when it already lives in
 *  shared memory, else a copy into `dst`, walking x along its contiguous axis (row-major when rows
 *  are contiguous in x, column-major otherwise). */
function shareBlock(x: Mat, r0: number, rows: number, c0: number, cols: number, buf: SharedArrayBuffer | null): [SharedArrayBuffer | null, Mat] {
  const { data, rs, cs } = x, start = x.offset + r0 * rs + c0 * cs;
  if (isShared(data)) return [buf, { data, offset: start, rs, cs }];
  const [b, dst] = sharedArray(buf, data, rows * cols);
  const byRows = Math.abs(cs) <= Math.abs(rs);
  const [outer, inner, so, si] = byRows ? [rows, cols, rs, cs] : [cols, rows, cs, rs];
  for (let i = 0, o = 0; i < outer; i++) {
    const s = start + i * so;
    if (si === 1 && inner >= 256) {
      dst.set(data.subarray(s, s + inner), o); // a long contiguous run: one memcpy
      o += inner;
    } else for (let j = 0; j < inner; j++) dst[o++] = data[s + j * si];
  }
  return [b, byRows ? { data: dst, offset: 0, rs: cols, cs: 1 } : { data: dst, offset: 0, rs: 1, cs: rows }];
}

/** A product C = A B on the calling thread (the TypeScript or the WebAssembly kernel). */
export type SerialGemm = (m: number, n: number, k: number, a: Mat, b: Mat, out: TypedArray, co: number, ldc: number) => void;

/** C = A B split over the worker threads, if the product is large enough and workers are ready;
 *  returns false (having done nothing) otherwise. Shares go by rows of C when m >= n, else by columns.
 *  Operands and C in shared memory are used in place; others are copied in (and C's shares out).
 *  The calling thread runs `serial` on its share; the workers run the same kernel (Wasm if `wasm`). */
export function parallelGemm(m: number, n: number, k: number, a: Mat, b: Mat, out: TypedArray, co: number, ldc: number, serial: SerialGemm, wasm: boolean): boolean {
  if (getNumThreads() < 2 || 2 * m * n * k < MIN_FLOPS || Math.max(m, n) < 16) return false;
  const workers = availableWorkers();
  if (workers.length === 0) return false;
  const byRows = m >= n;
  // Share boundaries on multiples of 4 (the register tile).
  const cut = shareBounds(byRows ? m : n, workers.length + 1, 4);
  /** Share [from, from+size): rows of A and C, or columns of B and C. */
  const share = (from: number, size: number) => byRows
    ? { m: size, n, a: { ...a, offset: a.offset + from * a.rs }, b, at: co + from * ldc }
    : { m, n: size, a, b: { ...b, offset: b.offset + from * b.cs }, at: co + from };
  // The operand every worker reads whole (B for row shares, A for column shares) is shared once.
  let wholeMat: Mat;
  [bShared, wholeMat] = byRows ? shareBlock(b, 0, k, 0, n, bShared) : shareBlock(a, 0, m, 0, k, bShared);
  const outShared = isShared(out);
  const jobs: { w: PoolWorker; from: number; size: number; job: Job }[] = [];
  for (let p = 1; p <= workers.length; p++) {
    const w = workers[p - 1], from = cut[p], size = cut[p + 1] - from;
    if (size <= 0) continue;
    const s = share(from, size);
    let part: Mat, c: TypedArray | undefined;
    [w.aBuf, part] = byRows ? shareBlock(a, from, size, 0, k, w.aBuf) : shareBlock(b, 0, k, from, size, w.aBuf);
    if (!outShared) [w.cBuf, c] = sharedArray(w.cBuf, out, s.m * s.n);
    const job: Job = {
      kind: 'gemm', wasm, m: s.m, n: s.n, k, a: byRows ? part : wholeMat, b: byRows ? wholeMat : part,
      out: c ?? out, co: c ? 0 : s.at, ldc: c ? s.n : ldc,
    };
    post(w, job);
    jobs.push({ w, from, size, job });
  }
  const mine = share(0, cut[1]);
  serial(mine.m, mine.n, k, mine.a, mine.b, out, mine.at, ldc);
  for (const { w, from, size, job } of jobs) {
    const s = share(from, size);
    // A failed worker's share is computed here instead; a share written to a shared buffer is copied out.
    if (!waitFor(w)) serial(s.m, s.n, k, s.a, s.b, out, s.at, ldc);
    else if (job.out !== out) for (let i = 0; i < s.m; i++) out.set(job.out.subarray(i * s.n, (i + 1) * s.n), s.at + i * ldc);
  }
  parallelCalls++;
  return true;
}

/** Blocks until worker w has finished its latest job; false if it reported a failure. */
function waitFor(w: PoolWorker): boolean {
  const job = Atomics.load(w.ctrl, JOB);
  const start = Date.now();
  for (let done = Atomics.load(w.ctrl, DONE); done !== job; done = Atomics.load(w.ctrl, DONE)) {
    if (Date.now() - start > TIMEOUT) {
      poolBroken = true;
      pool = [];
      throw new Error('tessera: a matrix-product worker thread stopped answering; threads are now off');
    }
    Atomics.wait(w.ctrl, DONE, done, 1000);
  }
  return Atomics.load(w.ctrl, STATUS) === OK;
}
