"""python -m mathcore: output contract, round trips and every bad input."""

import copy
import itertools
import json
import os
import subprocess
import sys

import numpy as np
import pytest
from test_worked_example import POST_PRINTED, hand_exact

from mathcore import parse_problem
from mathcore.cli import MAX_STEPS, main

BLOG_KEYS = (
    ["x1", "x2", "y1", "eta", "w1", "w2", "w3", "w4", "w5", "w6", "z1", "z2", "a1", "a2", "y_hat", "loss"]
    + [f"dL_dw{i}" for i in range(1, 7)]
    + [f"w{i}_new" for i in range(1, 7)]
    + ["y_hat_new", "loss_new"]
)

# The post's network written as a config by hand: rows are units.
BLOG_CONFIG = {
    "layers": [
        {"weights": [[0.3, 0.2], [0.2, 0.3]], "activation": "sigmoid"},
        {"weights": [[0.4, 0.5]], "bias": None, "activation": "identity"},
    ],
    "input": [0.5, 0.3],
    "target": [0.7],
    "loss": "squared_error",
    "learning_rate": 0.1,
}


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mathcore", *args], capture_output=True, text=True, check=False)


def test_blog_json_has_exactly_the_keys() -> None:
    result = run("blog", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data) == BLOG_KEYS
    for key, value in hand_exact().items():
        assert data[key] == pytest.approx(value, rel=1e-12)


def test_blog_displayed_json_prints_the_posts_numbers() -> None:
    result = run("blog", "--chain", "displayed", "--json")
    data = json.loads(result.stdout)
    assert list(data) == BLOG_KEYS
    for key, printed in POST_PRINTED.items():
        if key in data:
            assert data[key] == float(printed), key


def test_blog_table_is_readable(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["blog", "--chain", "displayed"]) == 0
    out = capsys.readouterr().out
    assert "dL_dw1" in out and "-0.0204" in out


def test_step_round_trip(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "net.json"
    path.write_text(json.dumps(BLOG_CONFIG))
    result = run("step", "--config", str(path), "--steps", "5", "--json")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    hand = hand_exact()
    assert out["forward"][0]["a"] == pytest.approx([hand["a1"], hand["a2"]], rel=1e-12)
    assert out["output"] == pytest.approx([hand["y_hat"]], rel=1e-12)
    assert out["loss"] == pytest.approx(hand["loss"], rel=1e-12)
    assert np.array(out["gradients"]["layers"][0]["weights"]) == pytest.approx(
        np.array([[hand["dL_dw1"], hand["dL_dw3"]], [hand["dL_dw2"], hand["dL_dw4"]]]), rel=1e-12
    )
    assert out["gradients"]["layers"][1]["weights"][0] == pytest.approx([hand["dL_dw5"], hand["dL_dw6"]], rel=1e-12)
    assert out["gradients"]["layers"][1]["bias"] is None
    assert out["updated"]["layers"][1]["weights"][0] == pytest.approx([hand["w5_new"], hand["w6_new"]], rel=1e-12)
    assert out["after_update"]["output"] == pytest.approx([hand["y_hat_new"]], rel=1e-12)
    assert out["after_update"]["loss"] == pytest.approx(hand["loss_new"], rel=1e-12)
    history = out["loss_history"]
    assert len(history) == 6
    assert history[:2] == pytest.approx([hand["loss"], hand["loss_new"]], rel=1e-12)
    assert all(b < a for a, b in zip(history, history[1:]))


def test_step_without_steps_has_no_history(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "net.json"
    path.write_text(json.dumps(BLOG_CONFIG))
    assert main(["step", "--config", str(path), "--json"]) == 0
    assert "loss_history" not in json.loads(capsys.readouterr().out)
    assert main(["step", "--config", str(path)]) == 0
    assert "loss after update" in capsys.readouterr().out


def with_change(path: list, value: object) -> dict:  # type: ignore[type-arg]
    config = copy.deepcopy(BLOG_CONFIG)
    target = config
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return config


BAD_CONFIGS = [
    (with_change(["layers", 0, "weights"], [[0.3, 0.2], [0.2]]), "layers[0].weights: rows have different lengths"),
    (with_change(["layers", 1, "weights"], [[0.4, 0.5, 0.6]]), "layers[1].weights: expected 2 columns"),
    (with_change(["layers", 0, "bias"], [0.1]), "layers[0].bias: expected 2 values"),
    (with_change(["layers", 0, "weights"], [[0.3, "x"], [0.2, 0.3]]), "layers[0].weights[0][1]: expected a number"),
    (with_change(["input"], [0.5]), "input: expected 2 values"),
    (with_change(["target"], [0.7, 0.1]), "target: expected 1 values"),
    (with_change(["input"], [0.5, 1e400]), "input: contains a non-finite value"),
    (with_change(["layers", 0, "activation"], "softplus"), "layers[0].activation: unknown value 'softplus'"),
    (with_change(["loss"], "cross_entropy"), "loss: unknown value 'cross_entropy'"),
    (with_change(["learning_rate"], 0), "learning_rate: must be > 0"),
    (with_change(["learning_rate"], -0.1), "learning_rate: must be > 0"),
    (with_change(["learning_rate"], "fast"), "learning_rate: expected a number"),
    (with_change(["layers"], []), "layers: expected a non-empty list"),
    (with_change(["layers", 0, "activaton"], "relu"), "layers[0].activaton: unknown field"),
    ({k: v for k, v in BLOG_CONFIG.items() if k != "target"}, "target: missing"),
    ([1, 2], "config: expected a JSON object"),
]


@pytest.mark.parametrize("config, message", BAD_CONFIGS)
def test_bad_config_one_line_exit_2_and_same_message_in_python(tmp_path, config, message) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "net.json"
    # json.dumps writes 1e400 as Infinity, which Python's json reads back.
    path.write_text(json.dumps(config))
    result = run("step", "--config", str(path), "--json")
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {message}"), result.stderr
    with pytest.raises((ValueError, TypeError)) as info:
        parse_problem(json.loads(path.read_text()))
    assert lines[0] == f"error: {info.value}"


@pytest.mark.parametrize(
    "args, content, message",
    [
        (["--steps", "-1"], None, "--steps: must be >= 0, got -1"),
        (["--steps", "two"], None, "--steps: expected a whole number, got 'two'"),
        ([], "{not json", "--config: "),
        ([], "", "--config: "),
    ],
)
def test_bad_command_line(tmp_path, capsys, args, content, message) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "net.json"
    path.write_text(json.dumps(BLOG_CONFIG) if content is None else content)
    assert main(["step", "--config", str(path), *args]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and captured.err.startswith(f"error: {message}")


def test_missing_file_and_unknown_choices(capsys) -> None:  # type: ignore[no-untyped-def]
    for argv, message in [
        (["step", "--config", "/nonexistent/net.json"], "--config: cannot read /nonexistent/net.json"),
        (["blog", "--chain", "rounded"], "argument --chain: invalid choice"),
        (["fly"], "argument command: invalid choice"),
    ]:
        assert main(argv) == 2
        captured = capsys.readouterr()
        assert captured.out == "" and captured.err.count("\n") == 1
        assert captured.err.startswith(f"error: {message}")


def test_audit_json_lists_every_verdict(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["audit", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {n["verdict"] for n in data["numbers"]} == {"reproduced", "differs"}
    assert data["text_slips"]


# Each command with the start of its one-line help, as `python -m mathcore` alone lists them.
COMMANDS = {
    "blog": "the post's worked",
    "step": "forward, backward and one update",
    "audit": "every number the post prints",
    "architectures": "the CNN lineage",
    "architecture": "one model layer by layer",
    "demo": "the demo crop",
    "reasons": "why each step of the lineage",
    "experiment": "one measured experiment",
    "experiments": "rebuild the stale cached",
}


def test_no_command_prints_the_usage_and_every_command(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main([]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("usage: python -m mathcore")
    lines = captured.err.splitlines()
    for name, help_start in COMMANDS.items():
        # argparse puts a long name's help on the next line.
        at = next((i for i, line in enumerate(lines) if line.split()[:1] == [name]), None)
        assert at is not None, f"{name} not listed:\n{captured.err}"
        assert help_start in " ".join(lines[at : at + 2]), name


def test_a_closed_pipe_ends_quietly() -> None:
    # The reader is gone before the first write (as `| head -1` is once it has
    # its line), so every write fails with EPIPE, not just an unlucky one.
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "mathcore", "architectures", "--json"], stdout=write_end, stderr=subprocess.PIPE, text=True, check=False
        )
    finally:
        os.close(write_end)
    assert result.stderr == ""
    assert result.returncode == 141


def diverging_run(tmp_path, layers: list, x: list, y: list, learning_rate: float, steps: int) -> subprocess.CompletedProcess[str]:  # type: ignore[no-untyped-def, type-arg]
    path = tmp_path / "net.json"
    path.write_text(json.dumps({"layers": layers, "input": x, "target": y, "learning_rate": learning_rate}))
    return run("step", "--config", str(path), "--steps", str(steps), "--json")


def test_diverging_training_names_the_step_where_the_loss_overflows(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # ŷ = w·x with w = 1, x = 1, y = 0 and L = ŷ²: w' = w − η·2w = −19w at η = 10,
    # so after k steps L = 19^(2k), which passes float64's largest value at:
    k = next(k for k in itertools.count(1) if 19 ** (2 * k) > sys.float_info.max)
    assert k == 121
    result = diverging_run(tmp_path, [{"weights": [[1.0]], "activation": "identity"}], [1.0], [0.0], 10, 400)
    assert result.returncode == 1 and result.stdout == ""
    # One line, no numpy RuntimeWarning before it.
    assert result.stderr == f"error: training diverged at step {k}: the loss is not finite (NaN or infinity); try a smaller learning_rate\n"
    # One step fewer is still finite and ends normally.
    assert diverging_run(tmp_path, [{"weights": [[1.0]], "activation": "identity"}], [1.0], [0.0], 10, k - 1).returncode == 0


def test_diverging_training_names_the_weight_that_overflows(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # ŷ = 1e-200·1e200 = 1 (L = 1 is finite), but ∂L/∂w = 2·1·1e200, and η·∂L/∂w = 2e400 overflows.
    result = diverging_run(tmp_path, [{"weights": [[1e-200]], "activation": "identity"}], [1e200], [0.0], 1e200, 3)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [
        "error: training diverged at step 1: layers[0].weights is not finite (NaN or infinity); try a smaller learning_rate"
    ]


def test_a_loss_that_overflows_before_training_is_the_inputs_fault(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = diverging_run(tmp_path, [{"weights": [[1e200]], "activation": "identity"}], [1e200], [0.0], 0.1, 3)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.splitlines() == ["error: loss: not finite before any update: the input and weights overflow float64"]


def test_steps_beyond_the_bound_are_refused_before_training(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "net.json"
    path.write_text(json.dumps(BLOG_CONFIG))
    # The timeout only guards against a hang: without the bound this runs for hours.
    result = subprocess.run(
        [sys.executable, "-m", "mathcore", "step", "--config", str(path), "--steps", "100000000"],
        capture_output=True, text=True, check=False, timeout=120,
    )
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [f"error: --steps: at most {MAX_STEPS:,} (about 20 s for the post's 2-2-1 network), got 100,000,000"]
    assert main(["step", "--config", str(path), "--steps", str(MAX_STEPS + 1)]) == 2
