// np.libm: scalar functions computed exactly as the C math library (glibc on x86-64) computes them,
// for code that must reproduce NumPy's or scikit-learn's C results bit for bit. JavaScript's Math.log
// is accurate too but rounds differently about once in 25 calls; np.log (an array ufunc) uses Math.log.
// log's algorithm and tables are in random/log.ts (NumPy's random distributions call it first).

/** The natural logarithm of a number, bit for bit as glibc's log.
 *  @example np.libm.log(2) // 0.6931471805599453 */
export { log } from './random/log.ts';
