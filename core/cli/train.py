"""`main.py train KIND …`: the training engine headless, with a text progress bar on stderr.

Exit codes: 0 completed, 1 a failure while training (a NaN loss, a full disk), 2 bad input
(including `--resume` of a run another trainer holds, or with an option that contradicts the
run's settings), 130 stopped by Ctrl-C (the last complete epoch's checkpoint is kept). Errors
are raised; the dispatcher prints them.
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from typing import Any, TextIO

from core.cli.errors import EXIT_INTERRUPTED, CommandError, CommandFailed, caused_by_os_error
from core.cli.resume import check_resumable
from core.errors import UserError, describe_error
from core.progress import ProgressEvent, ProgressHandle


def add_parser(subparsers: Any, help_text: str) -> None:
    """Register the `train` sub-command."""
    p = subparsers.add_parser("train", help=help_text)
    p.add_argument("kind", nargs="?", help="classifier, autoencoder, vae, cvae or gan (optional with --resume)")
    p.add_argument("--dataset", help="mnist, fashion_mnist, digits, idx:DIR or npz:FILE (default: mnist if cached, else digits)")
    p.add_argument("--epochs", type=int, help="epochs to train (with --resume: epochs to add)")
    p.add_argument("--batch-size", type=int)
    p.add_argument("--latent-dim", type=int)
    p.add_argument("--lr", type=float, help="learning rate")
    p.add_argument("--seed", type=int, help="random seed (default 0)")
    p.add_argument("--arch", help="architecture variant (see core.models.ARCHS; default: default)")
    p.add_argument("--out", help="the run folder to create (default: a new folder under the runs folder)")
    p.add_argument("--max-train", type=int, help="use at most N training images")
    p.add_argument("--max-test", type=int, help="use at most N test images")
    p.add_argument("--strategy", choices=("default", "mirrored", "multiworker"),
                   help="distribution strategy (default: default; multiworker: the workers of TF_CONFIG, see README)")
    p.add_argument("--resume", metavar="RUN_DIR", help="continue training an existing run folder")
    p.add_argument("--no-gan-metrics", action="store_true", help="skip the per-epoch GAN quality metrics")


def _fmt_logs(logs: dict[str, Any], limit: int = 4) -> str:
    items = [(k, v) for k, v in logs.items() if isinstance(v, int | float)][:limit]
    return " ".join(f"{k} {v:.4g}" for k, v in items)


def _fmt_s(seconds: Any) -> str:
    if not isinstance(seconds, int | float) or seconds != seconds:
        return "?"
    return f"{seconds:.0f}s" if seconds < 120 else f"{seconds / 60:.1f}min"


class TextProgress:
    """Turns training events into a progress bar: one `\\r`-updated line on a tty, else a line per epoch."""

    def __init__(self, stream: TextIO, *, tty: bool | None = None, width: int = 24) -> None:
        self.stream = stream
        self.tty = stream.isatty() if tty is None else tty
        self.width = width
        self.epochs = 0
        self._last_draw = 0.0
        self._t_epoch = time.perf_counter()

    def _line(self, text: str, *, final: bool) -> None:
        if self.tty:
            self.stream.write("\r\033[K" + text + ("\n" if final else ""))
        else:
            self.stream.write(text + "\n")
        self.stream.flush()

    def __call__(self, event: ProgressEvent) -> None:
        d = event.data
        if event.kind == "start":
            self.epochs = int(d["epochs"])
            self._t_epoch = time.perf_counter()
            self._line(f"training {d['kind']} on {d['dataset_name']}: epochs {d['initial_epoch'] + 1}-{self.epochs}, "
                       f"{d['steps']} batches each", final=True)
        elif event.kind == "batch" and self.tty:
            now = time.perf_counter()
            if now - self._last_draw < 0.1 and d["batch"] != d["steps"]:
                return
            self._last_draw = now
            filled = int(self.width * d["batch"] / max(1, d["steps"]))
            bar = "#" * filled + "." * (self.width - filled)
            self._line(f"epoch {d['epoch']}/{self.epochs} [{bar}] {d['batch']}/{d['steps']} "
                       f"{_fmt_logs(d['logs'])} eta {_fmt_s(d['eta_s'])}", final=False)
        elif event.kind == "epoch":
            took = time.perf_counter() - self._t_epoch
            self._t_epoch = time.perf_counter()
            self._line(f"epoch {d['epoch']}/{self.epochs}: {_fmt_logs(d['logs'], limit=8)} "
                       f"({took:.1f}s, eta {_fmt_s(d['eta_s'])})", final=True)
        elif event.kind == "message":
            self._line(str(d["text"]), final=True)


def make_run(args: argparse.Namespace, handle: ProgressHandle) -> Any:
    """The `TrainingRun` the options describe (new, or `--resume`d); `UserError` on bad input."""
    from core.training.cluster import other_worker, worker_config
    from core.training.config import TrainConfig
    from core.training.run import TrainingRun

    if args.epochs is not None and args.epochs < 0:
        raise CommandError(f"--epochs must be 0 or more, not {args.epochs}")
    if args.resume and other_worker():  # the chief resumes the folder; this worker only joins it
        return TrainingRun(worker_config(args.resume), handle=handle)
    if args.resume:
        check_resumable(args)
        run = TrainingRun.open(args.resume, handle)
        if args.kind and args.kind != run.config.kind:
            raise CommandError(f"{args.resume} is a {run.config.kind} run, not {args.kind}")
        return run
    if not args.kind:
        raise CommandError("give a model kind (classifier, autoencoder, vae or gan) or --resume RUN_DIR")
    dataset = args.dataset
    if dataset is None:
        from core.data.sources import default_source

        dataset = default_source(allow_download=False)
    config = TrainConfig(
        kind=args.kind, dataset=dataset, epochs=args.epochs, batch_size=args.batch_size,
        learning_rate=args.lr, latent_dim=args.latent_dim, seed=0 if args.seed is None else args.seed,
        arch=args.arch or "default", max_train=args.max_train, max_test=args.max_test,
        gan_metrics=not args.no_gan_metrics, strategy=args.strategy or "default",
    )
    config.resolved()  # bad values fail here, before TensorFlow builds anything
    out = None if config.strategy == "multiworker" and other_worker() else args.out  # the chief's folder
    return TrainingRun(config, run_dir=out, handle=handle)


def _summary(result: Any) -> str:
    lines = [f"run: {result.run_dir}", f"status: {result.status}", f"epochs: {result.epochs_done}"]
    for name, values in result.history.items():
        if values and isinstance(values[-1], int | float):
            lines.append(f"{name}: {values[-1]:.4f}")
    for name, value in result.test_metrics.items():
        lines.append(f"test_{name}: {value:.4f}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Train (or resume) headless; see the module docstring for exit codes."""
    printer = TextProgress(sys.stderr)
    handle = ProgressHandle(printer)
    training = make_run(args, handle)
    box: dict[str, Any] = {}
    finished = threading.Event()

    def work() -> None:
        try:
            box["result"] = training.train(args.epochs)
        except BaseException as exc:  # handed to the main thread
            box["error"] = exc
        finally:
            finished.set()

    # Wait on an Event, not Thread.join: a KeyboardInterrupt inside join can leave the
    # thread reporting is_alive() == False while it still runs.
    threading.Thread(target=work, name="train", daemon=True).start()
    interrupted = False
    while True:
        try:
            while not finished.wait(0.1):
                pass
            break
        except KeyboardInterrupt:
            if not interrupted:
                interrupted = True
                handle.cancel()
                print("\nstopping after the current batch (the last checkpoint is kept)…", file=sys.stderr)
    if "error" in box:
        error = box["error"]
        if isinstance(error, UserError) and caused_by_os_error(error):
            raise CommandFailed(describe_error(error)) from error  # a full disk is no bad input
        raise error
    result = box["result"]
    print(_summary(result))
    if interrupted or result.status == "stopped":
        return EXIT_INTERRUPTED
    if result.status == "failed":
        raise CommandFailed(result.message)
    return 0
