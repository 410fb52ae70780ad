// One check for every options object in nn: an option name tessera does not know is an error
// (Python's "unexpected keyword argument"), never silently ignored. It is tessera/ndarray's own
// check, so a misspelt option reads the same in np.sum, a Dense layer and fit.
export { checkOptions } from '../ndarray/index.ts';
