"""``python -m mathcore``: the numbers of the videos for other tools.

Subcommands print a readable table by default and JSON with ``--json``. Any
bad input gives one line on stderr, exit code 2 and nothing on stdout; no
command at all prints the usage and the commands on stderr, also exit 2. A
``step`` run whose training diverges says at which step, exit code 1. When
the reader closes the pipe (``| head``), the tool stops quietly with 141, as
a program killed by SIGPIPE does in a shell.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

import numpy as np

from .cnn import FILTERS, conv2d, demo_crop
from .dense import Diverged, Problem, backward, forward, loss_of, parse_problem, step, train
from .learn import EXPERIMENTS, Accuracy, Degradation, Features, Permuted, Settings, Shift, StaleCache, parse
from .learn.results import AnyResult
from .learn import cache as experiment_cache
from .lineage import ARCHITECTURES, architecture, reasons
from .post import TEXT_SLIPS, audit, audit_markdown, worked_example
from .post.worked_example import CHAINS
from .validate import as_count

EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_BROKEN_PIPE = 128 + 13  # the shell's status for a process ended by SIGPIPE

# `step --steps` at most this: 21 s for the post's 2-2-1 network with --json
# (135 µs a step, measured on the 2-core dev VM); a step costs about as much
# per layer, so deeper configs stay near a minute up to ~6 layers.
MAX_STEPS = 100_000


class UsageError(Exception):
    """Bad input from the command line; its message is the one line printed."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # argparse prints the whole usage; keep to the one-line contract.
        raise UsageError(message)


def _table(rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows)


def _blog(args: argparse.Namespace) -> str:
    example = worked_example(args.chain)
    if args.json:
        return json.dumps(example.flat(), ensure_ascii=False, indent=2)
    rows = [("value", f"{args.chain} chain")]
    for name, value in example.values().items():
        if args.chain == "exact":
            rows.append((name, f"{float(value):.6f}"))
        else:
            rows.append((name, str(value)))
    return _table(rows)


def _read_config(path: str) -> object:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as err:
        raise UsageError(f"--config: cannot read {path}: {err.strerror}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise UsageError(f"--config: {path} is not valid JSON: {err.msg} at line {err.lineno} column {err.colno}") from None


def _step_report(problem: Problem, steps: int | None) -> dict[str, object]:
    net, x, y, loss = problem.network, problem.input, problem.target, problem.loss
    # Training first: a diverging run stops here with the step it diverged at,
    # and once it has not, the single update below is known to stay finite.
    run = train(net, x, y, learning_rate=problem.learning_rate, steps=1 if steps is None else max(steps, 1), loss=loss)
    trace = forward(net, x)
    grads = backward(net, trace, y, loss)
    updated = step(net, grads, problem.learning_rate)

    def arr(a: np.ndarray | None) -> object:
        return None if a is None else a.tolist()

    report: dict[str, object] = {
        "forward": [{"z": arr(t.z), "a": arr(t.a)} for t in trace.layers],
        "output": arr(trace.output),
        "loss": loss_of(trace, y, loss),
        "gradients": {"layers": [{"weights": arr(g.weights), "bias": arr(g.bias)} for g in grads.layers]},
        "updated": {
            "layers": [{"weights": arr(L.weights), "bias": arr(L.bias), "activation": L.activation} for L in updated.layers]
        },
        "after_update": {"output": arr(run.output_history[1]), "loss": run.loss_history[1]},
    }
    if steps is not None:
        report["loss_history"] = list(run.loss_history[: steps + 1])
    return report


def _step(args: argparse.Namespace) -> str:
    steps = None if args.steps is None else as_count(_int(args.steps, "--steps"), "--steps", minimum=0)
    if steps is not None and steps > MAX_STEPS:
        raise UsageError(f"--steps: at most {MAX_STEPS:,} (about 20 s for the post's 2-2-1 network), got {steps:,}")
    report = _step_report(parse_problem(_read_config(args.config)), steps)
    if args.json:
        return json.dumps(report, indent=2)
    rows = [("quantity", "value")]
    for i, layer in enumerate(report["forward"]):  # type: ignore[union-attr]
        rows += [(f"layers[{i}].z", str(layer["z"])), (f"layers[{i}].a", str(layer["a"]))]
    rows += [("output", str(report["output"])), ("loss", str(report["loss"]))]
    for i, g in enumerate(report["gradients"]["layers"]):  # type: ignore[index]
        rows += [(f"dL/dW[{i}]", str(g["weights"])), (f"dL/db[{i}]", str(g["bias"]))]
    rows += [("output after update", str(report["after_update"]["output"]))]  # type: ignore[index]
    rows += [("loss after update", str(report["after_update"]["loss"]))]  # type: ignore[index]
    if "loss_history" in report:
        rows.append(("loss history", str(report["loss_history"])))
    return _table(rows)


def _int(text: str, name: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise UsageError(f"{name}: expected a whole number, got {text!r}") from None


def _audit(args: argparse.Namespace) -> str:
    lines = audit()
    if args.markdown:
        return audit_markdown(lines).rstrip("\n")
    if args.json:
        return json.dumps(
            {
                "numbers": [
                    {
                        "key": ln.row.key,
                        "printed": ln.row.printed,
                        "where": ln.row.where,
                        "exact": str(ln.exact),
                        "displayed": str(ln.displayed),
                        "verdict": ln.verdict,
                        "cause": ln.row.cause,
                        "note": ln.row.note,
                    }
                    for ln in lines
                ],
                "text_slips": [vars(s) for s in TEXT_SLIPS],
            },
            ensure_ascii=False,
            indent=2,
        )
    rows = [("value", "printed", "exact", "displayed", "verdict", "cause")]
    rows += [
        (ln.row.key, ln.row.printed, str(ln.exact), str(ln.displayed), ln.verdict, ln.row.cause or "") for ln in lines
    ]
    return _table(rows)


def _shape(shape: tuple[int, ...]) -> str:
    return "×".join(map(str, shape))


def _architectures(args: argparse.Namespace) -> str:
    models = [
        {"id": a.id, "name": a.name, "year": a.year, "weight_layers": a.weight_layers, "params": a.params, "macs": a.macs, "top1": a.top1}
        for a in ARCHITECTURES.values()
    ]
    if args.json:
        return json.dumps(models, indent=2)
    rows = [("id", "name", "year", "weight_layers", "params", "macs", "top1")]
    rows += [
        (m["id"], m["name"], str(m["year"]), str(m["weight_layers"]), f"{m['params']:,}", f"{m['macs']:,}", "" if m["top1"] is None else f"{m['top1']:.3f}")
        for m in models
    ]
    return _table(rows)


def _architecture(args: argparse.Namespace) -> str:
    try:
        arch = architecture(args.name)
    except ValueError as err:
        raise UsageError(str(err)) from None
    rows = arch.rows()
    if args.json:
        return json.dumps(
            {
                "id": arch.id,
                "name": arch.name,
                "input_shape": list(arch.input_shape),
                "layers": [
                    {"name": r.name, "type": r.kind, "output_shape": list(r.output_shape), "params": r.params, "fixed_params": r.fixed_params, "macs": r.macs}
                    for r in rows
                ],
                "params": arch.params,
                "macs": arch.macs,
                "fixed_params": arch.fixed_params,
                "weight_layers": arch.weight_layers,
            },
            indent=2,
        )
    table = [("layer", "type", "output shape", "params", "macs")]
    table.append(("input", "", _shape(arch.input_shape), "", ""))
    for r in rows:
        fixed = f" (+{r.fixed_params:,} fixed)" if r.fixed_params else ""
        table.append((r.name, r.kind, _shape(r.output_shape), f"{r.params:,}{fixed}", f"{r.macs:,}" if r.macs else ""))
    table.append(("total", "", "", f"{arch.params:,}", f"{arch.macs:,}"))
    return _table(table)


def _demo(args: argparse.Namespace) -> str:
    crop = demo_crop()
    maps = {name: conv2d(crop.values, k) for name, k in FILTERS.items()}
    if args.json:
        return json.dumps(
            {
                "crop": {"origin": list(crop.origin), "values": crop.values.tolist()},
                "filters": {name: k.tolist() for name, k in FILTERS.items()},
                "feature_maps": {name: m.tolist() for name, m in maps.items()},
            },
            indent=2,
        )

    def grid(a: np.ndarray) -> str:
        return "\n".join("  ".join(f"{v:6.2f}" for v in row) for row in a)

    parts = [f"crop at {crop.origin}:", grid(crop.values)]
    for name, m in maps.items():
        parts += ["", f"{name}:", grid(FILTERS[name]), "feature map:", grid(m)]
    return "\n".join(parts)


def _percent(x: float) -> str:
    return f"{100 * x:.1f}%"


def _experiment_text(r: AnyResult) -> str:
    """A readable summary; --json has everything."""
    if isinstance(r, Accuracy):
        rows = [("model", "params", "held-out accuracy", "train accuracy", "training time")]
        rows += [(m.name, f"{m.params:,}", _percent(m.test_accuracy), _percent(m.train_accuracy), f"{m.train_seconds:.1f} s") for m in r.models]
        return f"{r.train_size} training digits, {r.test_size} held out\n" + _table(rows)
    if isinstance(r, Permuted):
        rows = [("model", "pixels as they are", "pixels permuted", "change")]
        rows += [(m.id, _percent(m.original), _percent(m.permuted), f"{100 * m.change:+.1f} points") for m in r.models]
        return f"one permutation of the 784 pixels (seed {r.permutation_seed}) in every image, both models retrained\n" + _table(rows)
    if isinstance(r, Shift):
        rows = [("model", *(f"{k} px" for k in r.shifts))]
        rows += [(m.id, *map(_percent, m.accuracy)) for m in r.models]
        return "held-out accuracy on shifted digits (mean of left, right, up, down)\n" + _table(rows)
    if isinstance(r, Features):
        layers = "\n".join(f"  {layer.name}: {'×'.join(map(str, layer.shape))}" for layer in r.layers)
        probs = "  ".join(f"{k}: {p:.3f}" for k, p in enumerate(r.probabilities))
        return f"MNIST #{r.digit.id}, label {r.digit.label}, predicted {r.predicted}\n{layers}\nprobabilities  {probs}"
    if isinstance(r, Degradation):
        runs = {(x.depth, x.residual): x for x in r.runs}
        loss = lambda x: "diverged" if x.diverged else f"{x.train_loss:.4f}"  # noqa: E731
        rows = [("hidden layers", "plain: training loss", "residual: training loss", "plain: held-out", "residual: held-out")]
        rows += [
            (str(d), loss(runs[d, False]), loss(runs[d, True]), *(_percent(runs[d, k].test_accuracy or 0.0) for k in (False, True)))
            for d in sorted({d for d, _ in runs})
        ]
        return f"MLPs of width {r.width}, {r.epochs} epochs at η {r.learning_rate}: the loss after the same budget\n" + _table(rows)
    rows = [("model", "epoch", "loss", "train accuracy", "held-out accuracy")]
    rows += [(m.id, str(e.epoch), f"{e.loss:.4f}", _percent(e.train_accuracy), _percent(e.test_accuracy)) for m in r.models for e in m.epochs]
    steps = ", ".join(str(s.step) for s in r.snapshots)
    return _table(rows) + f"\nfirst-layer kernel snapshots at steps {steps} ({r.steps_per_epoch} steps an epoch)"


def _experiment(args: argparse.Namespace) -> str:
    name = args.name
    if name not in EXPERIMENTS:
        raise UsageError(f"experiment: unknown name {name!r}; expected one of {', '.join(EXPERIMENTS)}")
    result = experiment_cache.build((name,), experiment_cache.default_directory(), Settings())[name]
    return json.dumps(result, indent=1) if args.json else _experiment_text(parse(name, result))


def _experiments(args: argparse.Namespace) -> str:
    directory = experiment_cache.default_directory()
    if directory is None:
        raise UsageError("experiments: no assets/ folder beside mathcore to write the cache into")
    start = time.perf_counter()
    experiment_cache.build(tuple(EXPERIMENTS), directory, Settings(), force=args.force)
    return f"{len(EXPERIMENTS)} experiments in {directory} ({time.perf_counter() - start:.1f} s)"


REASONS = ("receptive-field", "breakdown", "inception", "gradients")


def _reason_data(name: str) -> object:
    """Plain data for ``reasons NAME``: each step forward of the lineage, computed."""
    if name == "receptive-field":
        stacks = [vars(reasons.stack_vs_single(n, 3, 64)) for n in (2, 3)]
        return {"stacks": stacks, "vgg16_stages": [vars(f) for f in reasons.vgg_stage_fields(architecture("vgg16"))]}
    if name == "breakdown":
        return {
            "alexnet": [vars(s) for s in reasons.where_the_work_is(architecture("alexnet"), reasons.conv_or_dense)],
            "vgg16": [vars(s) for s in reasons.where_the_work_is(architecture("vgg16"), reasons.vgg_block)],
        }
    if name == "inception":
        return {"module": "inception3a", **reasons.INCEPTION_3A, "branches": [vars(b) for b in reasons.inception_branches(**reasons.INCEPTION_3A)]}
    return [vars(reasons.depth_gradients(activation=a, residual=r)) for a in ("sigmoid", "relu") for r in (False, True)]


def _reasons(args: argparse.Namespace) -> str:
    if args.name not in REASONS:
        raise UsageError(f"reasons: unknown name {args.name!r}; expected one of {', '.join(REASONS)}")
    data = _reason_data(args.name)
    if args.json:
        return json.dumps(data, ensure_ascii=False, indent=1)
    if args.name == "gradients":
        rows = [("layer", *(f"{g['activation']}{' + skips' if g['residual'] else ''}" for g in data))]  # type: ignore[union-attr]
        rows += [(str(k + 1), *(f"{g['norms'][k]:.2e}" for g in data)) for k in range(len(data[0]["norms"]))]  # type: ignore[index]
        return "‖∂L/∂W_k‖ in a 20-layer dense stack of width 16, one seeded input\n" + _table(rows)
    return json.dumps(data, ensure_ascii=False, indent=1)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m mathcore", description=__doc__.splitlines()[0].replace("``", ""))
    # Not required: without a command main() prints the whole help, not
    # argparse's "the following arguments are required: command".
    sub = parser.add_subparsers(dest="command", title="commands", metavar="command", parser_class=_Parser)

    blog = sub.add_parser("blog", help="the post's worked 2-2-1 example")
    blog.add_argument("--chain", choices=CHAINS, default="exact")
    blog.add_argument("--json", action="store_true", help="one flat JSON object")
    blog.set_defaults(run=_blog)

    stp = sub.add_parser("step", help="forward, backward and one update of any dense network")
    stp.add_argument("--config", required=True, help="network JSON (see mathcore.dense.problem)")
    stp.add_argument("--steps", help=f"also train N steps (at most {MAX_STEPS:,}) and report loss_history (N+1 values)")
    stp.add_argument("--json", action="store_true")
    stp.set_defaults(run=_step)

    aud = sub.add_parser("audit", help="every number the post prints, checked against both chains")
    fmt = aud.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true")
    fmt.add_argument("--markdown", action="store_true", help="docs/blog-numbers.md")
    aud.set_defaults(run=_audit)

    archs = sub.add_parser("architectures", help="the CNN lineage, one row per model")
    archs.add_argument("--json", action="store_true")
    archs.set_defaults(run=_architectures)

    arch = sub.add_parser("architecture", help="one model layer by layer")
    arch.add_argument("name", help=f"one of: {', '.join(ARCHITECTURES)}")
    arch.add_argument("--json", action="store_true")
    arch.set_defaults(run=_architecture)

    demo = sub.add_parser("demo", help="the demo crop and its feature map under each demo filter")
    demo.add_argument("--json", action="store_true")
    demo.set_defaults(run=_demo)

    why = sub.add_parser("reasons", help="why each step of the lineage worked, computed from the specs")
    why.add_argument("name", help=f"one of: {', '.join(REASONS)}")
    why.add_argument("--json", action="store_true")
    why.set_defaults(run=_reasons)

    exp = sub.add_parser("experiment", help="one measured experiment on the real digits (from the cache when it is fresh)")
    exp.add_argument("name", help=f"one of: {', '.join(EXPERIMENTS)}")
    exp.add_argument("--json", action="store_true")
    exp.set_defaults(run=_experiment)

    exps = sub.add_parser("experiments", help="rebuild the stale cached experiment results in assets/experiments")
    exps.add_argument("--force", action="store_true", help="rebuild every result, stale or not")
    exps.set_defaults(run=_experiments)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # Training reports its epochs on stderr; stdout stays the result.
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if args.command is None:
            print(parser.format_help().rstrip("\n"), file=sys.stderr)
            return EXIT_USAGE
        run: Callable[[argparse.Namespace], str] = args.run
        output = run(args)
    except Diverged as err:  # a ValueError, but the input was valid
        print(f"error: {err}", file=sys.stderr)
        return EXIT_FAILED
    except (UsageError, ValueError, TypeError, StaleCache, FileNotFoundError) as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_USAGE
    try:
        print(output)
        sys.stdout.flush()
    except BrokenPipeError:
        # The Python docs' recipe (signal module, "Note on SIGPIPE"): point
        # stdout at devnull so the interpreter's final flush does not raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    return 0
