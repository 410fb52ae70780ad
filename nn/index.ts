// tessera/nn: Keras-style neural networks on tessera's arrays and autodiff.
// `import { Sequential, layers, utils } from 'tessera/nn'`, then the Keras program almost line for
// line: layers with Keras's defaults, compile with names or objects, fit/evaluate/predict returning
// Promises, on the 'cpu' or 'webgpu' device.
export { Model, type CompileOptions, type FitOptions, type ModelOptions } from './models/model.ts';
export { Sequential } from './models/sequential.ts';
export { Input } from './layers/input.ts';
export * as layers from './layers/index.ts';
export * as activations from './activations.ts';
export * as losses from './losses.ts';
export * as metrics from './metrics.ts';
export * as optimizers from './optimizers/index.ts';
export * as callbacks from './callbacks/index.ts';
export * as initializers from './initializers.ts';
export * as regularizers from './regularizers.ts';
export * as constraints from './constraints.ts';
export * as utils from './utils/index.ts';
export * as backend from './backend.ts';
export { Variable } from './variable.ts';
export { MaxNorm } from './constraints.ts';
export { loadModel, modelFromJSON } from './saving.ts';
export { KerasClassifier, KerasRegressor } from './wrappers/index.ts';
export * as wrappers from './wrappers/index.ts';
export { exportOnnx, type OnnxExportOptions } from './onnx/export.ts';
export { saveTfjs, loadTfjs, toTfjsArtifacts, fromTfjsArtifacts, type TfjsArtifacts } from './tfjs/layers-format.ts';
