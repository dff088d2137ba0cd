"""The code panel's model code: the functional and Sequential forms rebuild the same model;
a branching model gets the functional form alone and a reason."""

from __future__ import annotations

import numpy as np

from core.inspect.model_code import code_panel_text, model_code
from core.models import build_model
from core.tf_env import keras


def _run(code: str, name: str = "model") -> object:
    scope: dict = {}
    exec(code, scope)  # noqa: S102 - the code under test is generated here, from our own models
    return scope[name]


def _same_model(a, b) -> None:
    assert a.count_params() == b.count_params()
    assert [type(layer).__name__ for layer in a.layers if type(layer).__name__ != "InputLayer"] == [
        type(layer).__name__ for layer in b.layers if type(layer).__name__ != "InputLayer"]
    assert tuple(a.outputs[0].shape) == tuple(b.outputs[0].shape)


def test_plain_stack_gets_both_forms_and_both_rebuild_it() -> None:
    generators = [build_model("gan", (28, 28, 1), arch=arch).roles["generator"] for arch in ("dcgan", "acgan")]
    for model in (build_model("classifier", (28, 28, 1)).model, *generators):
        code = model_code(model)
        functional, _, sequential = code.partition("# The same plain stack as a keras.Sequential model")
        assert "keras.Model(inputs" in functional and sequential.lstrip().startswith("model = keras.Sequential([")
        _same_model(_run(functional), model)
        imports = [line for line in functional.splitlines() if line.startswith(("import ", "from "))]
        assert any("import ClassCode" in line for line in imports) == (model is generators[1])  # its custom layer
        rebuilt = _run("\n".join([*imports, sequential]))
        _same_model(rebuilt, model)
        assert type(rebuilt).__name__ == "Sequential"


def test_branching_models_have_only_the_functional_form() -> None:
    encoder = build_model("vae", (8, 8, 1)).roles["encoder"]
    code = model_code(encoder)
    assert "keras.Sequential" not in code.replace("No keras.Sequential form", "")
    assert "several outputs" in code
    rebuilt = _run(code)
    assert rebuilt.count_params() == encoder.count_params() and len(rebuilt.outputs) == 3
    k = keras()
    inputs = k.Input(shape=(4,))
    hidden = k.layers.Dense(4, name="h")(inputs)
    skip = k.layers.Add(name="skip")([inputs, hidden])
    residual = k.Model(inputs, k.layers.Dense(2, name="out")(skip), name="residual")
    code = model_code(residual)
    assert "branches or joins" in code
    x = np.ones((1, 4), np.float32)
    rebuilt = _run(code)
    rebuilt.set_weights(residual.get_weights())
    np.testing.assert_allclose(np.asarray(rebuilt(x)), np.asarray(residual(x)), rtol=1e-6)


def test_code_panel_puts_the_model_before_the_extractor() -> None:
    model = build_model("classifier", (8, 8, 1)).model
    text = code_panel_text(model, "extractor = ...")
    assert text.index("keras.Sequential") < text.index("extractor = ...")
