// The layers, as `layers.Dense`, `layers.Dropout`, ... (keras.layers).
export { Layer, SymbolicTensor, type LayerOptions, type Shape } from './layer.ts';
export { Dense, type DenseOptions } from './dense.ts';
export { Activation } from './activation.ts';
export { Dropout } from './dropout.ts';
export { Flatten } from './flatten.ts';
export { Reshape } from './reshape.ts';
export { Lambda, type LambdaFn, type LambdaOptions } from './lambda.ts';
export { Input, InputLayer, type InputOptions } from './input.ts';
export { Conv2D, type Conv2DOptions } from './conv2d.ts';
export { MaxPooling2D, AveragePooling2D, type Pooling2DOptions } from './pooling2d.ts';
export { GlobalAveragePooling1D, GlobalAveragePooling2D, type GlobalPoolingOptions } from './global-pooling.ts';
export { BatchNormalization, type BatchNormalizationOptions } from './batch-normalization.ts';
export { LSTM, type LSTMOptions } from './lstm.ts';
export { Merge, Add, Subtract, Multiply, Average, Maximum, Minimum, Concatenate } from './merge.ts';
