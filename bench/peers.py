#!/usr/bin/env python3
"""Time the TOPSIS compute alone of two Python MCDA libraries on the problem
pick-stack solved, so that pick-stack's whole-process time can be put beside
each peer's compute as a ratio.

    python3 bench/peers.py CRITERIA_JSON PICK_STACK_JSON [--runs N]

CRITERIA_JSON is a criteria file with short-form ratings (what
`generate-criteria CRITERIA ALTERNATIVES json` writes); PICK_STACK_JSON is
the output of `pick-stack --criteria CRITERIA_JSON advise --answers FILE
--format json --method topsis` for it. The scores and kinds come from the
criteria file, the weights from pick-stack's output (its `share` per
criterion: the answers' weights, normalised to sum 1), and the script stops
if pick-stack reports other scores or kinds than the file holds.

Peers, each timed after one warm-up run, N runs (default 7), reporting the
median and the minimum in milliseconds:

- scikit-criteria: `skcriteria.mkdm(...)` plus the evaluate of a pipeline of
  VectorScaler(target="matrix") and TOPSIS;
- pymcdm: `pymcdm.methods.TOPSIS(vector_normalization)(matrix, weights,
  types)`, with the library's input validation on, as by default.

Reading the files and building the arrays is not timed. A peer that is not
installed is reported as SKIPPED and `skipped` stands for its time in the
last line, `PEERS skcriteria_ms=<median> pymcdm_ms=<median>`. Exits 0 unless
the arguments are wrong or the files cannot be read or do not describe the
same problem.
"""

import argparse
import importlib.metadata
import importlib.util
import json
import statistics
import sys
import time
import warnings
from dataclasses import dataclass


@dataclass
class Problem:
    alternatives: list[str]  # ids, rows of the matrix
    criteria: list[str]  # ids, columns of the matrix
    matrix: list[list[float]]  # alternatives x criteria
    weights: list[float]  # pick-stack's shares, summing to 1
    types: list[int]  # 1 benefit, -1 cost (both libraries read this encoding)
    winners: set[str]  # pick-stack's TOPSIS winner, or the tied alternatives
    closeness: list[float]  # pick-stack's TOPSIS total per alternative


def load_problem(criteria_path, advice_path):
    """The decision matrix from the criteria file and pick-stack's weights,
    checked to be the problem pick-stack scored."""
    with open(criteria_path, encoding="utf-8") as file:
        criteria_file = json.load(file)
    with open(advice_path, encoding="utf-8") as file:
        advice = json.load(file)
    if advice.get("document") != "advice" or advice.get("method") != "topsis":
        sys.exit(f"{advice_path}: not pick-stack's advice with --method topsis")

    # pick-stack takes TOPSIS's norms and ideal points from the alternatives
    # not ruled out and never ranks the others, so leaving them out of the
    # matrix gives the peers the same problem.
    alternatives = [alt["id"] for alt in advice["alternatives"] if alt["eligible"]]
    if not alternatives:
        sys.exit(f"{advice_path}: every alternative is ruled out, there is nothing to rank")
    advised = {criterion["id"]: criterion for criterion in advice["criteria"]}
    if [criterion["id"] for criterion in criteria_file["criteria"]] != list(advised):
        sys.exit("the two files list different criteria: "
                 "was pick-stack run on this criteria file?")

    columns, weights, types = [], [], []
    for criterion in criteria_file["criteria"]:
        name = criterion["id"]
        reported = advised[name]
        kind = criterion.get("kind", "benefit")
        if kind != reported["kind"]:
            sys.exit(f"criterion {name}: kind {kind} in the file, {reported['kind']} in pick-stack's")
        column = [criterion["ratings"][alternative] for alternative in alternatives]
        if not all(isinstance(score, (int, float)) for score in column):
            sys.exit(f"criterion {name}: only short-form ratings (a score alone) are read")
        # The scores pick-stack used can differ from the file's (an answer's
        # set_scores, a rating's current score): then it solved another problem.
        if column != [reported["scores"][alternative] for alternative in alternatives]:
            sys.exit(f"criterion {name}: pick-stack scored other values than the file holds")
        columns.append([float(score) for score in column])
        # Kept even at weight 0: pick-stack computes those rows too, so the
        # peers do the same amount of work.
        weights.append(reported["share"])
        types.append(1 if kind == "benefit" else -1)

    verdict = advice["verdict"]
    winners = {verdict["winner"]} if verdict["kind"] == "winner" else set(verdict["tied"])
    totals = {alt["id"]: alt["total"] for alt in advice["alternatives"]}
    return Problem(
        alternatives=alternatives,
        criteria=list(advised),
        matrix=[list(row) for row in zip(*columns)],
        weights=weights,
        types=types,
        winners=winners,
        closeness=[totals[alternative] for alternative in alternatives],
    )


def measure(compute, runs):
    """Milliseconds of each of `runs` calls after one warm-up call (first
    calls pay for lazy imports and cold caches), and the last call's result."""
    compute()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = compute()
        times.append((time.perf_counter() - start) * 1e3)
    return times, result


def skcriteria_topsis(problem):
    """A callable running scikit-criteria's TOPSIS on the problem, returning
    each alternative's closeness."""
    import numpy as np
    import skcriteria
    from skcriteria.agg.topsis import TOPSIS
    from skcriteria.pipelines import mkpipe
    from skcriteria.preprocessing.scalers import VectorScaler

    # TOPSIS's own normalisation, each criterion divided by its Euclidean norm.
    # The weights are pick-stack's shares, already summing to 1, so no weight
    # scaler; cost criteria stay as they are, since scikit-criteria's TOPSIS
    # takes the lowest value as their ideal, as pick-stack does (an
    # InvertMinimize step would change the problem).
    pipeline = mkpipe(VectorScaler(target="matrix"), TOPSIS())
    matrix = np.array(problem.matrix)
    weights = np.array(problem.weights)

    def compute():
        dm = skcriteria.mkdm(
            matrix,
            problem.types,
            weights=weights,
            alternatives=problem.alternatives,
            criteria=problem.criteria,
        )
        return pipeline.evaluate(dm).e_.similarity

    return compute


def pymcdm_topsis(problem):
    """A callable running pymcdm's TOPSIS on the problem, returning each
    alternative's preference (closeness)."""
    import numpy as np
    from pymcdm.methods import TOPSIS
    from pymcdm.normalizations import vector_normalization

    # pymcdm's TOPSIS normalises min-max unless told otherwise. Its vector
    # normalisation maps a cost score x to 1 - x/norm and then takes the
    # highest value as ideal; that mirror image leaves every distance to the
    # ideal and anti-ideal points what pick-stack gets from x/norm with the
    # lowest value as ideal, so the closeness is the same.
    topsis = TOPSIS(vector_normalization)
    matrix = np.array(problem.matrix)
    weights = np.array(problem.weights)
    types = np.array(problem.types)
    return lambda: topsis(matrix, weights, types)


# (distribution, as pip and the reports name it; module; key in the PEERS line; runner)
PEERS = [
    ("scikit-criteria", "skcriteria", "skcriteria_ms", skcriteria_topsis),
    ("pymcdm", "pymcdm", "pymcdm_ms", pymcdm_topsis),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("criteria", help="criteria file (JSON, short-form ratings)")
    parser.add_argument(
        "advice", help="pick-stack's advise --format json --method topsis output for it"
    )
    parser.add_argument("--runs", type=int, default=7, help="timed runs per peer (default 7)")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    problem = load_problem(args.criteria, args.advice)
    zero = sum(1 for weight in problem.weights if weight == 0)
    cost = sum(1 for kind in problem.types if kind == -1)
    print(
        f"problem: {len(problem.alternatives)} alternatives x {len(problem.criteria)} criteria "
        f"({cost} cost, {zero} of weight 0 kept); pick-stack's TOPSIS winner: "
        f"{', '.join(sorted(problem.winners))}"
    )

    # Expected on this problem, and noise among the timings if printed:
    # pymcdm asks for weights above 0 (criteria of weight 0 are kept on
    # purpose), scikit-criteria advises against cost criteria in TOPSIS
    # (it handles them as pick-stack does, see skcriteria_topsis).
    warnings.filterwarnings("ignore", message="Weights should be positive")
    warnings.filterwarnings("ignore", message="Although TOPSIS can operate with minimization")

    medians = {}
    for distribution, module, key, runner in PEERS:
        if importlib.util.find_spec(module) is None:
            print(f"SKIPPED {distribution}: not installed (pip install {distribution})")
            medians[key] = "skipped"
            continue
        times, closeness = measure(runner(problem), args.runs)
        median = statistics.median(times)
        medians[key] = f"{median:.1f}"
        print(
            f"{distribution} topsis compute: median {median:.1f} ms "
            f"(min {min(times):.1f}) over {args.runs} runs"
        )

        top = problem.alternatives[max(range(len(closeness)), key=lambda index: closeness[index])]
        agreement = "agree" if top in problem.winners else "disagree"
        difference = max(
            abs(float(peer) - ours) for peer, ours in zip(closeness, problem.closeness)
        )
        print(
            f"{distribution} {importlib.metadata.version(distribution)}: top alternative "
            f"{top}, {agreement} with pick-stack; closeness max abs difference {difference:.2e}"
        )

    print("PEERS " + " ".join(f"{key}={value}" for key, value in medians.items()))


if __name__ == "__main__":
    main()
