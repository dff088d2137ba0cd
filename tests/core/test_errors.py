"""core.errors: which errors are the user's, and how any error becomes one line."""

from __future__ import annotations

import pytest

from core.cli.errors import CommandError
from core.data.dataset import DatasetError
from core.data.idx import IdxError
from core.errors import ConfigError, UserError, describe_error, first_line
from core.inspect.activations import InputMismatchError
from core.inspect.model_files import ModelFileError, UnsafeModelError
from core.inspect.structure import ModelStructureError
from core.latent.plane import LatentError
from core.training.run_folder import RunError


@pytest.mark.parametrize(
    "cls",
    [DatasetError, IdxError, RunError, ModelFileError, UnsafeModelError, LatentError,
     InputMismatchError, ModelStructureError, CommandError, ConfigError],
)
def test_every_user_facing_error_is_a_user_error(cls: type[Exception]) -> None:
    assert issubclass(cls, UserError)
    assert describe_error(cls("the file is not there\nmore detail")) == "the file is not there"


@pytest.mark.parametrize("cls", [DatasetError, IdxError, LatentError, InputMismatchError,
                                 ModelStructureError, ConfigError])
def test_value_errors_stay_value_errors(cls: type[Exception]) -> None:
    assert issubclass(cls, ValueError)


def test_other_errors_keep_their_type_name() -> None:
    assert describe_error(ValueError("bad shape\ntraceback-ish")) == "ValueError: bad shape"
    assert describe_error(KeyError("x")) == "KeyError: 'x'"
    assert describe_error(RuntimeError()) == "RuntimeError"
    assert first_line(UserError("  one\ntwo ")) == "one"
