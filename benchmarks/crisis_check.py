"""Print how the crisis-language rules do: recall, false alarms and speed.

- recall on the positives and false-alarm rate on the hard negatives of our own suite
  (``tests/data/crisis_phrases.yaml``);
- flag rate over every GoEmotions sentence (it has no crisis label, so every flag is either a
  false alarm or real crisis language: up to --show flagged sentences are printed for a human to
  judge), and the time per 1,000 sentences;
- optionally, user-level recall on the Reddit C-SSRS set of Gaur et al. 2019 (CC BY): a user
  labelled ideation, behavior or attempt counts as found when any of their posts matches.

Targets: recall 1.0 on the suite, under 10 % false alarms on the hard negatives, under 1 % of
GoEmotions flagged. Run with ``.venv/bin/python benchmarks/crisis_check.py [--show 30]``.
"""

from __future__ import annotations

import argparse
import ast
import csv
import sys
import time
from collections import Counter
from pathlib import Path

import yaml

from anchored.core.crisis import check, explain

REPO = Path(__file__).resolve().parents[1]
SUITE = REPO / "tests" / "data" / "crisis_phrases.yaml"
SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
GOEMOTIONS = SHARED_DATA / "goemotions"
GAUR = SHARED_DATA / "reddit-cssrs-gaur2019" / "500_Reddit_users_posts_labels.csv"
AT_RISK = {"ideation", "behavior", "attempt"}


def suite_figures() -> None:
    suite = yaml.safe_load(SUITE.read_text(encoding="utf-8"))
    positives, negatives = suite["positives"], suite["negatives"]
    missed = [p for p in positives if p["category"] not in check(p["text"])]
    alarms = [n for n in negatives if check(n)]
    print(f"suite: {len(positives)} positives, {len(negatives)} hard negatives")
    print(f"  recall (labelled category matched): {1 - len(missed) / len(positives):.3f}")
    for item in missed:
        print(f"    MISSED [{item['category']}] {item['text']}")
    print(f"  false alarms on hard negatives: {len(alarms)} = {len(alarms) / len(negatives):.1%}")
    for text in alarms:
        print(f"    {sorted(explain(text).items())}  {text}")


def goemotions_figures(show: int) -> None:
    folder = GOEMOTIONS / "original"
    files = [folder / f"{split}.tsv" for split in ("train", "dev", "test")]
    if not all(f.is_file() for f in files):
        print(f"GoEmotions: not found under {folder} (expected train/dev/test.tsv); skipped")
        return
    sentences = [
        line.split("\t", 1)[0]
        for f in files
        for line in f.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    start = time.perf_counter()
    flags = [check(s) for s in sentences]
    seconds = time.perf_counter() - start
    flagged = [(s, f) for s, f in zip(sentences, flags, strict=True) if f]
    per_category = Counter(c for _, f in flagged for c in f)
    print(f"GoEmotions: {len(sentences)} sentences, {len(flagged)} flagged ", end="")
    print(f"= {len(flagged) / len(sentences):.2%} (target < 1 %)")
    print(f"  by category: {dict(sorted(per_category.items()))}")
    print(f"  time: {seconds / len(sentences) * 1000 * 1000:.1f} ms per 1,000 sentences")
    print(f"  up to {show} flagged sentences, to judge by hand:")
    for text, _ in flagged[:show]:
        print(f"    {sorted(explain(text).items())}  {text}")


def _posts(cell: str) -> list[str]:
    """A user's posts: the cell is a Python list literal, cut short in a few rows."""
    try:
        posts = ast.literal_eval(cell)
    except (ValueError, SyntaxError):
        return [cell]
    return [str(p) for p in posts] if isinstance(posts, list) else [str(posts)]


def gaur_figures() -> None:
    if not GAUR.is_file():
        print(f"Reddit C-SSRS (Gaur et al. 2019): not found at {GAUR}; skipped")
        return
    csv.field_size_limit(sys.maxsize)
    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    with GAUR.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            label = row["Label"].strip().lower()
            posts = _posts(row["Post"])
            total[label] += 1
            found[label] += any(check(post) for post in posts)
    at_risk = sum(total[label] for label in AT_RISK)
    hit = sum(found[label] for label in AT_RISK)
    print("Reddit C-SSRS (Gaur et al. 2019, CC BY), user level, any post flagged:")
    print(f"  recall on ideation/behavior/attempt users: {hit}/{at_risk} = {hit / at_risk:.3f}")
    for label in sorted(total):
        print(f"    {label:<10} {found[label]:>3}/{total[label]:<3} flagged")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=30, help="flagged GoEmotions lines to print")
    parser.add_argument("--no-gaur", action="store_true", help="skip the Reddit C-SSRS check")
    args = parser.parse_args()
    suite_figures()
    goemotions_figures(args.show)
    if not args.no_gaur:
        gaur_figures()


if __name__ == "__main__":
    main()
