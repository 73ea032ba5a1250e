"""The engine's transforms: the base class, image loading and ``Compose``."""

from typing import Annotated, Any

from minengine.registry import TRANSFORMS
from minengine.typing_utils import ConfigType
from typed_registry import ConfigFor

IMAGE_SIZE = 16


class BaseTransform:
    """A transform that may drop a sample by returning None from :meth:`transform`."""

    def transform(self, results: dict[str, Any]) -> dict[str, Any] | None:
        """Transform ``results``; subclasses define it."""
        raise NotImplementedError

    def __call__(self, results: dict[str, Any]) -> dict[str, Any] | None:
        return self.transform(results)


@TRANSFORMS.register_module(name=["LoadImageFromFile", "LoadImage"])
class LoadImageFromFile(BaseTransform):
    """ "Read" the image at ``results["img_path"]``: its pixels derive from the path.

    Registered under two names: ``LoadImage`` is what older configs call it.
    """

    def __init__(self, to_float32: bool = False, backend_args: ConfigType | None = None) -> None:
        self.to_float32 = to_float32
        self.backend_args = backend_args

    def transform(self, results: dict[str, Any]) -> dict[str, Any]:
        seed = sum(map(ord, str(results["img_path"])))
        results["img"] = [((seed * (i + 7)) % 255) / 255.0 for i in range(IMAGE_SIZE)]
        results["img_shape"] = (4, IMAGE_SIZE // 4)
        return results


@TRANSFORMS.register_module()
class Compose(BaseTransform):
    """Apply transforms in order; stop at the first that drops the sample."""

    def __init__(self, transforms: Annotated[list[ConfigType], ConfigFor(TRANSFORMS)]) -> None:
        self.transforms = [TRANSFORMS.build(cfg) for cfg in transforms]

    def transform(self, results: dict[str, Any]) -> dict[str, Any] | None:
        current: dict[str, Any] | None = results
        for step in self.transforms:
            if current is None:
                return None
            current = step(current)
        return current
