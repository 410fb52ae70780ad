// The callbacks (keras.callbacks).
export { Callback, CallbackList, type Logs, type FitParams } from './callback.ts';
export { History } from './history.ts';
export { EarlyStopping, type EarlyStoppingOptions } from './early-stopping.ts';
export { ProgbarLogger } from './progbar-logger.ts';
export { Progbar, type ProgbarOptions } from './progbar.ts';
export { ModelCheckpoint, type ModelCheckpointOptions } from './model-checkpoint.ts';
export { LearningRateScheduler, type Schedule } from './learning-rate-scheduler.ts';
export { ReduceLROnPlateau, type ReduceLROnPlateauOptions } from './reduce-lr-on-plateau.ts';
export { CSVLogger, type CSVLoggerOptions } from './csv-logger.ts';
export { LambdaCallback, type LambdaCallbackOptions } from './lambda-callback.ts';
export { TerminateOnNaN } from './terminate-on-nan.ts';
