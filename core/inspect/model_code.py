"""A model as Keras code: the functional API always, `keras.Sequential` when it is a plain stack.

The chapter sets the two side by side: a Sequential model is one layer after another, one
input and one output; the functional API also writes branches, joins, several inputs or
outputs, and nested models. `model_code(model)` writes both forms for a plain stack and the
functional form alone, with one line on why, for anything else. Layer arguments are those
that differ from Keras' defaults (initializers, dtypes and regularizers left out).
"""

from __future__ import annotations

from typing import Any

from core.inspect.structure import ExpandedGraph, expand_model

#: Config keys never written (bookkeeping, or objects whose defaults the app keeps).
_SKIP = {"name", "trainable", "dtype", "kernel_initializer", "bias_initializer", "kernel_regularizer",
         "bias_regularizer", "activity_regularizer", "kernel_constraint", "bias_constraint",
         "quantization_config", "lora_rank", "lora_alpha", "data_format", "build_config", "compile_config",
         "gamma_initializer", "beta_initializer", "moving_mean_initializer", "moving_variance_initializer",
         "beta_regularizer", "gamma_regularizer", "beta_constraint", "gamma_constraint", "synchronized"}
#: Keras' defaults for arguments the builders commonly leave alone.
_DEFAULTS: dict[str, Any] = {"activation": "linear", "use_bias": True, "padding": "valid", "strides": (1, 1),
                             "dilation_rate": (1, 1), "groups": 1, "axis": -1, "output_padding": None,
                             "seed": None, "noise_shape": None, "momentum": 0.99, "epsilon": 0.001,
                             "center": True, "scale": True}

BRANCHING_NOTE = ("# No keras.Sequential form: Sequential can only chain one layer after another, "
                  "and this model {0}.")


def _value(v: Any) -> str:
    if isinstance(v, list):
        v = tuple(v)
    return f'"{v}"' if isinstance(v, str) else repr(v)


def layer_constructor(layer: Any) -> str:
    """`keras.layers.Dense(64, activation="relu", name="dense_1")`-style code for one layer."""
    cls = type(layer)
    prefix = "keras.layers." if cls.__module__.startswith("keras") else ""
    args = []
    for key, value in layer.get_config().items():
        default = _DEFAULTS.get(key, object())
        if key in _SKIP or isinstance(value, dict) or value is None:
            continue
        if value == default or (isinstance(value, list | tuple) and tuple(value) == default):
            continue
        args.append(f"{key}={_value(value)}")
    args.append(f'name="{layer.name}"')
    return f"{prefix}{cls.__name__}({', '.join(args)})"


def _custom_imports(graph: ExpandedGraph) -> list[str]:
    seen: dict[str, str] = {}
    for op, *_ in graph.steps:
        cls = type(op)
        if not cls.__module__.startswith("keras"):
            seen.setdefault(cls.__name__, f"from {cls.__module__} import {cls.__name__}  # a custom layer")
    return list(seen.values())


def why_not_sequential(model: Any, graph: ExpandedGraph) -> str | None:
    """None for a plain stack (one input, one output, each layer fed by the one before);
    else what makes it branch, in a few words."""
    if len(graph.inputs) != 1:
        return "takes several inputs"
    if len(getattr(model, "outputs", None) or [None]) != 1:
        return "has several outputs"
    previous = None
    for info in graph.infos:
        if "[" in info.name:
            return "has a layer with several outputs"
        if len(info.inbound) != 1 or (previous is not None and info.inbound[0] != previous):
            return "branches or joins (a layer takes a tensor other than the previous layer's output)"
        previous = info.name
    return None


def _functional_lines(model: Any, graph: ExpandedGraph) -> list[str]:
    lines = [line for line in graph.code_lines if line.startswith("inputs")]
    for (op, *_), line in zip(graph.steps, [c for c in graph.code_lines if c.startswith("t")], strict=True):
        var, _, rest = line.partition(" = ")
        marker = f'get_layer("{op.name}")'
        at = rest.find(marker)
        call = rest[at + len(marker):] if at >= 0 else rest
        lines.append(f"{var} = {layer_constructor(op)}{call}" if at >= 0 else line)
    outputs = _output_vars(model, graph)
    lines.append(f'model = keras.Model(inputs, {outputs}, name="{model.name}")')
    return lines


def _output_vars(model: Any, graph: ExpandedGraph) -> str:
    """The variable(s) holding the model's outputs (the last layer's when they cannot be told)."""
    var_of = {op.name: f"t{i + 1}" for i, (op, *_) in enumerate(graph.steps)}
    names = []
    for tensor in getattr(model, "outputs", None) or []:
        history = getattr(tensor, "_keras_history", None)
        op = getattr(history, "operation", None)
        names.append(var_of.get(getattr(op, "name", ""), ""))
    if not names or "" in names:
        return f"t{len(graph.steps)}"
    return names[0] if len(names) == 1 else "[" + ", ".join(names) + "]"


def model_code(model: Any) -> str:
    """The model as functional-API code, then as `keras.Sequential` code or why there is none."""
    graph = expand_model(model)
    lines = ["import keras", *_custom_imports(graph), "", "# Functional API: call each layer on a tensor",
             *_functional_lines(model, graph), ""]
    reason = why_not_sequential(model, graph)
    if reason is not None:
        return "\n".join([*lines, BRANCHING_NOTE.format(reason)])
    shape = tuple(graph.inputs[0].shape[1:])
    lines += ["# The same plain stack as a keras.Sequential model", "model = keras.Sequential(["]
    lines.append(f"    keras.Input(shape={shape!r}),")
    lines += [f"    {layer_constructor(op)}," for op, *_ in graph.steps]
    lines.append(f'], name="{model.name}")')
    return "\n".join(lines)


def code_panel_text(model: Any, extractor_code: str) -> str:
    """The Layers tab's code panel: the model's own code, then the feature extractor's."""
    from core.inspect.structure import ModelStructureError

    try:
        own = model_code(model)
    except (ModelStructureError, ValueError, TypeError, AttributeError):
        return extractor_code
    return f"{own}\n\n# The feature extractor this tab runs: every layer's output in one call\n{extractor_code}"
