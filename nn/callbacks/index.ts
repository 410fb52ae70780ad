// The callbacks (keras.callbacks).
export { Callback, CallbackList, type Logs, type FitParams } from './callback.ts';
export { History } from './history.ts';
export { EarlyStopping, type EarlyStoppingOptions } from './early-stopping.ts';
export { ProgbarLogger } from './progbar-logger.ts';
export { Progbar, type ProgbarOptions } from './progbar.ts';
