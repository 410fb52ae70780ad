// tessera/sklearn: scikit-learn's estimators, metrics, model selection and data sets in TypeScript.
// One flat namespace, like `from sklearn.x import Y`: `import { Ridge, makeMoons } from 'tessera/sklearn'`.
export * from './datasets/index.ts';
