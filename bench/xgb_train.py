#!/usr/bin/python3
"""XGBoost 1.7.4 side of the ranking benchmark: time and peak memory of one training run.

usage: xgb_train.py TRAIN [TEST SCORES]
Loads TRAIN with XGBoost's own libsvm reader (CSR, the leanest way XGBoost holds such a file), group sizes
from TRAIN.query, and trains rank:ndcg with the benchmark parameters (environment: ROUNDS 100, LEAVES 31,
ETA 0.1, MIN_CHILD_WEIGHT 0.1, LAMBDA 1, THREADS 2), timing xgb.train alone. Peak memory is this process's
ru_maxrss after training: interpreter, data and training, as /usr/bin/time reports for the other side.
With TEST and SCORES, also scores TEST (same reader) and writes one score a line to SCORES, for
bench/ndcg_eval.py. Prints one line of key=value pairs.
"""
import os, resource, sys, time

import numpy as np
import xgboost as xgb


def load(path):
    t = time.perf_counter()
    d = xgb.DMatrix(path + "?format=libsvm", silent=True)
    d.set_group(np.loadtxt(path + ".query", dtype=np.int64, ndmin=1))
    return d, time.perf_counter() - t


def benchmark_params():
    """The benchmark's XGBoost parameters, those of ../shared/bench/ltr_compare.py, from the environment."""
    env = os.environ.get
    return dict(objective="rank:ndcg", eta=float(env("ETA", 0.1)), tree_method="hist", max_bin=255,
                grow_policy="lossguide", max_leaves=int(env("LEAVES", 31)), max_depth=0,
                min_child_weight=float(env("MIN_CHILD_WEIGHT", 0.1)), reg_lambda=float(env("LAMBDA", 1)),
                seed=0, nthread=int(env("THREADS", 2)))


def main():
    train = sys.argv[1]
    env = os.environ.get
    dtrain, load_seconds = load(train)
    params = benchmark_params()
    t = time.perf_counter()
    booster = xgb.train(params, dtrain, num_boost_round=int(env("ROUNDS", 100)))
    train_seconds = time.perf_counter() - t
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if len(sys.argv) > 3:
        dtest, _ = load(sys.argv[2])
        # The test file may use fewer feature ids than the training file.
        scores = booster.predict(dtest, validate_features=False)
        with open(sys.argv[3], "w") as f:
            f.writelines(f"{s!r}\n" for s in scores.tolist())
    print(f"xgboost={xgb.__version__} rows={dtrain.num_row()} train_seconds={train_seconds:.3f} "
          f"load_seconds={load_seconds:.3f} peak_rss_mb={peak_mb:.0f} threads={params['nthread']}")


if __name__ == "__main__":
    main()
