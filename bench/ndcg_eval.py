#!/usr/bin/python3
"""NDCG@1,3,5,10 of score files on one libsvm test file, with the shared peer script's evaluator.

usage: ndcg_eval.py SHARED_BENCH_DIR TEST NAME=SCORES [NAME=SCORES ...]
Imports load() and ndcg() from SHARED_BENCH_DIR/ltr_compare.py, so every model in the benchmark is judged by the
same code (gain 2^l-1, ties broken pessimistically, a query with ideal DCG 0 counts 1). Prints one line a model:
NAME {'ndcg@1': ..., ...}.
"""
import sys


def main():
    sys.path.insert(0, sys.argv[1])
    from ltr_compare import load, ndcg
    y, _, groups = load(sys.argv[2])
    for arg in sys.argv[3:]:
        name, path = arg.split("=", 1)
        with open(path) as f:
            scores = [float(x) for x in f if x.strip()]
        assert len(scores) == len(y), f"{path} has {len(scores)} scores, {sys.argv[2]} has {len(y)} rows"
        print(name, ndcg(y, scores, groups))


if __name__ == "__main__":
    main()
