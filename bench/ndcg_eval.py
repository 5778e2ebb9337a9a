#!/usr/bin/python3
"""NDCG@1,3,5,10 of score files on one libsvm test file, with the shared peer script's evaluator.

usage: ndcg_eval.py SHARED_BENCH_DIR TEST NAME=SCORES [NAME=SCORES ...]
Imports load() and ndcg() from SHARED_BENCH_DIR/ltr_compare.py, so every model in the benchmark is judged by the
same code (gain 2^l-1, ties broken pessimistically, a query with ideal DCG 0 counts 1). Prints one line a model:
NAME {'ndcg@1': ..., ...}. With two models or more, also one line comparing the first with the second, query by
query: "paired FIRST-SECOND ndcg@K=difference [low,high] ..." where [low,high] is the 95 % interval of the mean
difference over 2,000 bootstrap resamples of the test queries (seed 0). An interval that contains 0 says the test
set cannot tell the two models apart at that cut.
"""
import sys

KS = (1, 3, 5, 10)


def per_query(ndcg, y, scores, groups):
    """NDCG@k of every query alone, through the shared evaluator: {k: [value per query]}."""
    out, b = {k: [] for k in KS}, 0
    for n in groups:
        values = ndcg(y[b:b + n], scores[b:b + n], [n], KS)
        for k in KS:
            out[k].append(values[f"ndcg@{k}"])
        b += n
    return out


def paired(first, second, resamples=2000):
    import numpy as np
    rng = np.random.default_rng(0)
    parts = []
    for k in KS:
        d = np.array(first[k]) - np.array(second[k])
        means = np.concatenate([d[rng.integers(0, len(d), (100, len(d)))].mean(axis=1) for _ in range(resamples // 100)])
        low, high = np.percentile(means, [2.5, 97.5])
        parts.append(f"ndcg@{k}={d.mean():+.4f} [{low:+.4f},{high:+.4f}]")
    return " ".join(parts)


def main():
    sys.path.insert(0, sys.argv[1])
    from ltr_compare import load, ndcg
    y, _, groups = load(sys.argv[2])
    models = []
    for arg in sys.argv[3:]:
        name, path = arg.split("=", 1)
        with open(path) as f:
            scores = [float(x) for x in f if x.strip()]
        assert len(scores) == len(y), f"{path} has {len(scores)} scores, {sys.argv[2]} has {len(y)} rows"
        print(name, ndcg(y, scores, groups))
        models.append((name, scores))
    if len(models) >= 2:
        (a, sa), (b, sb) = models[:2]
        print(f"paired {a}-{b}", paired(per_query(ndcg, y, sa, groups), per_query(ndcg, y, sb, groups)))


if __name__ == "__main__":
    main()
