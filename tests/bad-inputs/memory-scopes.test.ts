// Defect class 4 (issue 12): async tidy scopes keep their own arrays. Two async tidies running at once
// (Promise.all), and ordinary code running while an async tidy awaits, each keep what they made; where
// the runtime has no AsyncLocalStorage the overlap is refused with an error and nothing is disposed.
// A webgpu program that never frees its arrays is warned about once, past a threshold.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../../ndarray/index.ts';
import { asyncScopesTracked, useStackScopes } from '../../ndarray/scope-context.ts';
import { requireWebGPU } from '../webgpu-setup.ts';

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 1));
const alive = (a: np.NDArray): boolean => !a.isDisposed;

// A worked example first: the bug this fixes. B starts while A awaits; with one global stack, A's end
// disposed B's arrays (and B's end left A's behind).
test('Promise.all over two async tidies: each disposes exactly its own temporaries', async () => {
  const before = np.memory().cpu.arrays;
  const made: Record<string, np.NDArray> = {};
  const work = (name: string, wait: number) => np.tidy(async () => {
    const t = np.ones([3]);
    made[name] = t;
    for (let i = 0; i < wait; i++) await tick();
    assert.ok(alive(t), `${name}'s temporary was disposed by the other scope while ${name} still ran`);
    return np.add(t, 1);
  });
  const [a, b] = await Promise.all([work('a', 3), work('b', 1)]);
  assert.ok(!alive(made.a) && !alive(made.b), 'each temporary is disposed when its own scope ends');
  assert.equal(a.toArraySync(), [2, 2, 2]);
  assert.equal(b.toArraySync(), [2, 2, 2]);
  a.dispose();
  b.dispose();
  assert.is(np.memory().cpu.arrays, before);
});

test('the runtime tracks async scopes (Node and Deno have AsyncLocalStorage)', () => {
  assert.ok(asyncScopesTracked());
});

test('code running while an async tidy awaits keeps its arrays', async () => {
  let outside: np.NDArray | null = null;
  const pending = np.tidy(async () => {
    const inner = np.zeros([2]);
    await tick();
    await tick();
    return inner.shape;
  });
  outside = np.arange(4); // runs while the tidy awaits, outside it
  await pending;
  assert.ok(alive(outside), 'an array made outside the tidy was disposed by it');
  outside.dispose();
});

test('nested async tidies: the inner result moves to the outer scope, which then disposes it', async () => {
  const before = np.memory().cpu.arrays;
  let innerResult: np.NDArray | null = null;
  const out = await np.tidy(async () => {
    innerResult = await np.tidy(async () => {
      await tick();
      return np.ones([2]);
    });
    assert.ok(alive(innerResult));
    await tick();
    return np.multiply(innerResult, 3);
  });
  assert.ok(!alive(innerResult!), 'the inner result was not returned by the outer tidy, so it is disposed');
  assert.equal(out.toArraySync(), [3, 3]);
  out.dispose();
  assert.is(np.memory().cpu.arrays, before);
});

test('an async tidy that outlives the tidy it began in hands its result to the nearest open scope', async () => {
  const before = np.memory().cpu.arrays;
  let pending: Promise<np.NDArray> | null = null;
  const outer = await np.tidy(async () => {
    np.tidy(() => {
      pending = np.tidy(async () => {
        await tick();
        return np.full([2], 7);
      });
    });
    const r = await pending!;
    return r;
  });
  assert.equal(outer.toArraySync(), [7, 7]);
  outer.dispose();
  assert.is(np.memory().cpu.arrays, before);
});

test('a rejected async tidy disposes its arrays and rethrows', async () => {
  const before = np.memory().cpu.arrays;
  let error: unknown = null;
  try {
    await np.tidy(async () => {
      np.ones([5]);
      await tick();
      throw new Error('boom');
    });
  } catch (e) {
    error = e;
  }
  assert.match((error as Error).message, 'boom');
  assert.is(np.memory().cpu.arrays, before);
});

test('without AsyncLocalStorage: nested async tidies still work', async () => {
  useStackScopes(true);
  try {
    const before = np.memory().cpu.arrays;
    const r = await np.tidy(async () => {
      const inner = await np.tidy(async () => { await tick(); return np.ones([2]); });
      return np.add(inner, 1);
    });
    assert.equal(r.toArraySync(), [2, 2]);
    r.dispose();
    assert.is(np.memory().cpu.arrays, before);
  } finally {
    useStackScopes(false);
  }
});

test('without AsyncLocalStorage: overlapping async tidies are refused, and nothing is disposed', async () => {
  useStackScopes(true);
  const made: np.NDArray[] = [];
  try {
    const work = (wait: number) => np.tidy(async () => {
      made.push(np.ones([1]));
      for (let i = 0; i < wait; i++) await tick();
      return wait;
    });
    // The first one started ends first: the stack sees the order break. (Had they ended in stack order,
    // nothing would show it: that is why Node and Deno use AsyncLocalStorage.)
    const results = await Promise.allSettled([work(1), work(3)]);
    const rejected = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    assert.is(rejected.length, 1, 'the scope that ended out of order is refused');
    assert.match(String(rejected[0].reason), /two async tidy scopes overlapped.*disposed none of its arrays/s);
    assert.match(String(rejected[0].reason), /Await one tidy before starting the next/);
  } finally {
    useStackScopes(false);
    for (const a of made) if (alive(a)) a.dispose();
  }
});

test('setMemoryWarning refuses unknown keys and bad values', () => {
  assert.throws(() => np.setMemoryWarning({ array: 5 } as never), (e: Error) => e instanceof TypeError && /unexpected keyword argument 'array'/.test(e.message));
  assert.throws(() => np.setMemoryWarning({ bytes: -1 }), (e: Error) => e instanceof TypeError && /`bytes` must be a non-negative number, got -1/.test(e.message));
});

test.run();

if (await requireWebGPU('webgpu growth warning')) {
  const t = (await import('uvu')).suite('webgpu growth warning');
  t.before(async () => { await np.initWebGPU(); });
  t('a loop that never disposes its webgpu arrays warns once, pointing to tidy', () => {
    const previous = np.setMemoryWarning({ arrays: np.memory().webgpu.arrays + 50 });
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (msg: string) => { warnings.push(msg); };
    const made: np.NDArray[] = [];
    try {
      for (let i = 0; i < 120; i++) made.push(np.full([4], i, { device: 'webgpu', dtype: 'float32' }));
    } finally {
      console.warn = warn;
      for (const a of made) a.dispose();
      np.setMemoryWarning(previous);
    }
    assert.is(warnings.length, 1, 'shown once');
    assert.match(warnings[0], /arrays .* are alive on webgpu/);
    assert.match(warnings[0], /np\.tidy/);
  });
  t('a loop inside tidy stays quiet', () => {
    const previous = np.setMemoryWarning({ arrays: np.memory().webgpu.arrays + 50 });
    const warn = console.warn;
    let warned = 0;
    console.warn = () => { warned++; };
    try {
      for (let i = 0; i < 120; i++) np.tidy(() => { np.add(np.full([4], i, { device: "webgpu", dtype: "float32" }), 1); });
    } finally {
      console.warn = warn;
      np.setMemoryWarning(previous);
    }
    assert.is(warned, 0);
  });
  t.run();
}
