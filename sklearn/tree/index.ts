// sklearn.tree: CART decision trees for classification and regression, and the fitted `tree_` structure.
export { DecisionTreeClassifier, type DecisionTreeClassifierParams } from './decision-tree-classifier.ts';
export { DecisionTreeRegressor, type DecisionTreeRegressorParams } from './decision-tree-regressor.ts';
export { Tree, type TreeNodes, TREE_LEAF, TREE_UNDEFINED } from './tree.ts';
