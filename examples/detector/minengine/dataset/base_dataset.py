"""``BaseDataset``: annotations "loaded" from ``ann_file``, samples run through a pipeline."""

from typing import Annotated, Any

from minengine.protocols import Transform
from minengine.registry import TRANSFORMS
from typed_registry import ConfigFor, Registry


class BaseDataset:
    """A dataset whose samples go through ``pipeline`` when read.

    Args:
        ann_file: The annotation file; here its name decides how many samples there are.
        data_root: Prefixed to the image paths.
        pipeline: The transforms' configs, applied in order; for ``TRANSFORMS``, or the
            registry a subclass names in ``transform_registry`` (detkit's datasets build
            their pipelines with detkit's ``TRANSFORMS``).
        test_mode: Whether this is a test set (samples are not filtered).
        metainfo: Overrides the class's ``METAINFO`` (e.g. ``dict(classes=("cat",))``).
        indices: Keep only the first ``indices`` samples.
    """

    METAINFO: dict[str, Any] = {"classes": ("object",)}
    transform_registry: Registry[Transform] = TRANSFORMS

    def __init__(
        self,
        ann_file: str = "",
        data_root: str = "",
        pipeline: Annotated[list[dict[str, Any]], ConfigFor(TRANSFORMS)] | None = None,
        test_mode: bool = False,
        metainfo: dict[str, Any] | None = None,
        indices: int | None = None,
    ) -> None:
        self.ann_file = ann_file
        self.data_root = data_root
        self.test_mode = test_mode
        self.metainfo = {**self.METAINFO, **(metainfo or {})}
        self.pipeline = [self.transform_registry.build(cfg) for cfg in pipeline or []]
        self.data_list = self.load_data_list()
        if indices is not None:
            self.data_list = self.data_list[:indices]

    def load_data_list(self) -> list[dict[str, Any]]:
        """The samples' annotations (made up: 4 to 6 samples, one box each)."""
        num_classes = len(self.metainfo["classes"])
        count = 4 + len(self.ann_file) % 3
        return [
            {
                "img_path": f"{self.data_root}{self.ann_file}/{index:06d}.jpg",
                "img_id": index,
                "instances": [
                    {"bbox": [1.0, 1.0, 2.0 + index, 3.0], "bbox_label": index % num_classes}
                ],
            }
            for index in range(count)
        ]

    def __len__(self) -> int:
        return len(self.data_list)

    def __getitem__(self, index: int) -> dict[str, Any]:
        sample: dict[str, Any] | None = dict(self.data_list[index])
        for transform in self.pipeline:
            if sample is None:
                break
            sample = transform(sample)
        if sample is None:
            msg = f"the pipeline dropped sample {index}"
            raise IndexError(msg)
        return sample
