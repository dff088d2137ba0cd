"""Flatten any Keras model's graph into one list of layer outputs, nested models expanded.

`expand_model(model)` calls every layer again on fresh symbolic inputs (`keras.Input`),
reaching the inner layers of nested models (a `Sequential` inside a functional model)
through the outer graph. That sidesteps three Keras 3 traps: a `Sequential` never called
has no `.output`; a layer used at several places has no single `.output`; a nested
model's inner layers are not connected to the outer model's inputs. The result also
records the functional-API code that performs the same rebuild.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from core.errors import UserError
from core.tf_env import keras


class ModelStructureError(UserError, ValueError):
    """The model's graph cannot be rebuilt (e.g. a Sequential with no known input shape)."""


@dataclass(frozen=True)
class LayerInfo:
    """One layer output of the expanded graph.

    `name` is the nested path ("inner_seq/dense_1"; "#2" marks the second use of a
    shared layer, "[i]" the i-th output of a multi-output layer); `inbound` names the
    entries (or "input:NAME") that feed it, so branches and joins are recognisable.
    """

    name: str
    class_name: str
    output_shape: tuple[int | None, ...]
    params: int
    depth: int
    inbound: tuple[str, ...]


@dataclass(frozen=True)
class ContainerInfo:
    """A nested model met while expanding (shown as a group in the structure view)."""

    name: str
    class_name: str
    params: int
    depth: int


@dataclass
class ExpandedGraph:
    """The rebuilt graph: fresh inputs, every layer output in call order, and its code."""

    inputs: list[Any]
    outputs: list[Any]
    infos: list[LayerInfo]
    containers: list[ContainerInfo]
    code_lines: list[str] = field(default_factory=list)
    steps: list[tuple[Any, tuple[Any, ...], dict[str, Any], list[Any]]] = field(default_factory=list)

    def replay(self, values: list[Any]) -> list[Any]:
        """Run the recorded layer calls on real tensors (same maths as the functional model).

        Used where a functional model cannot be built, e.g. when a nested model reuses a
        layer name of the outer model (Keras requires unique names in one model).
        """
        tree = keras().tree
        env = {id(s): v for s, v in zip(self.inputs, values, strict=False)}

        def fill(t: Any) -> Any:
            return env.get(id(t), t)

        for op, args, kwargs, outs in self.steps:
            a, kw = tree.map_structure(fill, (list(args), kwargs))
            for sym, val in zip(outs, tree.flatten(op(*a, **kw)), strict=False):
                env[id(sym)] = val
        return [env[id(t)] for t in self.outputs]


def _input_specs(model: Any) -> list[tuple[tuple[int | None, ...], str, str]]:
    """(batch shape, dtype, name) of each model input, for never-called Sequentials too."""
    k = keras()
    try:
        tensors = list(model.inputs)
    except (AttributeError, ValueError):
        tensors = []
    if tensors:
        return [(tuple(t.shape), str(t.dtype), t.name) for t in tensors]
    if isinstance(model, k.Sequential) and model.layers:
        first = model.layers[0]
        shape = getattr(first, "_input_shape_arg", None) or getattr(first, "_build_shapes_dict", None)
        if isinstance(shape, dict) and shape:
            shape = next(iter(shape.values()))[1:]
        if shape:
            return [((None, *tuple(shape)), "float32", f"{model.name}_input")]
    raise ModelStructureError(
        f"model '{model.name}' has no defined input shape (a Sequential that was never built); "
        "give it a keras.Input first"
    )


def _is_graph_model(obj: Any) -> bool:
    k = keras()
    return isinstance(obj, k.Model) and (
        isinstance(obj, k.Sequential) or hasattr(obj, "_run_through_graph") and hasattr(obj, "_nodes_by_depth")
    )


class _Expander:
    def __init__(self) -> None:
        self.k = keras()
        self.outputs: list[Any] = []
        self.infos: list[tuple[str, str, Any, int, tuple[str, ...], Any]] = []
        self.containers: list[tuple[str, str, Any, int]] = []
        self.code: list[str] = []
        self.var_of: dict[int, str] = {}
        self.producer_of: dict[int, str] = {}
        self.uses: dict[str, int] = {}
        self.steps: list[tuple[Any, tuple[Any, ...], dict[str, Any], list[Any]]] = []

    def _repr(self, obj: Any) -> str:
        if isinstance(obj, (list, tuple)):
            inner = ", ".join(self._repr(o) for o in obj)
            return f"[{inner}]" if isinstance(obj, list) else f"({inner}{',' if len(obj) == 1 else ''})"
        if isinstance(obj, dict):
            return "{" + ", ".join(f"{k!r}: {self._repr(v)}" for k, v in obj.items()) + "}"
        return self.var_of.get(id(obj), repr(obj))

    def _sources(self, obj: Any) -> list[str]:
        flat = self.k.tree.flatten(obj)
        return [self.producer_of[id(t)] for t in flat if id(t) in self.producer_of]

    def expand(self, model: Any, args: tuple[Any, ...], prefix: str, access: str, depth: int) -> Any:
        if isinstance(model, self.k.Sequential):
            x = args[0]
            for layer in model.layers:
                if isinstance(layer, self.k.layers.InputLayer):
                    continue
                x = self.call(layer, (x,), {}, prefix, access, depth)
            return x
        inputs = args[0] if len(args) == 1 else list(args)
        return model._run_through_graph(
            inputs,
            operation_fn=lambda op: op,
            call_fn=lambda op, *a, **kw: self.call(op, a, kw, prefix, access, depth),
        )

    def call(self, op: Any, args: tuple[Any, ...], kwargs: dict[str, Any], prefix: str, access: str, depth: int) -> Any:
        is_layer = isinstance(op, self.k.layers.Layer)
        expr = f'{access}.get_layer("{op.name}")' if is_layer else f"<operation {op.name}>"
        if _is_graph_model(op):
            self.containers.append((prefix + op.name, type(op).__name__, op, depth))
            return self.expand(op, args, prefix + op.name + "/", expr, depth + 1)
        sources = tuple(self._sources((args, kwargs)))
        out = op(*args, **kwargs)
        name = prefix + op.name
        count = self.uses.get(name, 0) + 1
        self.uses[name] = count
        if count > 1:
            name = f"{name}#{count}"
        var = f"t{len(self.code) + 1}"
        call_args = ", ".join([self._repr(a) for a in args] + [f"{k}={self._repr(v)}" for k, v in kwargs.items()])
        self.code.append(f"{var} = {expr}({call_args})")
        flat = self.k.tree.flatten(out)
        self.steps.append((op, args, kwargs, flat))
        for i, tensor in enumerate(flat):
            entry = name if len(flat) == 1 else f"{name}[{i}]"
            self.var_of[id(tensor)] = var if len(flat) == 1 else f"{var}[{i}]"
            self.producer_of[id(tensor)] = entry
            self.outputs.append(tensor)
            self.infos.append((entry, type(op).__name__, tensor, depth, sources, op))
        return out


def _params(op: Any) -> int:
    try:
        return int(op.count_params())
    except (ValueError, AttributeError):
        return 0


def expand_model(model: Any) -> ExpandedGraph:
    """Rebuild `model`'s graph on fresh `keras.Input`s, every (nested) layer output listed.

    Raises `ModelStructureError` when the model has no known input shape or is a
    subclassed model whose graph cannot be read.
    """
    k = keras()
    if not _is_graph_model(model):
        raise ModelStructureError(
            f"model '{getattr(model, 'name', model)}' is a subclassed {type(model).__name__}; "
            "only functional and Sequential models show their layers"
        )
    specs = _input_specs(model)
    ex = _Expander()
    inputs = []
    for shape, dtype, name in specs:
        tensor = k.Input(batch_shape=shape, dtype=dtype, name=name)
        inputs.append(tensor)
        ex.var_of[id(tensor)] = "inputs" if len(specs) == 1 else f"inputs[{len(inputs) - 1}]"
        ex.producer_of[id(tensor)] = f"input:{name}"
    if len(specs) == 1:
        ex.expand(model, (inputs[0],), "", "model", 0)
    else:
        ex.expand(model, (inputs,), "", "model", 0)
    if not ex.outputs:
        raise ModelStructureError(f"model '{model.name}' has no layers to show")
    infos = [
        LayerInfo(name, cls, tuple(t.shape[1:]), _params(op), depth, sources)
        for name, cls, t, depth, sources, op in ex.infos
    ]
    containers = [ContainerInfo(n, c, _params(op), d) for n, c, op, d in ex.containers]
    header = [f'inputs = keras.Input(shape={tuple(s[1:])!r}, name="{n}")' for s, _, n in specs]
    if len(specs) > 1:
        header.append("inputs = [" + ", ".join(f"inputs_{i}" for i in range(len(specs))) + "]")
    return ExpandedGraph(inputs, ex.outputs, infos, containers, header + ex.code, ex.steps)
