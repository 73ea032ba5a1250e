"""detkit's own ``Compose``: a child registry's entry that shadows the root's.

The engine's root ``TRANSFORMS`` has a ``Compose``; detkit registers another under the same
name, which a build from the root gets under ``default_scope("detkit")`` (the child of the
scope is searched first), as MMDetection's ``mmdet.Compose`` would shadow MMCV's. Inside such
a block the checks cannot know which of the two a build from the root makes, so they do not
check its keys against either (``skip_empty`` is the child's alone).
"""

from typing import Annotated, Any

from minengine.dataset.transforms import Compose as EngineCompose

from detkit.registry import TRANSFORMS
from detkit.utils import ConfigType
from typed_registry import ConfigFor, default_scope


@TRANSFORMS.register_module("Compose")
class DetCompose(EngineCompose):
    """The engine's ``Compose``, that may keep a sample a step drops."""

    def __init__(
        self,
        transforms: Annotated[list[ConfigType], ConfigFor(TRANSFORMS)],
        skip_empty: bool = True,
    ) -> None:
        super().__init__(transforms)
        self.skip_empty = skip_empty

    def transform(self, results: dict[str, Any]) -> dict[str, Any] | None:
        """Apply the steps; with ``skip_empty=False`` a dropped sample comes back unchanged."""
        done = super().transform(results)
        return results if done is None and not self.skip_empty else done


def build_lenient_pipeline() -> Any:
    """A pipeline built from the root registry under detkit's scope: detkit's ``Compose``."""
    from minengine.registry import TRANSFORMS as ENGINE_TRANSFORMS  # noqa: PLC0415

    with default_scope("detkit"):
        return ENGINE_TRANSFORMS.build(
            dict(type="Compose", transforms=[dict(type="LoadImageFromFile")], skip_empty=False)
        )
