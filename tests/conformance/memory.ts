// Memory ownership: 10,000 operations inside `tidy` leave `np.memory()` exactly as it started
// (every intermediate disposed, on every device), and the result survives its scope.
import type { Test } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../../ndarray/index.ts';
import type { Conformance } from './config.ts';

export function defineMemory(test: Test, c: Conformance): void {
  test('10,000 ops inside tidy leave np.memory() as it started', async () => {
    const x = np.ones([16], { dtype: 'float32', device: c.device });
    const before = np.memory();
    const y = np.tidy(() => {
      let acc = x;
      for (let i = 0; i < 2000; i++) {
        acc = np.add(acc, 1); //                                   1 op
        const t = acc.reshape([4, 4]).T; //                        2 views
        np.sum(np.multiply(t, 0.5), { axis: 0 }); //               2 ops
      }
      return acc;
    });
    const during = np.memory();
    assert.is(during[c.device].arrays, before[c.device].arrays + 1, 'only the result survives');
    assert.equal(await y.toArray(), new Array(16).fill(2001));
    y.dispose();
    assert.equal(np.memory(), before);
    x.dispose();
  });

  test('dispose is idempotent and `using` frees at the end of the block', async () => {
    const before = np.memory();
    {
      using a = np.zeros([3], { dtype: 'float32', device: c.device });
      a.dispose();
      a.dispose();
    }
    assert.equal(np.memory(), before);
  });
}
