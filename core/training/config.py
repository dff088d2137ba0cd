"""`TrainConfig`: everything that defines a training run, as saved in its `config.json`."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from core.errors import ConfigError

STRATEGIES = ("default", "mirrored", "multiworker")


@dataclass
class TrainConfig:
    """Everything that defines a run; `None` fields take the per-kind `core.models.DEFAULTS`."""

    kind: str
    dataset: str = "digits"
    epochs: int | None = None
    batch_size: int | None = None
    learning_rate: float | None = None
    latent_dim: int | None = None
    seed: int = 0
    arch: str = "default"
    max_train: int | None = None
    max_test: int | None = None
    validation_split: float = 0.2
    gan_metrics: bool = True
    strategy: str = "default"
    #: GAN only: per-epoch checkpoints kept (the last N plus the best by Fréchet distance; 0 keeps all).
    keep_checkpoints: int = 5

    def resolved(self, image_shape: tuple[int, ...] | None = None) -> TrainConfig:
        """A copy with defaults filled in (for `image_shape` when known); `ConfigError` with a
        one-line message on bad values."""
        from core.data.sources import canonical_source
        from core.models import KINDS, defaults_for

        if self.kind not in KINDS:
            raise ConfigError(f"unknown model kind {self.kind!r}; choose one of {', '.join(KINDS)}")
        d = defaults_for(self.kind, image_shape)
        out = replace(
            self,
            epochs=int(d["epochs"] if self.epochs is None else self.epochs),
            batch_size=int(d["batch_size"] if self.batch_size is None else self.batch_size),
            learning_rate=float(d["learning_rate"] if self.learning_rate is None else self.learning_rate),
            latent_dim=None if self.kind == "classifier" else int(self.latent_dim or d["latent_dim"]),
            dataset=canonical_source(self.dataset),
        )
        checks = [
            (out.epochs is not None and out.epochs >= 0, f"epochs must be 0 or more, not {out.epochs}"),
            (out.batch_size is not None and out.batch_size >= 1, f"batch size must be at least 1, not {out.batch_size}"),
            (out.learning_rate is not None and math.isfinite(out.learning_rate) and out.learning_rate > 0,
             f"learning rate must be a positive number, not {out.learning_rate}"),
            (out.latent_dim is None or out.latent_dim >= 1, f"latent dim must be at least 1, not {out.latent_dim}"),
            (out.max_train is None or out.max_train >= 1, f"max train must be at least 1, not {out.max_train}"),
            (out.max_test is None or out.max_test >= 1, f"max test must be at least 1, not {out.max_test}"),
            (0.0 <= out.validation_split < 1.0, f"validation split must be in [0, 1), not {out.validation_split}"),
            (isinstance(out.keep_checkpoints, int) and out.keep_checkpoints >= 0,
             f"keep checkpoints must be 0 (all) or more, not {out.keep_checkpoints}"),
            (out.strategy in STRATEGIES, f"unknown strategy {out.strategy!r}; choose one of {', '.join(STRATEGIES)}"),
        ]
        for ok, message in checks:
            if not ok:
                raise ConfigError(message)
        return out

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able dict (what `config.json` holds)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TrainConfig:
        """Inverse of `to_dict`; unknown keys (from newer versions) are ignored."""
        if "kind" not in data:
            raise ConfigError("run config has no model kind")
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})
