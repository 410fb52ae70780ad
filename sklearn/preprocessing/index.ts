// sklearn.preprocessing: scalers, polynomial features and categorical encoders.
export { StandardScaler, type StandardScalerParams } from './standard-scaler.ts';
export { MinMaxScaler, type MinMaxScalerParams } from './min-max-scaler.ts';
export { MaxAbsScaler, type MaxAbsScalerParams } from './max-abs-scaler.ts';
export { PolynomialFeatures, type PolynomialFeaturesParams } from './polynomial-features.ts';
export { OneHotEncoder, type OneHotEncoderParams } from './one-hot-encoder.ts';
export { LabelEncoder } from './label-encoder.ts';
