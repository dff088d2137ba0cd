"""The GAN tab on a class-conditional (AC-GAN) run: the class chooser, its names and locks; an
unconditional run hides the chooser. (Train steps on an AC-GAN run: test_gan_tab.py.)"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt

TIMEOUT = 30_000


@pytest.fixture
def tab(errors, make_gan_tab):
    return make_gan_tab((1200, 850))


def _choose(qtbot, tab, index: int) -> np.ndarray:
    before = tab.last_result
    tab.class_combo.setCurrentIndex(index)
    tab.class_combo.activated.emit(index)
    qtbot.waitUntil(lambda: tab.last_result is not before and tab.sampling.idle, timeout=TIMEOUT)
    return tab.last_result.grid.copy()


def _cell(tab, index: int) -> QPoint:
    return tab.grid._cell_rect(index).center().toPoint()


def test_the_class_chooser_draws_every_unlocked_sample_as_the_chosen_class(qtbot, tab, acgan_run, show_gan_run) -> None:
    show_gan_run(tab, acgan_run)
    assert tab.class_combo.isVisible()
    names = [tab.class_combo.itemText(i) for i in range(tab.class_combo.count())]
    assert names[0] == "all classes" and len(names) == 1 + len(tab.dataset.class_names) == 9
    assert all(name in text for name, text in zip(tab.dataset.class_names, names[1:], strict=True))
    free = tab.last_result.grid.copy()
    qtbot.mouseClick(tab.grid, Qt.MouseButton.RightButton, pos=_cell(tab, 5))  # lock one sample
    as_three = _choose(qtbot, tab, 4)  # class 3
    z = tab.sampling.grid_noise()
    unlocked = [i for i in range(len(z)) if i != 5]
    assert (np.argmax(z[unlocked, :8], axis=1) == 3).all()
    np.testing.assert_array_equal(as_three[5], free[5])  # the locked sample keeps its own class
    changed = [i for i in unlocked if not np.allclose(as_three[i], free[i])]
    asked_other = [i for i in unlocked if np.argmax(tab.noise_grid.z[i, :8]) != 3]
    assert set(asked_other) <= set(changed) and asked_other  # every sample that asked for another class changed
    as_six = _choose(qtbot, tab, 7)
    assert not np.allclose(as_six[unlocked], as_three[unlocked])
    np.testing.assert_allclose(_choose(qtbot, tab, 0), free, atol=1e-6)  # "all classes": their own again


def test_an_unconditional_run_hides_the_chooser_and_a_new_run_resets_it(qtbot, tab, acgan_run, gan_run, show_gan_run) -> None:
    show_gan_run(tab, acgan_run)
    _choose(qtbot, tab, 2)
    assert tab.sampling.label == 1
    show_gan_run(tab, gan_run)  # the dense GAN of the digits has no classes
    qtbot.waitUntil(lambda: not tab.class_combo.isVisible(), timeout=TIMEOUT)
    assert tab.sampling.classes == 0 and tab.sampling.label is None



def test_the_metrics_say_why_samples_can_score_above_the_real_images(qtbot) -> None:
    from gui.gan.quality_view import metrics_table_html

    real = {"score": 8.73, "frechet": 0.95, "class_entropy": 3.31}
    above = metrics_table_html({"gan": {"score": 9.58, "frechet": 3.56, "class_entropy": 3.32}, "real": real})
    below = metrics_table_html({"gan": {"score": 6.39, "frechet": 4.88, "class_entropy": 3.3}, "real": real})
    assert "9.58" in above and "Above the real images" in above
    assert "6.39" in below and "Above the real" not in below
    from gui.gan.side_panel import GanSidePanel

    panel = GanSidePanel()
    qtbot.addWidget(panel)
    panel.show_metrics({"gan": {"score": 9.58, "frechet": 3.56, "class_entropy": 3.32}, "real": real})
    assert "more clearly one class" in panel.metrics_label.toolTip()  # the whole reason, on hover
    panel.show_metrics({"gan": {"score": 6.39, "frechet": 4.88, "class_entropy": 3.3}, "real": real})
    assert panel.metrics_label.toolTip() == ""
