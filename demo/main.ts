import * as np from '../ndarray/index.ts';

const a = np.arange(12).reshape([3, 4]);
console.log(a.toString());
console.log(a.T.toString());
console.log(np.add(a, np.array([1, 2, 3, 4])).sum({ axis: 0 }).toString());
