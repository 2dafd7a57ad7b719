"""mathcore: every number the explainer videos show, computed with numpy.

No manim here: scenes read from this package, never the other way round.
Its parts:

- ``dense``:   activations, losses, dense networks of any size, the ``step`` problem;
- ``post``:    the post's worked example (exact and displayed chains), the audit;
- ``cnn``:     convolution, pooling, flattening, shifts, the demo and MNIST digits;
- ``learn``:   layers with backward passes, models, the trainer, the experiments;
- ``lineage``: layer specs and the architectures from LeNet-5 to ResNet.
"""

# The public API is each part's own __all__; ``mathcore.learn`` is imported
# by name, since its layers (Dense, Flatten) are not the lineage's specs.
from . import cnn, dense, lineage, post
from .cnn import *  # noqa: F403
from .dense import *  # noqa: F403
from .lineage import *  # noqa: F403
from .post import *  # noqa: F403

__all__ = [*cnn.__all__, *dense.__all__, *lineage.__all__, *post.__all__]
