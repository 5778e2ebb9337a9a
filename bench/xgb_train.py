#!/usr/bin/python3
"""XGBoost 1.7.4 side of the ranking benchmark: time and peak memory of one training run.

usage: xgb_train.py [--dense SHARED_BENCH] [--warm] TRAIN [TEST SCORES]
Loads TRAIN with XGBoost's own libsvm reader (CSR, the leanest way XGBoost holds such a file), group sizes
from TRAIN.query, and trains rank:ndcg with the benchmark parameters (environment: ROUNDS 100, LEAVES 31,
ETA 0.1, MIN_CHILD_WEIGHT 0.1, LAMBDA 1, THREADS 2), timing xgb.train alone. Peak memory is this process's
ru_maxrss after training: interpreter, data and training, as /usr/bin/time reports for the other side.
With TEST and SCORES, also scores TEST (same reader) and writes one score a line to SCORES, for
bench/ndcg_eval.py. Prints one line of key=value pairs.
--dense: the data as SHARED_BENCH/ltr_compare.py holds it instead (a dense matrix, absent features 0.0, TRAIN
alone), so the model is ltr_compare's. --warm: trains a second time in the same process and prints that
training's seconds too (warm_train_seconds), as the other side's second Fit.
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


def dense_matrix(rows, width):
    """Rows of (feature, value) pairs as ltr_compare.py holds them: a dense float32 matrix, absent features 0.0."""
    x = np.zeros((len(rows), width), np.float32)
    for i, r in enumerate(rows):
        for k, v in r:
            x[i, k] = v
    return x


def load_dense(shared_bench, path):
    """TRAIN as ltr_compare.py holds it (its own reader, then dense_matrix)."""
    sys.path.insert(0, shared_bench)
    from ltr_compare import load as load_rows
    t = time.perf_counter()
    y, rows, groups = load_rows(path)
    d = xgb.DMatrix(dense_matrix(rows, 1 + max(k for r in rows for k, _ in r)), label=y, missing=np.nan)
    d.set_group(groups)
    return d, time.perf_counter() - t


def main():
    args = sys.argv[1:]
    shared_bench = None
    if "--dense" in args:
        at = args.index("--dense")
        shared_bench = args[at + 1]
        del args[at:at + 2]
    warm = "--warm" in args
    args = [a for a in args if a != "--warm"]
    train = args[0]
    env = os.environ.get
    dtrain, load_seconds = load_dense(shared_bench, train) if shared_bench else load(train)
    params = benchmark_params()
    rounds = int(env("ROUNDS", 100))
    t = time.perf_counter()
    booster = xgb.train(params, dtrain, num_boost_round=rounds)
    train_seconds = time.perf_counter() - t
    warm_seconds = ""
    if warm:
        t = time.perf_counter()
        xgb.train(params, dtrain, num_boost_round=rounds)
        warm_seconds = f"warm_train_seconds={time.perf_counter() - t:.3f} "
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if len(args) > 2:
        if shared_bench:
            raise SystemExit("xgb_train.py: --dense trains only; score with ltr_compare.py")
        dtest, _ = load(args[1])
        # The test file may use fewer feature ids than the training file.
        scores = booster.predict(dtest, validate_features=False)
        with open(args[2], "w") as f:
            f.writelines(f"{s!r}\n" for s in scores.tolist())
    print(f"xgboost={xgb.__version__} rows={dtrain.num_row()} train_seconds={train_seconds:.3f} "
          f"{warm_seconds}load_seconds={load_seconds:.3f} peak_rss_mb={peak_mb:.0f} threads={params['nthread']}")


if __name__ == "__main__":
    main()
