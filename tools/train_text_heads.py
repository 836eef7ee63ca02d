"""Fit the small heads that ship in ``src/anchored/text/data/*.npz`` (build time only).

Reproducible: fixed seeds, fixed data files (``shared/data``, see its PROVENANCE.md), the pinned
encoder. Needs the ``train`` extra (scikit-learn); the app never imports this script.

    PYTHONPATH=src python tools/train_text_heads.py [--data ../shared/data] [--cache DIR]

What it writes (no training text is shipped, only numbers):
- ``trap_*``: one-vs-rest logistic regression per thinking trap (the app's 12 slugs) on the
  sentence embedding plus a few cue-word counts (``anchored.text.cues``), fitted on the
  Sharma et al. 2023 thinking-trap thoughts under the BSD-3 grant of commit 4666ad9, and on the
  team's own trap examples (``data/trap_examples.yaml``);
- ``emo_*``: a multinomial logistic regression over the 28 GoEmotions labels (Apache-2.0), and
  per-Ekman-group thresholds tuned on the dev split;
- ``crisis_*`` (``--only crisis``), ``proto_*`` (``--only exemplars``): embeddings of the
  team-written crisis exemplars and emotion prototypes, so the app does not embed them at every
  start (recomputed if the YAML changes). ``--only crisis`` also prints how a learned crisis head
  would do (tried, not shipped: see docs/model-card.md);
- ``data/themes.npz`` (``--only themes``): embeddings of the team-written theme prototypes and
  the one threshold and cue bonus of ``anchored.text.abandonment``, fitted on the tuning part of
  ``tests/data/themes_labelled.yaml`` (never its held-out part).

Only the npz files of the parts asked for are written, so each part can be retrained alone.

Figures (cross-validated traps, GoEmotions test) are printed and belong in docs/model-card.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

from anchored.text import cues, heads
from anchored.text import words as word_features
from anchored.text.encoder import Encoder, model_path

REPO = Path(__file__).resolve().parents[1]
SEED = 20240521
QUANTILE = 0.999  # of GoEmotions dev comments the crisis head leaves below its threshold

# Sharma et al. label strings (folded) -> the app's trap slugs; others are not app traps.
SHARMA_TO_SLUG = {
    "all-or-nothing thinking": "all-or-nothing",
    "overgeneralization": "overgeneralizing",
    "overgeneralizing": "overgeneralizing",
    "disqualifying the positive": "mental-filter",
    "mind reading": "mind-reading",
    "fortune telling": "fortune-telling",
    "catastrophizing": "catastrophizing",
    "magnification": "catastrophizing",
    "emotional reasoning": "emotional-reasoning",
    "should statements": "should-statements",
    "labeling": "labeling",
    "labeling and mislabeling": "labeling",
    "personalization": "personalizing",
    "personalizing": "personalizing",
    "blaming": "blaming",
    "comparing": "comparing",
    "comparing and despairing": "comparing",
}


def embed_cached(encoder: Encoder, texts: list[str], cache: Path, name: str) -> np.ndarray:
    key = hashlib.sha256("\n".join(texts).encode()).hexdigest()[:16]
    path = cache / f"{name}-{key}.npy"
    if path.is_file():
        return np.load(path)
    start = time.perf_counter()
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    vectors = np.zeros((len(texts), 384), dtype=np.float32)
    for i in range(0, len(order), 64):
        chunk = order[i : i + 64]
        vectors[chunk] = encoder.embed([texts[j] for j in chunk], batch=64)
    cache.mkdir(parents=True, exist_ok=True)
    np.save(path, vectors)
    seconds = time.perf_counter() - start
    print(f"  embedded {name}: {len(texts)} texts in {seconds:.0f} s", flush=True)
    return vectors


# --- thinking traps ----------------------------------------------------------------------------


def sharma_thoughts(data: Path) -> tuple[list[str], list[set[str]], list[str]]:
    """Unique thoughts, their app-trap labels and their situation (for grouped folds)."""
    labels: dict[str, set[str]] = {}
    for line in (data / "cognitive-reframing" / "thinking_traps.jsonl").read_text().splitlines():
        row = json.loads(line)
        prompt = row["prompt"].removesuffix("->").strip()
        label = row["completion"].strip().lower()
        labels.setdefault(prompt, set())
        if label in SHARMA_TO_SLUG:
            labels[prompt].add(SHARMA_TO_SLUG[label])
    texts = [t for t, ls in labels.items() if ls]
    situations = [t.split(". ")[0] if ". " in t else t for t in texts]
    return texts, [labels[t] for t in texts], situations


def thought_part(prompt: str) -> str:
    """The thought without its situation ("I'm late for the meeting. <thought>")."""
    return prompt.split(". ", 1)[1] if ". " in prompt else prompt


def trap_features(vectors: np.ndarray, texts: list[str]) -> np.ndarray:
    return np.hstack([vectors, np.array([cues.counts(t) for t in texts], dtype=np.float32)])


def held_out(situation: str) -> bool:
    """One situation in five (fixed by a hash) is held out of training for benchmarks/text.py."""
    return hashlib.sha256(situation.encode()).digest()[0] % 5 == 0


def fit_traps(
    x: np.ndarray, y: np.ndarray, c: float, balanced: bool = True
) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]

    weights, biases = [], []
    for j in range(y.shape[1]):
        weight = "balanced" if balanced else None
        model = LogisticRegression(C=c, max_iter=3000, class_weight=weight)
        model.fit(x, y[:, j])
        weights.append(model.coef_[0])
        biases.append(model.intercept_[0])
    return np.array(weights, dtype=np.float32), np.array(biases, dtype=np.float32)


def fit_traps_multinomial(x: np.ndarray, y: np.ndarray, c: float) -> tuple[np.ndarray, np.ndarray]:
    """One softmax over the traps; a thought with several traps is one row per trap."""
    from sklearn.linear_model import LogisticRegression

    rows = [(i, j) for i in range(len(y)) for j in np.flatnonzero(y[i])]
    model = LogisticRegression(C=c, max_iter=3000)
    model.fit(x[[i for i, _ in rows]], [j for _, j in rows])
    weights = np.zeros((y.shape[1], x.shape[1]), dtype=np.float32)
    biases = np.full(y.shape[1], -20.0, dtype=np.float32)
    weights[model.classes_], biases[model.classes_] = model.coef_, model.intercept_
    return weights, biases


def ensemble_scores(x: np.ndarray, ovr: tuple, multi: tuple) -> np.ndarray:  # type: ignore[type-arg]
    """What the app computes (anchored.text.suggest.trap_scores): the one-vs-rest
    probabilities, normalised, averaged with the softmax."""
    p = 1 / (1 + np.exp(-(x @ ovr[0].T + ovr[1])))
    z = x @ multi[0].T + multi[1]
    q = np.exp(z - z.max(axis=1, keepdims=True))
    result: np.ndarray = (p / p.sum(axis=1, keepdims=True) + q / q.sum(axis=1, keepdims=True)) / 2
    return result


def top3(scores: np.ndarray, gold: list[set[str]], slugs: list[str]) -> tuple[float, float]:
    order = np.argsort(-scores, axis=1)
    hit1 = np.mean([slugs[o[0]] in g for o, g in zip(order, gold, strict=True)])
    hit3 = np.mean([bool({slugs[i] for i in o[:3]} & g) for o, g in zip(order, gold, strict=True)])
    return float(hit1), float(hit3)


def traps(encoder: Encoder, data: Path, cache: Path, out: dict[str, np.ndarray]) -> None:
    from sklearn.model_selection import GroupKFold  # type: ignore[import-untyped]

    slugs = list(heads.TRAP_SLUGS)
    texts, gold, situations = sharma_thoughts(data)
    kept = [not held_out(s) for s in situations]
    print(f"traps: {len(texts) - sum(kept)} Sharma thoughts held out for benchmarks/text.py")
    texts = [t for t, k in zip(texts, kept, strict=True) if k]
    gold = [g for g, k in zip(gold, kept, strict=True) if k]
    situations = [s for s, k in zip(situations, kept, strict=True) if k]
    thoughts = [thought_part(t) for t in texts]
    own = heads.trap_examples()
    own_texts = [text for text, _ in own]
    own_gold = [{slug} for _, slug in own]
    print(f"traps: {len(texts)} Sharma thoughts, {len(own)} own examples", flush=True)
    v_full = embed_cached(encoder, texts, cache, "sharma-full")
    v_thought = embed_cached(encoder, thoughts, cache, "sharma-thought")
    v_own = embed_cached(encoder, own_texts, cache, "own-traps")
    y = np.array([[s in g for s in slugs] for g in gold], dtype=int)
    y_own = np.array([[s in g for s in slugs] for g in own_gold], dtype=int)
    # Grouped by situation, so one situation's thoughts never sit on both sides of a fold.
    groups = {s: i for i, s in enumerate(dict.fromkeys(situations))}
    group_ids = np.array([groups[s] for s in situations])
    folds = list(GroupKFold(n_splits=5).split(v_full, y, group_ids))
    variants = {
        "embedding of situation+thought": (v_full, texts, False, 1.0, True),
        "embedding of the thought alone": (v_thought, thoughts, False, 1.0, True),
        "thought + cue words": (v_thought, thoughts, True, 1.0, True),
        "thought + cue words, C=0.5": (v_thought, thoughts, True, 0.5, True),
        # tried, not better (see docs/model-card.md): C=0.25, no class weights, both
        # embeddings side by side, max pooling of the tokens beside the mean, label priors,
        # similarity to our own examples added to the scores, re-ranking the 2nd and 3rd
        # suggestions by how rarely they share a thought with the 1st
    }
    best, best_name = -1.0, ""
    print("  5-fold CV grouped by situation (top-1 in gold / gold in top-3):")
    for name, (vectors, words, with_cues, c, balanced) in variants.items():
        x = trap_features(vectors, words) if with_cues else vectors
        for add_own in (False, True):
            scores = np.zeros(y.shape, dtype=np.float32)
            for train, test in folds:
                xt, yt = x[train], y[train]
                if add_own:
                    xo = trap_features(v_own, own_texts) if with_cues else v_own
                    xt, yt = np.vstack([xt, xo]), np.vstack([yt, y_own])
                w, b = fit_traps(xt, yt, c, balanced)
                scores[test] = x[test] @ w.T + b
            h1, h3 = top3(scores, gold, slugs)
            label = f"{name}{' + own examples' if add_own else ''}"
            print(f"    {label:<50} {h1:.3f} / {h3:.3f}", flush=True)
            shippable = with_cues and add_own and vectors is v_thought
            if shippable and h3 > best:
                best, best_name = h3, label
                out["trap_c"] = np.array(c, dtype=np.float32)
    c = float(out["trap_c"])
    x_own = trap_features(v_own, own_texts)
    x_thought = trap_features(v_thought, thoughts)
    scores = np.zeros(y.shape, dtype=np.float32)
    for train, test in folds:
        xt, yt = np.vstack([x_thought[train], x_own]), np.vstack([y[train], y_own])
        ovr, multi = fit_traps(xt, yt, c), fit_traps_multinomial(xt, yt, 1.0)
        scores[test] = ensemble_scores(x_thought[test], ovr, multi)
    h1, h3 = top3(scores, gold, slugs)
    label = f"ensemble: {best_name} averaged with a softmax (C=1)"
    print(f"    {label:<50} {h1:.3f} / {h3:.3f}", flush=True)
    print(f"  shipping: {label} (top-3 {h3:.3f})")
    x = np.vstack([x_thought, x_own])
    out["trap_w"], out["trap_b"] = fit_traps(x, np.vstack([y, y_own]), c)
    out["trap_mw"], out["trap_mb"] = fit_traps_multinomial(x, np.vstack([y, y_own]), 1.0)


# --- emotions ----------------------------------------------------------------------------------


def goemotions(data: Path, split: str) -> tuple[list[str], list[list[int]]]:
    rows = (data / "goemotions" / "original" / f"{split}.tsv").read_text().splitlines()
    texts, labels = [], []
    for row in rows:
        text, ids, _ = row.split("\t")
        texts.append(text)
        labels.append([int(i) for i in ids.split(",")])
    return texts, labels


def ekman_matrix(names: list[str], data: Path) -> tuple[list[str], np.ndarray]:
    mapping = json.loads((data / "goemotions" / "ekman_mapping.json").read_text())
    groups = [*mapping, "neutral"]
    matrix = np.zeros((len(names), len(groups)), dtype=np.float32)
    for g, group in enumerate(groups):
        for label in mapping.get(group, [group]):
            matrix[names.index(label), g] = 1
    return groups, matrix


def macro_f1(pred: np.ndarray, gold: np.ndarray) -> tuple[float, list[float]]:
    f1s = []
    for j in range(gold.shape[1]):
        tp = float((pred[:, j] & gold[:, j]).sum())
        fp = float((pred[:, j] & ~gold[:, j]).sum())
        fn = float((~pred[:, j] & gold[:, j]).sum())
        f1s.append(2 * tp / max(2 * tp + fp + fn, 1))
    return float(np.mean(f1s)), f1s


#: Emotion head settings, chosen on the GoEmotions dev split (docs/model-card.md lists the
#: variants tried): softmax C, the word features' minimum document count and their weight
#: next to the 384 embedding numbers.
EMOTION_C = 1.0
EMOTION_MIN_DF = 20
EMOTION_WORD_WEIGHT = 1.0


def word_vectorizer(min_df: int):  # type: ignore[no-untyped-def]
    """The word features of anchored.text.words, fitted with scikit-learn."""
    from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-untyped]

    return TfidfVectorizer(
        ngram_range=(1, 2), min_df=min_df, sublinear_tf=True, token_pattern=word_features.TOKEN
    )


def emotion_rows(labels: list[list[int]]) -> tuple[list[int], np.ndarray]:
    """One row per (text, label): a softmax whose probabilities add up over the labels."""
    rows = [(i, label) for i, ls in enumerate(labels) for label in ls]
    return [i for i, _ in rows], np.array([label for _, label in rows])


def fit_emotions(x, labels: list[list[int]], c: float) -> tuple[np.ndarray, np.ndarray]:  # type: ignore[no-untyped-def]
    from sklearn.linear_model import LogisticRegression

    index, y = emotion_rows(labels)
    model = LogisticRegression(C=c, max_iter=1000)
    model.fit(x[index], y)
    return model.coef_.astype(np.float32), model.intercept_.astype(np.float32)


def softmax_groups(x, w: np.ndarray, b: np.ndarray, to_group: np.ndarray) -> np.ndarray:  # type: ignore[no-untyped-def]
    logits = np.asarray(x @ w.T) + b
    p = np.exp(logits - logits.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    result: np.ndarray = p @ to_group
    return result


def tune_thresholds(p: np.ndarray, gold: np.ndarray) -> np.ndarray:
    """Per Ekman group, the threshold with the best F1 on these (dev) texts."""
    grid = np.linspace(0.02, 0.9, 89)
    best = [
        grid[int(np.argmax([macro_f1(p[:, [g]] >= t, gold[:, [g]])[0] for t in grid]))]
        for g in range(p.shape[1])
    ]
    return np.array(best, dtype=np.float32)


def ekman_predict(p: np.ndarray, thresholds: np.ndarray) -> np.ndarray:
    """Groups over their threshold; a text with none gets its most likely one (as the app and
    benchmarks/text.py count it)."""
    pred = p >= thresholds
    none = ~pred.any(axis=1)
    pred[none, (p[none] / thresholds).argmax(axis=1)] = True
    return pred


def emotions(
    encoder: Encoder, data: Path, cache: Path, out: dict[str, np.ndarray], sample: int
) -> None:
    from scipy import sparse  # type: ignore[import-untyped]

    names = (data / "goemotions" / "original" / "labels.txt").read_text().split()
    splits = {s: goemotions(data, s) for s in ("train", "dev", "test")}
    if 0 < sample < len(splits["train"][0]):
        # a seeded sample of the training split, for a quick build (the shipped head uses all)
        rows = sorted(random.Random(SEED).sample(range(len(splits["train"][0])), sample))
        splits["train"] = (
            [splits["train"][0][i] for i in rows],
            [splits["train"][1][i] for i in rows],
        )
        print(f"emotions: a seeded sample of {sample} GoEmotions training comments")
    else:
        print(f"emotions: all {len(splits['train'][0])} GoEmotions training comments")
    names_ = {"train": f"goemo-train{sample or ''}", "dev": "goemo-dev", "test": "goemo-test"}
    vectors = {s: embed_cached(encoder, splits[s][0], cache, names_[s]) for s in splits}
    groups, to_group = ekman_matrix(names, data)

    def gold_groups(labels: list[list[int]]) -> np.ndarray:
        gold = np.zeros((len(labels), len(groups)), dtype=bool)
        for i, ls in enumerate(labels):
            for label in ls:
                gold[i] |= to_group[label] > 0
        return gold

    dev_gold, test_gold = gold_groups(splits["dev"][1]), gold_groups(splits["test"][1])
    vectorizer = word_vectorizer(EMOTION_MIN_DF)
    vectorizer.fit(splits["train"][0])
    vocabulary = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.get)
    ours = word_features.Vocabulary(vocabulary, vectorizer.idf_.astype(np.float32))
    check = splits["dev"][0][:300]
    assert np.allclose(ours.features(check), vectorizer.transform(check).toarray(), atol=1e-5)

    def features(split: str) -> object:
        word_part = EMOTION_WORD_WEIGHT * vectorizer.transform(splits[split][0])
        return sparse.hstack([sparse.csr_matrix(vectors[split]), word_part]).tocsr()

    x = {s: features(s) for s in splits}
    start = time.perf_counter()
    w, b = fit_emotions(x["train"], splits["train"][1], EMOTION_C)
    seconds = time.perf_counter() - start
    print(
        f"emotions: softmax over 28 labels, embedding + {len(vocabulary)} word features "
        f"(min_df {EMOTION_MIN_DF}, weight {EMOTION_WORD_WEIGHT}, C {EMOTION_C}) in {seconds:.0f} s"
    )
    thresholds = tune_thresholds(softmax_groups(x["dev"], w, b, to_group), dev_gold)
    for split, gold in (("dev", dev_gold), ("test", test_gold)):
        p = softmax_groups(x[split], w, b, to_group)
        score, per_group = macro_f1(ekman_predict(p, thresholds), gold)
        print(f"  GoEmotions {split}, Ekman 6 + neutral: macro-F1 {score:.3f}")
        print("   ", ", ".join(f"{g} {f:.2f}" for g, f in zip(groups, per_group, strict=True)))
    out["emo_w"], out["emo_b"] = w, b
    out["emo_labels"] = np.array(names)
    out["emo_vocab"] = np.array(vocabulary)
    out["emo_idf"] = vectorizer.idf_.astype(np.float32)
    out["emo_word_weight"] = np.array(EMOTION_WORD_WEIGHT, dtype=np.float32)
    out["ekman_groups"], out["ekman_matrix"] = np.array(groups), to_group
    out["ekman_thresholds"] = thresholds


# --- team-written exemplars -------------------------------------------------------------------


def exemplars(encoder: Encoder, out: dict[str, np.ndarray], prefixes: tuple[str, ...]) -> None:
    for prefix, (texts, labels, digest) in heads.exemplar_sets().items():
        if prefix not in prefixes:
            continue
        out[f"{prefix}_vectors"] = encoder.embed(texts).astype(np.float16)
        out[f"{prefix}_labels"] = np.array(labels)
        out[f"{prefix}_sha"] = np.array(digest)
        print(f"{prefix}: {len(texts)} team-written sentences embedded")


def goemotions_sample(data: Path, sample: int) -> list[str]:
    texts, _ = goemotions(data, "train")
    if 0 < sample < len(texts):
        rows = sorted(random.Random(SEED).sample(range(len(texts)), sample))
        texts = [texts[i] for i in rows]
    return texts


def _variants(sentence: str, rng: random.Random) -> list[str]:
    """A crisis exemplar and general changes to it (person, tense, a typing slip, chat style)."""
    import re

    person = {"i": "he", "im": "hes", "i'm": "he's", "me": "him", "my": "his", "myself": "himself"}
    past = {"want": "wanted", "wish": "wished", "am": "was", "is": "was", "can't": "couldn't"}

    def swap(text: str, table: dict[str, str]) -> str:
        return re.sub(r"[A-Za-z']+", lambda m: table.get(m.group(0).lower(), m.group(0)), text)

    words = sentence.split()
    i = rng.randrange(len(words))
    if len(words[i]) >= 4:
        j = rng.randrange(1, len(words[i]) - 2)
        w = words[i]
        words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
    chat = re.sub(r"[.,!?']", "", sentence.lower())
    return list(
        dict.fromkeys(
            [sentence, swap(sentence, person), swap(sentence, past), " ".join(words), chat]
        )
    )


def crisis_head(encoder: Encoder, data: Path, cache: Path, sample: int) -> None:
    """Tried, not shipped: logistic regression, crisis exemplars and their variants against the
    everyday sentences and GoEmotions training comments, threshold at a GoEmotions dev quantile.
    Printed so the model card's comparison can be reproduced (benchmarks/text.py --head)."""
    from sklearn.linear_model import LogisticRegression

    texts, labels, _ = heads.exemplar_sets()["crisis"]
    rng = random.Random(SEED)
    positives = [
        v
        for t, lab in zip(texts, labels, strict=True)
        if lab != heads.ORDINARY
        for v in _variants(t, rng)
    ]
    ordinary = [t for t, lab in zip(texts, labels, strict=True) if lab == heads.ORDINARY]
    reddit = embed_cached(encoder, goemotions_sample(data, sample), cache, f"goemo-train{sample}")
    x = np.vstack([encoder.embed(positives), encoder.embed(ordinary), reddit])
    y = np.r_[np.ones(len(positives)), np.zeros(len(ordinary) + len(reddit))]
    weight = np.r_[np.ones(len(positives)), np.full(len(ordinary), 20.0), np.ones(len(reddit))]
    weight[y == 1] = weight[y == 0].sum() / (y == 1).sum()
    model = LogisticRegression(C=1.0, max_iter=3000).fit(x, y, sample_weight=weight)
    dev_texts, _ = goemotions(data, "dev")
    dev = embed_cached(encoder, dev_texts, cache, "goemo-dev")
    scores = dev @ model.coef_[0] + model.intercept_[0]
    for quantile in (0.995, 0.998, 0.999):
        threshold = float(np.quantile(scores, quantile))
        print(
            f"crisis head (not shipped): {len(positives)} exemplar variants against "
            f"{len(y) - len(positives)} other sentences; threshold {threshold:.2f} "
            f"({1 - quantile:.1%} of GoEmotions dev above it)"
        )


# --- abandonment themes ------------------------------------------------------------------------


def themes(encoder: Encoder) -> None:
    """Embed the theme prototypes; choose the threshold and cue bonus that give the best micro-F1
    on the tuning part of tests/data/themes_labelled.yaml (its held-out part stays unseen)."""
    import yaml

    from anchored.text import abandonment

    texts, labels, digest = abandonment.prototype_sentences()
    vectors = encoder.embed(texts)
    labelled = yaml.safe_load((REPO / "tests" / "data" / "themes_labelled.yaml").read_text())
    tune = [(text, theme) for theme, items in labelled["tune"].items() for text in items]
    tune_vectors = encoder.embed([text for text, _ in tune])
    gold = [None if theme == "none" else theme for _, theme in tune]
    best = (-1.0, 0.0, 0.0)
    for bonus in (0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3):
        found = abandonment.Prototypes(tuple(labels), vectors, 0.0, bonus, "")
        scores = abandonment.sentence_scores(tune_vectors, [t for t, _ in tune], found)
        for threshold in np.arange(0.30, 0.90, 0.01):
            picked = abandonment.pick(scores, float(threshold))
            tp = sum(p is not None and p == g for p, g in zip(picked, gold, strict=True))
            fp = sum(p is not None and p != g for p, g in zip(picked, gold, strict=True))
            fn = sum(g is not None and p != g for p, g in zip(picked, gold, strict=True))
            f1 = 2 * tp / max(2 * tp + fp + fn, 1)
            if f1 > best[0] + 1e-9:
                best = (f1, float(threshold), bonus)
    f1, threshold, bonus = best
    print(
        f"themes: {len(texts)} prototypes; on the {len(tune)} tuning sentences micro-F1 "
        f"{f1:.3f} at threshold {threshold:.2f}, cue bonus {bonus:.2f}"
    )
    np.savez_compressed(
        abandonment.THEMES_FILE,
        theme_vectors=vectors.astype(np.float16),
        theme_labels=np.array(labels),
        theme_sha=np.array(digest),
        theme_threshold=np.array(threshold, dtype=np.float32),
        theme_bonus=np.array(bonus, dtype=np.float32),
    )
    print(f"wrote {abandonment.THEMES_FILE}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "anchored-train")
    parser.add_argument(
        "--goemotions-train", type=int, default=12000, help="training comments (0: all 43,410)"
    )
    parser.add_argument(
        "--emotion-comments",
        type=int,
        default=0,
        help="GoEmotions training comments for the emotion head (0, the default: all 43,410)",
    )
    parser.add_argument(
        "--only", choices=["traps", "emotions", "exemplars", "crisis", "themes"], action="append"
    )
    args = parser.parse_args()
    random.seed(SEED)
    np.random.seed(SEED)
    encoder = Encoder(model_path())
    out: dict[str, np.ndarray] = {}
    before = heads.read_arrays()
    out.update(before)
    parts = args.only or ["traps", "emotions", "exemplars", "crisis", "themes"]
    if "traps" in parts:
        traps(encoder, args.data, args.cache, out)
    if "emotions" in parts:
        emotions(encoder, args.data, args.cache, out, args.emotion_comments)
    if "exemplars" in parts:
        exemplars(encoder, out, ("proto",) if "crisis" not in parts else ("crisis", "proto"))
    if "crisis" in parts:
        exemplars(encoder, out, ("crisis",))
        crisis_head(encoder, args.data, args.cache, args.goemotions_train)
        for key in [k for k in out if k.startswith("crisis_head")]:
            del out[key]  # the head is not shipped
    if "themes" in parts:
        themes(encoder)  # writes data/themes.npz itself
    written = {
        "traps": {"trap"},
        "emotions": {"emo", "ekman"},
        "exemplars": {"proto"},
        "crisis": {"crisis"},
        "themes": set(),
    }
    touched = {heads.HEAD_FILES[prefix] for part in parts for prefix in written[part]}
    for path in sorted(touched):
        part = {k: v for k, v in out.items() if heads.head_file(k) == path}
        if part.keys() == {k for k in before if heads.head_file(k) == path} and all(
            np.array_equal(v, before[k]) for k, v in part.items()
        ):
            continue  # nothing of this file was retrained: leave it byte for byte
        np.savez_compressed(path, **part)
        kinds = Counter(k.split("_")[0] for k in part)
        print(f"wrote {path} ({path.stat().st_size / 1024:.0f} KB): {kinds}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
