"""DrawingPadWidget: strokes become MNIST-like arrays, emitted throttled and on release."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from gui.widgets.drawing_pad import DrawingPadWidget, centre_like_mnist


def _mouse(widget, kind, x, y, button=Qt.MouseButton.LeftButton, buttons=Qt.MouseButton.LeftButton):
    pos = QPointF(x, y)
    ev = QMouseEvent(kind, pos, widget.mapToGlobal(pos), button, buttons, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, ev)


def _draw_line(pad, p0, p1, steps=20):
    _mouse(pad, QMouseEvent.Type.MouseButtonPress, *p0)
    for i in range(1, steps + 1):
        t = i / steps
        _mouse(pad, QMouseEvent.Type.MouseMove, p0[0] + t * (p1[0] - p0[0]), p0[1] + t * (p1[1] - p0[1]),
               button=Qt.MouseButton.NoButton)
    _mouse(pad, QMouseEvent.Type.MouseButtonRelease, *p1, buttons=Qt.MouseButton.NoButton)


def _pad(qtbot, **kw):
    pad = DrawingPadWidget(**kw)
    qtbot.addWidget(pad)
    pad.resize(280, 280)
    pad.show()
    qtbot.waitExposed(pad)
    return pad


def test_vertical_stroke_gives_centred_vertical_bar(qtbot):
    pad = _pad(qtbot, centre=False)
    got = []
    pad.drawn.connect(lambda a: got.append(a))
    _draw_line(pad, (140, 40), (140, 240))
    arr = got[-1]  # the release emits the finished stroke at once
    assert arr.shape == (28, 28) and arr.dtype == np.float32
    assert 0.0 <= arr.min() and arr.max() <= 1.0
    assert arr.max() > 0.9  # thick white stroke
    cols = arr.sum(axis=0)
    assert abs(int(np.argmax(cols)) - 14) <= 1  # the bar is in the middle column
    assert cols[:8].sum() == 0 and cols[-8:].sum() == 0  # black elsewhere
    rows = np.nonzero(arr.sum(axis=1) > 0)[0]
    assert rows.min() <= 5 and rows.max() >= 22  # spans from y=40/10 to 240/10 (plus brush)
    np.testing.assert_allclose(pad.image(), arr)


def test_centring_moves_off_centre_stroke_to_middle(qtbot):
    pad = _pad(qtbot)  # centre=True
    got = []
    pad.drawn.connect(lambda a: got.append(a))
    _draw_line(pad, (30, 20), (30, 120))  # small stroke in the top-left corner
    arr = got[-1]
    ys, xs = np.nonzero(arr)
    w = arr[ys, xs]
    cy, cx = (ys * w).sum() / w.sum(), (xs * w).sum() / w.sum()
    assert abs(cy - 13.5) < 1.5 and abs(cx - 13.5) < 1.5
    assert ys.max() - ys.min() >= 17  # scaled to the 20-pixel box like MNIST


def test_clear_set_image_and_brush(qtbot):
    pad = _pad(qtbot, size=8, centre=False)
    img = np.zeros((8, 8), np.float32)
    img[2:6, 3] = 1.0
    with qtbot.waitSignal(pad.drawn, timeout=2000) as blocker:
        pad.set_image(img)
    np.testing.assert_allclose(blocker.args[0], img, atol=1 / 255)
    with qtbot.waitSignal(pad.drawn, timeout=2000) as blocker:
        pad.clear()
    assert blocker.args[0].shape == (8, 8) and blocker.args[0].sum() == 0
    pad.set_brush_width(100)
    assert pad.brush_width() == 4.0


def test_stroke_emits_throttled_while_drawing(qtbot):
    pad = _pad(qtbot, centre=False)
    got = []
    pad.drawn.connect(lambda a: got.append(a.copy()))
    _mouse(pad, QMouseEvent.Type.MouseButtonPress, 100, 100)
    for i in range(50):
        _mouse(pad, QMouseEvent.Type.MouseMove, 100 + i, 100, button=Qt.MouseButton.NoButton)
    # 51 mouse events in far less than 33 ms each -> far fewer emissions, one pending on the timer
    assert 1 <= len(got) < 10
    qtbot.waitUntil(lambda: len(got) >= 2, timeout=2000)  # the throttle timer delivers the latest
    assert got[-1].sum() > got[0].sum()


def test_centre_like_mnist_blank_and_shape():
    blank = np.zeros((28, 28), np.float32)
    assert centre_like_mnist(blank) is blank
    img = np.zeros((28, 28), np.float32)
    img[0:4, 0:4] = 1.0
    out = centre_like_mnist(img)
    assert out.shape == (28, 28) and out.max() > 0.9
    assert out[:4, :4].sum() == 0  # moved to the middle
