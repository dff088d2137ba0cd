"""Load a user's Keras model file safely, with clear one-line errors.

A `.keras` file is a zip holding `config.json`; it is inspected *before* Keras sees it:
a `Lambda` layer (Python code stored in the file) or a class that is neither part of
Keras nor registered by Latent Lab makes `load_model_file` raise `UnsafeModelError`
unless the caller passes `allow_unsafe=True` after asking the user. Everything else that
goes wrong (missing, truncated, not a model, legacy HDF5) raises `ModelFileError`.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from core.errors import UserError
from core.tf_env import keras

_HDF5_MAGIC = b"\x89HDF\r\n\x1a\n"
_CODE_CLASSES = {"Lambda", "__lambda__", "TFOpLambda"}


class ModelFileError(UserError):
    """A model file cannot be loaded; the message names the file and the problem."""


class UnsafeModelError(ModelFileError):
    """A model file needs code from the file (or unknown code) to load; message says why."""


def _walk(obj: Any) -> Iterator[dict[str, Any]]:
    """Every dict inside a JSON config, depth first."""
    if isinstance(obj, dict):
        yield obj
        for value in obj.values():
            yield from _walk(value)
    elif isinstance(obj, list):
        for value in obj:
            yield from _walk(value)


def class_names(config: dict[str, Any]) -> set[str]:
    """Every `class_name` in a model config (its layers, nested models and objects)."""
    return {entry["class_name"] for entry in _walk(config) if isinstance(entry.get("class_name"), str)}


def _register_app_objects() -> None:
    """Import Latent Lab's models so its registered custom layers are known (safe code)."""
    from core.models import register_custom_objects

    register_custom_objects()


def _is_known_class(entry: dict[str, Any]) -> bool:
    module = entry.get("module") or ""
    if module == "keras" or module.startswith("keras."):
        return True
    name = entry.get("registered_name") or entry.get("class_name")
    if module == "builtins":
        return True
    return bool(name) and keras().saving.get_registered_object(name) is not None


def unsafe_reasons(config: dict[str, Any]) -> list[str]:
    """Why loading this model config would run code that is not part of Keras or Latent Lab.

    Returns human-readable reasons, e.g. "a Lambda layer 'dbl'"; empty when safe.
    """
    _register_app_objects()
    reasons: list[str] = []
    for entry in _walk(config):
        cls = entry.get("class_name")
        if not isinstance(cls, str) or cls == "__keras_tensor__":
            continue
        name = entry.get("config", {}).get("name") if isinstance(entry.get("config"), dict) else None
        label = f" '{name}'" if name else ""
        if cls in _CODE_CLASSES:
            reasons.append(f"a {cls} layer{label}")
        elif "module" in entry and not _is_known_class(entry):
            reasons.append(f"an unknown custom object '{entry.get('registered_name') or cls}'{label}")
    return list(dict.fromkeys(reasons))


def read_model_config(path: Path) -> dict[str, Any]:
    """Read `config.json` from a `.keras` archive, raising `ModelFileError` when impossible."""
    name = path.name
    if not path.exists():
        raise ModelFileError(f"{name}: file not found ({path})")
    if path.is_dir():
        raise ModelFileError(f"{name}: is a folder, not a Keras model file")
    with open(path, "rb") as fh:
        head = fh.read(8)
    if head == _HDF5_MAGIC or path.suffix.lower() in {".h5", ".hdf5"}:
        raise ModelFileError(
            f"{name}: legacy HDF5 (.h5) model from an older Keras; open it in Keras and "
            "re-save it with model.save('name.keras')"
        )
    if not head:
        raise ModelFileError(f"{name}: the file is empty")
    try:
        with zipfile.ZipFile(path) as zf:
            if "config.json" not in zf.namelist():
                raise ModelFileError(f"{name}: not a Keras model file (no config.json inside)")
            config = json.loads(zf.read("config.json"))
            bad = zf.testzip()
            if bad is not None:
                raise ModelFileError(f"{name}: the file is damaged ({bad} is corrupt)")
    except zipfile.BadZipFile:
        kind = "truncated or damaged" if head[:2] == b"PK" else "not a Keras model file"
        raise ModelFileError(f"{name}: {kind} (not a readable .keras archive)") from None
    except (json.JSONDecodeError, UnicodeDecodeError, EOFError, OSError) as exc:
        raise ModelFileError(f"{name}: truncated or damaged ({type(exc).__name__})") from None
    if not isinstance(config, dict) or "class_name" not in config:
        raise ModelFileError(f"{name}: not a Keras model file (config.json has no model)")
    return config


def load_model_file(path: str | Path, *, allow_unsafe: bool = False) -> Any:
    """Load a `.keras` model file (uncompiled) with Keras safe mode on.

    Raises `UnsafeModelError` when the file holds code (a Lambda layer) or needs an
    unknown custom object, unless `allow_unsafe` (the user confirmed for this file), and
    `ModelFileError` for a missing, truncated, legacy-HDF5 or non-model file.
    """
    p = Path(path).expanduser()
    config = read_model_config(p)
    reasons = unsafe_reasons(config)
    if reasons and not allow_unsafe:
        raise UnsafeModelError(
            f"{p.name}: refused, it contains code that would run when loaded: {', '.join(reasons)}"
        )
    k = keras()
    try:
        model = k.saving.load_model(str(p), compile=False, safe_mode=not allow_unsafe)
    except Exception as exc:
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        if "safe_mode" in str(exc) or "arbitrary code" in str(exc):
            raise UnsafeModelError(f"{p.name}: refused by Keras safe mode: {first}") from None
        if reasons:
            raise ModelFileError(
                f"{p.name}: cannot be loaded, the code it needs is not available ({', '.join(reasons)})"
            ) from None
        raise ModelFileError(f"{p.name}: could not be loaded: {first[:200]}") from None
    if not isinstance(model, k.Model):
        raise ModelFileError(f"{p.name}: holds a {type(model).__name__}, not a Keras model")
    return model
