// keras.utils and the parts of keras.backend a tutorial uses.
export { toCategorical } from './to-categorical.ts';
export { checkGradients, type GradientCheck } from './check-gradients.ts';
export { plotHistory } from './plot-history.ts';
export { pyFormat } from './format.ts';
export { setRandomSeed, clearSession, floatx, setFloatx, epsilon, setEpsilon } from '../backend.ts';
