"""Oracle for tests/sklearn_metrics.test.ts: scikit-learn 1.2.1's metrics on a few label/target sets.

Run with Debian's scikit-learn: `/usr/bin/python3 -P tests/oracle/sklearn_metrics.py`. Writes
tests/fixtures/sklearn_metrics.json with the inputs and accuracy, confusion matrix, precision, recall
and F1 (binary, micro, macro, weighted, per class), the classification report, MSE, MAE and R².
"""
import json
import os

import numpy as np
import sklearn
from sklearn import metrics

rng = np.random.RandomState(7)
cases = []
for name, n, k in [('binary', 40, 2), ('three', 60, 3), ('five', 80, 5)]:
    t = rng.randint(0, k, n)
    p = np.where(rng.rand(n) < 0.7, t, rng.randint(0, k, n))
    case = {'name': name, 'yTrue': t.tolist(), 'yPred': p.tolist(),
            'accuracy': metrics.accuracy_score(t, p),
            'accuracyCount': int(metrics.accuracy_score(t, p, normalize=False)),
            'confusion': metrics.confusion_matrix(t, p).tolist(),
            'report': metrics.classification_report(t, p, digits=2),
            'report4': metrics.classification_report(t, p, digits=4)}
    for avg in (['binary'] if k == 2 else []) + ['micro', 'macro', 'weighted', None]:
        key = 'none' if avg is None else avg
        for fn in ('precision', 'recall', 'f1'):
            v = getattr(metrics, fn + '_score')(t, p, average=avg, zero_division=0)
            case[f'{fn}_{key}'] = v.tolist() if isinstance(v, np.ndarray) else float(v)
    cases.append(case)

regression = []
for n in (5, 50):
    t = rng.randn(n)
    p = t + 0.3 * rng.randn(n)
    regression.append({'yTrue': t.tolist(), 'yPred': p.tolist(),
                       'mse': metrics.mean_squared_error(t, p), 'mae': metrics.mean_absolute_error(t, p),
                       'r2': metrics.r2_score(t, p)})
regression.append({'yTrue': [1.0, 1.0, 1.0], 'yPred': [1.0, 1.0, 1.0], 'mse': 0.0, 'mae': 0.0,
                   'r2': metrics.r2_score([1.0, 1.0, 1.0], [1.0, 1.0, 1.0])})
regression.append({'yTrue': [1.0, 1.0, 1.0], 'yPred': [1.0, 2.0, 1.0], 'mse': 1 / 3, 'mae': 1 / 3,
                   'r2': metrics.r2_score([1.0, 1.0, 1.0], [1.0, 2.0, 1.0])})

out = {'versions': {'sklearn': sklearn.__version__, 'numpy': np.__version__},
       'classification': cases, 'regression': regression}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'fixtures', 'sklearn_metrics.json')
with open(path, 'w') as f:
    json.dump(out, f, indent=1)
    f.write('\n')
