"""The CNN lineage, LeNet-5 to ResNet, written as layer specs.

Shapes, parameter counts and depths are computed from the specs alone;
nothing here stores a total. Layouts follow torchvision's model definitions
(``aux_logits=False`` for GoogLeNet) and, for LeNet-5, LeCun et al. 1998.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from .specs import (
    AdaptiveAvgPool,
    BatchNorm,
    Concat,
    Conv,
    Flatten,
    LayerRow,
    Linear,
    Pool,
    Residual,
    Sequential,
    Shape,
    Spec,
    leaf_rows,
)

# LeNet-5's C3: which S2 maps each of the 16 C3 maps reads (Table I of the paper).
LENET_C3_TABLE: tuple[tuple[int, ...], ...] = (
    (0, 1, 2), (1, 2, 3), (2, 3, 4), (3, 4, 5), (4, 5, 0), (5, 0, 1),
    (0, 1, 2, 3), (1, 2, 3, 4), (2, 3, 4, 5), (3, 4, 5, 0), (4, 5, 0, 1), (5, 0, 1, 2),
    (0, 1, 3, 4), (1, 2, 4, 5), (0, 2, 3, 5),
    (0, 1, 2, 3, 4, 5),
)  # fmt: skip


@dataclass(frozen=True)
class Architecture:
    """A model: its specs, input shape and facts that cannot be computed.

    top1: ImageNet-1K single-crop top-1 accuracy (%) of torchvision's
    IMAGENET1K_V1 weights, or None (LeNet-5 was trained on MNIST).
    """

    id: str
    name: str
    year: int
    input_shape: Shape
    spec: Sequential
    top1: float | None

    @property
    def params(self) -> int:
        return self.spec.params(self.input_shape)

    @property
    def fixed_params(self) -> int:
        return self.spec.fixed_params(self.input_shape)

    @property
    def macs(self) -> int:
        """Multiply–accumulates of the conv and dense layers for one image."""
        return self.spec.macs(self.input_shape)

    @property
    def weight_layers(self) -> int:
        """Layers with weights on the longest path from input to output."""
        return self.spec.depth()

    @property
    def output_shape(self) -> Shape:
        return self.spec.output_shape(self.input_shape)

    def rows(self) -> list[LayerRow]:
        """Every leaf layer with its output shape and params."""
        return list(leaf_rows(self.spec, self.input_shape))


def _seq(name: str, *layers: Spec) -> Sequential:
    return Sequential(name, tuple(layers))


def lenet5_paper() -> Sequential:
    """LeCun et al. 1998: trainable subsampling (a weight and a bias per map),
    the partial C3 table, and an RBF output whose 10×84 weights are fixed."""
    return _seq(
        "",
        Conv("C1", 6, 5),
        Pool("S2", "avg", 2, coefficients=2),
        Conv("C3", 16, 5, connections=LENET_C3_TABLE),
        Pool("S4", "avg", 2, coefficients=2),
        Conv("C5", 120, 5),
        Flatten("flatten"),
        Linear("F6", 84),
        Linear("output", 10, bias=False, trainable=False),
    )


def lenet5_modern() -> Sequential:
    """The common modern form: full C3, max pooling, 400-120-84-10."""
    return _seq(
        "",
        Conv("conv1", 6, 5),
        Pool("pool1", "max", 2),
        Conv("conv2", 16, 5),
        Pool("pool2", "max", 2),
        Flatten("flatten"),
        Linear("fc1", 120),
        Linear("fc2", 84),
        Linear("fc3", 10),
    )


def alexnet() -> Sequential:
    """torchvision's one-GPU AlexNet (ReLU and dropout have no parameters)."""
    return _seq(
        "",
        Conv("features.0", 64, 11, stride=4, padding=2),
        Pool("features.2", "max", 3, stride=2),
        Conv("features.3", 192, 5, padding=2),
        Pool("features.5", "max", 3, stride=2),
        Conv("features.6", 384, 3, padding=1),
        Conv("features.8", 256, 3, padding=1),
        Conv("features.10", 256, 3, padding=1),
        Pool("features.12", "max", 3, stride=2),
        AdaptiveAvgPool("avgpool", 6),
        Flatten("flatten"),
        Linear("classifier.1", 4096),
        Linear("classifier.4", 4096),
        Linear("classifier.6", 1000),
    )


def vgg16() -> Sequential:
    """VGG-16 (configuration D): 13 3×3 convs in five stages, then 3 dense."""
    layers: list[Spec] = []
    for stage, (channels, convs) in enumerate(((64, 2), (128, 2), (256, 3), (512, 3), (512, 3)), start=1):
        layers += [Conv(f"conv{stage}_{i}", channels, 3, padding=1) for i in range(1, convs + 1)]
        layers.append(Pool(f"pool{stage}", "max", 2))
    return _seq(
        "",
        *layers,
        AdaptiveAvgPool("avgpool", 7),
        Flatten("flatten"),
        Linear("fc6", 4096),
        Linear("fc7", 4096),
        Linear("fc8", 1000),
    )


def _basic_conv(name: str, out: int, kernel: int, stride: int = 1, padding: int = 0) -> Sequential:
    """GoogLeNet's BasicConv2d: conv without bias, then batch norm."""
    return _seq(name, Conv("conv", out, kernel, stride, padding, bias=False), BatchNorm("bn"))


def _inception(name: str, ch1: int, red3: int, ch3: int, red5: int, ch5: int, proj: int) -> Concat:
    # torchvision's "5×5" branch uses a 3×3 kernel (a known quirk it keeps
    # for its pretrained weights); the parameter count follows it.
    return Concat(
        name,
        (
            _seq("branch1", _basic_conv("0", ch1, 1)),
            _seq("branch2", _basic_conv("0", red3, 1), _basic_conv("1", ch3, 3, padding=1)),
            _seq("branch3", _basic_conv("0", red5, 1), _basic_conv("1", ch5, 3, padding=1)),
            _seq("branch4", Pool("0", "max", 3, stride=1, padding=1, ceil_mode=True), _basic_conv("1", proj, 1)),
        ),
    )


def googlenet() -> Sequential:
    """GoogLeNet (Inception v1) as torchvision builds it, without the auxiliary heads."""
    return _seq(
        "",
        _basic_conv("conv1", 64, 7, stride=2, padding=3),
        Pool("maxpool1", "max", 3, stride=2, ceil_mode=True),
        _basic_conv("conv2", 64, 1),
        _basic_conv("conv3", 192, 3, padding=1),
        Pool("maxpool2", "max", 3, stride=2, ceil_mode=True),
        _inception("inception3a", 64, 96, 128, 16, 32, 32),
        _inception("inception3b", 128, 128, 192, 32, 96, 64),
        Pool("maxpool3", "max", 3, stride=2, ceil_mode=True),
        _inception("inception4a", 192, 96, 208, 16, 48, 64),
        _inception("inception4b", 160, 112, 224, 24, 64, 64),
        _inception("inception4c", 128, 128, 256, 24, 64, 64),
        _inception("inception4d", 112, 144, 288, 32, 64, 64),
        _inception("inception4e", 256, 160, 320, 32, 128, 128),
        Pool("maxpool4", "max", 2, stride=2, ceil_mode=True),
        _inception("inception5a", 256, 160, 320, 32, 128, 128),
        _inception("inception5b", 384, 192, 384, 48, 128, 128),
        AdaptiveAvgPool("avgpool", 1),
        Flatten("flatten"),
        Linear("fc", 1000),
    )


def _conv_bn(name: str, out: int, kernel: int, stride: int = 1) -> tuple[Conv, BatchNorm]:
    return Conv(f"conv{name}", out, kernel, stride, kernel // 2, bias=False), BatchNorm(f"bn{name}")


def _resnet_block(name: str, c_in: int, width: int, stride: int, bottleneck: bool) -> tuple[Residual, int]:
    """A BasicBlock (two 3×3) or Bottleneck (1×1, 3×3, 1×1 to 4·width); the
    shortcut projects with a strided 1×1 conv where the shape changes."""
    if bottleneck:
        out = 4 * width
        body = _seq("", *_conv_bn("1", width, 1), *_conv_bn("2", width, 3, stride), *_conv_bn("3", out, 1))
    else:
        out = width
        body = _seq("", *_conv_bn("1", width, 3, stride), *_conv_bn("2", width, 3))
    projects = stride != 1 or c_in != out
    shortcut = _seq("downsample", Conv("0", out, 1, stride, bias=False), BatchNorm("1")) if projects else _seq("")
    return Residual(name, body, shortcut), out


def resnet(blocks: tuple[int, int, int, int], bottleneck: bool) -> Sequential:
    """ResNet as torchvision builds it: a 7×7 stem, four stages of residual
    blocks (the first block of stages 2-4 halves the map), average pool, fc."""
    layers: list[Spec] = [*_conv_bn("1", 64, 7, 2), Pool("maxpool", "max", 3, stride=2, padding=1)]
    c = 64
    for stage, (count, width) in enumerate(zip(blocks, (64, 128, 256, 512)), start=1):
        stage_blocks = []
        for i in range(count):
            block, c = _resnet_block(str(i), c, width, 2 if i == 0 and stage > 1 else 1, bottleneck)
            stage_blocks.append(block)
        layers.append(Sequential(f"layer{stage}", tuple(stage_blocks)))
    return _seq("", *layers, AdaptiveAvgPool("avgpool", 1), Flatten("flatten"), Linear("fc", 1000))


IMAGENET: Shape = (3, 224, 224)

ARCHITECTURES: MappingProxyType[str, Architecture] = MappingProxyType({
    a.id: a
    for a in (
        Architecture("lenet5-paper", "LeNet-5 (paper)", 1998, (1, 32, 32), lenet5_paper(), None),
        Architecture("lenet5", "LeNet-5 (modern)", 1998, (1, 32, 32), lenet5_modern(), None),
        Architecture("alexnet", "AlexNet", 2012, IMAGENET, alexnet(), 56.522),
        Architecture("vgg16", "VGG-16", 2014, IMAGENET, vgg16(), 71.592),
        Architecture("googlenet", "GoogLeNet", 2014, IMAGENET, googlenet(), 69.778),
        Architecture("resnet18", "ResNet-18", 2015, IMAGENET, resnet((2, 2, 2, 2), bottleneck=False), 69.758),
        Architecture("resnet34", "ResNet-34", 2015, IMAGENET, resnet((3, 4, 6, 3), bottleneck=False), 73.314),
        Architecture("resnet50", "ResNet-50", 2015, IMAGENET, resnet((3, 4, 6, 3), bottleneck=True), 76.13),
        Architecture("resnet152", "ResNet-152", 2015, IMAGENET, resnet((3, 8, 36, 3), bottleneck=True), 78.312),
    )
})


def architecture(name: str) -> Architecture:
    """Look a model up by id, ignoring case, '-' and '_' ("ResNet_50" works)."""
    key = name.lower().replace("_", "").replace("-", "")
    for arch in ARCHITECTURES.values():
        if arch.id.replace("-", "") == key:
            return arch
    raise ValueError(f"architecture: unknown name {name!r}; known: {', '.join(ARCHITECTURES)}")
