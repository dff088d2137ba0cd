"""Screenshots of users' own model files in the window: a generator in the GAN tab, a
decoder (with its encoder, 8-D latent) in the Latent map, Grad-CAM on a conv classifier in
the Layers tab. The models are built and trained here with plain Keras, outside Latent Lab,
then opened as files the way a user would (File -> Open model...).

Usage: python tools/byo_screenshots.py [--out assets/screenshots/byo]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


def _models(folder: Path) -> dict[str, Path]:
    """A conv classifier, an 8-D VAE's encoder and decoder, and a tanh generator (plain Keras)."""
    import numpy as np

    from core.data.sources import load_dataset
    from core.tf_env import keras

    k = keras()
    k.utils.set_random_seed(1)
    ds = load_dataset("digits")
    x = ds.x_train.reshape(-1, 8, 8, 1).astype("float32")
    inp = k.Input((8, 8, 1))
    h = k.layers.Conv2D(16, 3, activation="relu", padding="same", name="conv1")(inp)
    h = k.layers.Conv2D(32, 3, activation="relu", padding="same", name="conv2")(h)
    out = k.layers.Dense(10, activation="softmax", name="scores")(k.layers.GlobalAveragePooling2D()(h))
    clf = k.Model(inp, out, name="my_conv_classifier")
    clf.compile("adam", "sparse_categorical_crossentropy")
    clf.fit(x, ds.y_train, epochs=60, batch_size=64, verbose=0)
    # An autoencoder with an 8-D code, split into encoder and decoder files.
    enc_in = k.Input((8, 8, 1))
    code = k.layers.Dense(8, name="code")(k.layers.Dense(64, activation="relu")(k.layers.Flatten()(enc_in)))
    encoder = k.Model(enc_in, code, name="my_encoder")
    dec_in = k.Input((8,))
    img = k.layers.Reshape((8, 8, 1))(k.layers.Dense(64, activation="sigmoid")(k.layers.Dense(64, activation="relu")(dec_in)))
    decoder = k.Model(dec_in, img, name="my_decoder")
    ae = k.Model(enc_in, decoder(encoder(enc_in)))
    ae.compile("adam", "binary_crossentropy")
    ae.fit(x, x, epochs=80, batch_size=64, verbose=0)
    # A generator with a tanh output and a 100-long noise vector, fitted to map noise to
    # real digits (a quick stand-in for a user's trained GAN generator).
    g_in = k.Input((100,))
    g = k.layers.Dense(128, activation="relu")(g_in)
    g = k.layers.Reshape((8, 8, 1))(k.layers.Dense(64, activation="tanh")(g))
    gen = k.Model(g_in, g, name="my_generator")
    gen.compile("adam", "mse")
    noise = np.random.default_rng(0).standard_normal((len(x), 100)).astype("float32")
    gen.fit(noise, x * 2 - 1, epochs=40, batch_size=64, verbose=0)
    paths = {}
    for name, model in (("classifier", clf), ("encoder", encoder), ("decoder", decoder), ("generator", gen)):
        paths[name] = folder / f"my_{name}.keras"
        model.save(paths[name])
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "assets" / "screenshots" / "byo"))
    args = parser.parse_args(argv)
    from shot_window import open_window

    import gui.main_window as main_window_module

    shot = open_window("latent-lab-byo-", "digits")
    app, window, tmp = shot.app, shot.window, shot.tmp

    def wait(seconds: float) -> None:
        until = time.monotonic() + seconds
        while time.monotonic() < until:
            app.processEvents()
            time.sleep(0.01)

    files = _models(tmp)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    chosen: dict[str, str] = {}
    main_window_module.ask_which_tab = lambda parent, name, titles: titles.index(chosen["tab"])  # type: ignore[assignment]

    chosen["tab"] = "GAN"
    window.open_model_file(files["generator"])
    wait(4.0)
    window.grab().save(str(out / "gan_user_generator.png"))

    chosen["tab"] = "Latent map"
    latent = window.tab("Latent map")
    window.open_model_file(files["decoder"])
    wait(3.0)
    latent.user.open_decoder(files["decoder"], files["encoder"])
    wait(5.0)
    latent.pick_point(0.5, -0.5)
    wait(1.5)
    window.grab().save(str(out / "latent_user_decoder.png"))

    chosen["tab"] = "Layers"
    layers = window.tab("Layers")
    window.open_model_file(files["classifier"])
    wait(4.0)
    layers.view_tabs.setCurrentWidget(layers.attribution)
    wait(2.0)
    layers.attribution.set_method("gradcam")
    wait(3.0)
    window.grab().save(str(out / "layers_gradcam.png"))
    for name in ("gan_user_generator", "latent_user_decoder", "layers_gradcam"):
        print(f"saved {out / name}.png")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
