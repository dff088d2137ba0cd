"""The Training tab on Mondrian (colour) data: the dataset choice, and the epoch snapshot of
originals over reconstructions painted in colour."""

from __future__ import annotations

from typing import Any

from gui.app_state import AppState
from gui.engine import start_engine_loading
from gui.training.tab import TrainingTab


def test_training_tab_snapshots_are_colour(qtbot: Any, latent_home: Any, errors: list, colourful: Any,
                                           wait_finished: Any) -> None:
    state = AppState()
    state.settings.setValue("training/dataset", "mondrian")
    tab = TrainingTab(state)
    qtbot.addWidget(tab)
    tab.resize(1100, 700)
    tab.show()
    loader = start_engine_loading(state)
    qtbot.waitUntil(lambda: state.engine_loaded and tab.form.source == "mondrian", timeout=90_000)
    assert loader.wait(1)
    try:
        assert state.dataset is not None and state.dataset.image_shape == (32, 32, 3)
        tab.configure("vae", epochs=1, batch_size=32, max_train=96)
        tab.start_training()
        result = wait_finished(tab)
        assert result.status == "completed", result.message
        shown = tab.snapshot_view.image()
        assert shown is not None and shown.ndim == 3 and shown.shape[-1] == 3
        assert colourful(tab.snapshot_view)  # the originals row: red, yellow and blue cells
        assert errors == []
    finally:
        tab.shutdown(5.0)
        state.wait_for_scan(5.0)


def test_an_image_folder_opens_as_a_colour_dataset(qtbot: Any, tab: TrainingTab, tmp_path: Any,
                                                   monkeypatch: Any, errors: list) -> None:
    from PIL import Image

    from gui import dialogs

    for name, colour in (("red", (220, 20, 20)), ("blue", (20, 40, 200))):
        (tmp_path / "pets" / name).mkdir(parents=True)
        for i in range(6):
            Image.new("RGB", (10, 10), colour).save(tmp_path / "pets" / name / f"{i}.png")
    monkeypatch.setattr(dialogs, "choose_image_folder", lambda parent, settings=None: tmp_path / "pets")
    combo = tab.form.dataset_combo
    index = combo.findData("__open_folder__")
    assert index >= 0
    combo.setCurrentIndex(index)
    combo.activated.emit(index)
    source = f"folder:{tmp_path / 'pets'}"
    qtbot.waitUntil(lambda: tab.form.source == source and tab.state.dataset is not None
                    and tab.state.dataset.source == source, timeout=30_000)
    assert tab.state.dataset.image_shape == (10, 10, 3) and tab.state.dataset.class_names == ("blue", "red")
    assert errors == []
