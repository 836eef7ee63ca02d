"""The small files that ship with the encoder: heads and team-written sentences.

``data/{crisis,traps,emotions}.npz`` are written by ``tools/train_text_heads.py`` (see
docs/model-card.md): trap and emotion heads (numbers only, no training text) and the
embeddings of the team-written sentences in ``data/*.yaml``. If a YAML file changed since the
heads were written, its sentences are embedded again when the model loads, so the vectors
always match the words.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import numpy as np

from anchored.content import yamlfile
from anchored.text.encoder import DATA, Encoder, Vectors, encoder
from anchored.text.words import Vocabulary

#: One file per part, so each can be retrained on its own: key prefix -> file.
HEAD_FILES: Final = {
    "crisis": DATA / "crisis.npz",
    "trap": DATA / "traps.npz",
    "emo": DATA / "emotions.npz",
    "ekman": DATA / "emotions.npz",
    "proto": DATA / "emotions.npz",
}


def head_file(key: str) -> Path:
    """The file that holds the array ``key`` (by its prefix, ``trap_w`` -> traps.npz)."""
    return HEAD_FILES[key.split("_", 1)[0]]


def read_arrays() -> dict[str, Vectors]:
    """Every shipped array, from all the head files."""
    arrays: dict[str, Vectors] = {}
    for path in sorted(set(HEAD_FILES.values())):
        with np.load(path) as data:
            arrays.update({key: data[key] for key in data.files})
    return arrays


CRISIS_EXEMPLARS: Final = DATA / "crisis_exemplars.yaml"
TRAP_EXAMPLES: Final = DATA / "trap_examples.yaml"
EMOTION_PROTOTYPES: Final = DATA / "emotion_prototypes.yaml"

#: The thought record's trap slugs (features/thought_record/content/traps.yaml; a test checks).
TRAP_SLUGS: Final[tuple[str, ...]] = (
    "all-or-nothing",
    "overgeneralizing",
    "mental-filter",
    "mind-reading",
    "fortune-telling",
    "catastrophizing",
    "emotional-reasoning",
    "should-statements",
    "labeling",
    "personalizing",
    "blaming",
    "comparing",
)


#: The label of the crisis file's everyday sentences (``ordinary:``), which are not crisis words.
ORDINARY: Final = "ordinary"


def _read(path: Path, key: str) -> tuple[list[str], list[str], str]:
    raw = path.read_text(encoding="utf-8")
    loaded = yamlfile.parse(raw)
    data = dict(loaded[key])
    if key == "exemplars" and ORDINARY in loaded:
        data[ORDINARY] = loaded[ORDINARY]
    texts = [str(text) for label in data for text in data[label]]
    labels = [str(label) for label in data for _ in data[label]]
    return texts, labels, hashlib.sha256(raw.encode()).hexdigest()


def exemplar_sets() -> dict[str, tuple[list[str], list[str], str]]:
    """Team-written sentences embedded at build time: prefix -> (texts, labels, yaml sha256)."""
    return {
        "crisis": _read(CRISIS_EXEMPLARS, "exemplars"),
        "proto": _read(EMOTION_PROTOTYPES, "prototypes"),
    }


def trap_examples() -> list[tuple[str, str]]:
    texts, labels, _ = _read(TRAP_EXAMPLES, "examples")
    return list(zip(texts, labels, strict=True))


@dataclass(frozen=True, slots=True)
class Exemplars:
    texts: tuple[str, ...]
    labels: tuple[str, ...]
    vectors: Vectors


@dataclass(frozen=True, slots=True)
class Heads:
    trap_w: Vectors
    trap_b: Vectors
    trap_mw: Vectors
    trap_mb: Vectors
    emo_w: Vectors
    emo_b: Vectors
    emo_labels: tuple[str, ...]
    #: word features next to the embedding (``anchored.text.words``); None in older heads
    emo_words: Vocabulary | None
    emo_word_weight: float
    ekman_groups: tuple[str, ...]
    ekman_matrix: Vectors
    ekman_thresholds: Vectors
    crisis: Exemplars
    proto: Exemplars


_lock = threading.Lock()
_heads: Heads | None = None


def _read_heads(model: Encoder | None) -> Heads:
    arrays = read_arrays()
    sets = {}
    for prefix, (texts, labels, digest) in exemplar_sets().items():
        vectors = arrays.get(f"{prefix}_vectors")
        if vectors is None or str(arrays.get(f"{prefix}_sha")) != digest:
            model = model or encoder(wait=None)
            if model is None:
                raise RuntimeError("exemplars changed and the encoder is not available")
            vectors = model.embed(texts)
        sets[prefix] = Exemplars(tuple(texts), tuple(labels), vectors.astype(np.float32))
    return Heads(
        trap_w=arrays["trap_w"],
        trap_b=arrays["trap_b"],
        trap_mw=arrays["trap_mw"],
        trap_mb=arrays["trap_mb"],
        emo_w=arrays["emo_w"],
        emo_b=arrays["emo_b"],
        emo_labels=tuple(str(x) for x in arrays["emo_labels"]),
        emo_words=(
            Vocabulary([str(x) for x in arrays["emo_vocab"]], arrays["emo_idf"])
            if "emo_vocab" in arrays
            else None
        ),
        emo_word_weight=float(arrays.get("emo_word_weight", 0.0)),
        ekman_groups=tuple(str(x) for x in arrays["ekman_groups"]),
        ekman_matrix=arrays["ekman_matrix"],
        ekman_thresholds=arrays["ekman_thresholds"],
        crisis=sets["crisis"],
        proto=sets["proto"],
    )


#: The head of the encoder fine-tuned for the traps (tools/finetune_traps.py); separate from
#: HEAD_FILES because it belongs to that encoder, not to the base one.
TUNED_FILE: Final = DATA / "traps_finetuned.npz"


@dataclass(frozen=True, slots=True)
class TunedHeads:
    """Trap heads on the fine-tuned encoder's vectors plus the cue words (the same shape as the
    frozen ``trap_*`` heads); ``sha`` names the ONNX file they were fitted on."""

    trap_w: Vectors
    trap_b: Vectors
    trap_mw: Vectors
    trap_mb: Vectors
    sha: str


_tuned: TunedHeads | None = None


def load_tuned() -> TunedHeads:
    """The fine-tuned encoder's trap heads (read once per process)."""
    global _tuned
    with _lock:
        if _tuned is None:
            with np.load(TUNED_FILE) as data:
                _tuned = TunedHeads(
                    trap_w=data["ft_w"],
                    trap_b=data["ft_b"],
                    trap_mw=data["ft_mw"],
                    trap_mb=data["ft_mb"],
                    sha=str(data["ft_sha"]),
                )
        return _tuned


def load(model: Encoder | None = None) -> Heads:
    """The heads (read once per process). ``model`` embeds exemplars whose YAML changed."""
    global _heads
    with _lock:
        if _heads is None:
            _heads = _read_heads(model)
        return _heads
