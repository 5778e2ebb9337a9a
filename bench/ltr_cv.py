#!/usr/bin/python3
"""Cross-validated NDCG on ../shared/data/ltr: every one of its 251 queries judged, not rank.test's 50 alone.

usage:
  ltr_cv.py split DIR TRAIN TEST     pools TRAIN's and TEST's queries, writes FOLDS folds REPEATS times over
                                     (environment: FOLDS 5, REPEATS 5) as DIR/rR.fF.train(.query) and .test(.query),
                                     and prints the fold prefixes, one a line
  ltr_cv.py eval SHARED_BENCH DIR NAME [NAME ...]
                                     trains XGBoost once on each fold as ../shared/bench/ltr_compare.py does (dense
                                     matrix, absent features 0.0, the benchmark parameters from the environment), reads
                                     each candidate's scores from DIR/rR.fF.NAME.scores, and prints NDCG@1/3/5/10 of
                                     every model and, a line each, the paired difference NAME - xgboost with its 95 %
                                     bootstrap interval

Each repeat assigns the pooled queries to folds by a seeded shuffle (seed = repeat number); a model trained on the
other folds scores each fold. A query's NDCG is averaged over the repeats before the bootstrap, so the interval is
over 251 queries, not 251 × REPEATS. Evaluation is ltr_compare's (gain 2^l-1, ties pessimistic, ideal DCG 0 counts 1).
"""
import os, random, sys

KS = (1, 3, 5, 10)


def read_queries(path):
    """The file's queries as lists of raw lines, in order."""
    with open(path) as f:
        lines = [line for line in f if line.strip()]
    with open(path + ".query") as f:
        sizes = [int(x) for x in f if x.strip()]
    assert sum(sizes) == len(lines), f"{path}.query sums to {sum(sizes)}, the file has {len(lines)} rows"
    queries, b = [], 0
    for n in sizes:
        queries.append(lines[b:b + n])
        b += n
    return queries


def folds(count):
    """[(repeat, fold, query ids held out)], FOLDS × REPEATS of them."""
    k, repeats = int(os.environ.get("FOLDS", 5)), int(os.environ.get("REPEATS", 5))
    out = []
    for r in range(repeats):
        ids = list(range(count))
        random.Random(r).shuffle(ids)
        out += [(r, f, sorted(ids[f::k])) for f in range(k)]
    return out


def write(path, queries):
    with open(path, "w") as f:
        for q in queries:
            f.writelines(q)
    with open(path + ".query", "w") as f:
        f.writelines(f"{len(q)}\n" for q in queries)


def split(directory, train, test):
    pooled = read_queries(train) + read_queries(test)
    os.makedirs(directory, exist_ok=True)
    for r, f, held in folds(len(pooled)):
        prefix = os.path.join(directory, f"r{r}.f{f}")
        held_set = set(held)
        write(prefix + ".train", [q for i, q in enumerate(pooled) if i not in held_set])
        write(prefix + ".test", [pooled[i] for i in held])
        with open(prefix + ".ids", "w") as out:
            out.writelines(f"{i}\n" for i in held)
        print(prefix)


def evaluate(shared_bench, directory, *candidates):
    sys.path.insert(0, shared_bench)
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import numpy as np
    import xgboost as xgb
    from ltr_compare import load, ndcg
    from ndcg_eval import per_query, paired
    from xgb_train import benchmark_params, dense_matrix

    params = benchmark_params()
    models = (*candidates, "xgboost")
    sums = {name: {} for name in models}
    count = {}
    prefixes = sorted({p[:-len(".ids")] for p in os.listdir(directory) if p.endswith(".ids")})
    for name in prefixes:
        prefix = os.path.join(directory, name)
        ytr, rtr, gtr = load(prefix + ".train")
        yte, rte, gte = load(prefix + ".test")
        width = 1 + max(k for r in rtr + rte for k, _ in r)
        dtr = xgb.DMatrix(dense_matrix(rtr, width), label=ytr, missing=np.nan)
        dtr.set_group(gtr)
        booster = xgb.train(params, dtr, num_boost_round=int(os.environ.get("ROUNDS", 100)))
        scores = {"xgboost": booster.predict(xgb.DMatrix(dense_matrix(rte, width), missing=np.nan)).tolist()}
        for candidate in candidates:
            with open(f"{prefix}.{candidate}.scores") as f:
                scores[candidate] = [float(x) for x in f if x.strip()]
            assert len(scores[candidate]) == len(yte), f"{prefix}.{candidate}.scores does not match {prefix}.test"
        with open(prefix + ".ids") as f:
            ids = [int(x) for x in f if x.strip()]
        for model, s in scores.items():
            values = per_query(ndcg, yte, s, gte)
            for j, query in enumerate(ids):
                totals = sums[model].setdefault(query, dict.fromkeys(KS, 0.0))
                for k in KS:
                    totals[k] += values[k][j]
        for query in ids:
            count[query] = count.get(query, 0) + 1
    queries = sorted(count)
    means = {model: {k: [sums[model][q][k] / count[q] for q in queries] for k in KS} for model in sums}
    for model in models:
        print(model, {f"ndcg@{k}": round(float(np.mean(means[model][k])), 4) for k in KS})
    for candidate in candidates:
        print(f"paired {candidate}-xgboost queries={len(queries)} folds={len(prefixes)}",
              paired(means[candidate], means["xgboost"]))


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "split":
        split(*sys.argv[2:])
    elif len(sys.argv) >= 5 and sys.argv[1] == "eval":
        evaluate(*sys.argv[2:])
    else:
        sys.exit(__doc__)
