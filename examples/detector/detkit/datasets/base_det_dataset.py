"""``BaseDetDataset``: a detection dataset; its pipeline is a list of ``TRANSFORMS`` configs."""

from typing import Annotated, Any

from minengine.dataset import BaseDataset

from detkit.registry import TRANSFORMS
from detkit.utils import ConfigType, OptConfigType
from typed_registry import ConfigFor


class BaseDetDataset(BaseDataset):
    """A detection dataset.

    Args:
        ann_file: The annotation file.
        data_root: Prefixed to image paths.
        data_prefix: Plain settings: ``dict(img="train2017/")``.
        pipeline: Configs for ``TRANSFORMS``, applied in order.
        filter_cfg: Plain settings: ``dict(filter_empty_gt=True, min_size=32)``.
        test_mode: Whether this is a test set.
        metainfo: Overrides ``METAINFO``.
        backend_args: Plain settings for file access.
    """

    transform_registry = TRANSFORMS

    def __init__(
        self,
        ann_file: str = "",
        data_root: str = "",
        data_prefix: dict[str, str] | None = None,
        pipeline: Annotated[list[ConfigType], ConfigFor(TRANSFORMS)] | None = None,
        filter_cfg: OptConfigType = None,
        test_mode: bool = False,
        metainfo: dict[str, Any] | None = None,
        backend_args: OptConfigType = None,
    ) -> None:
        prefix = (data_prefix or {}).get("img", "")
        self.filter_cfg = filter_cfg or {}
        self.backend_args = backend_args
        super().__init__(
            ann_file=ann_file,
            data_root=data_root + prefix,
            pipeline=pipeline,
            test_mode=test_mode,
            metainfo=metainfo,
        )

    def load_data_list(self) -> list[dict[str, Any]]:
        data_list = super().load_data_list()
        if self.filter_cfg.get("filter_empty_gt") and not self.test_mode:
            data_list = [sample for sample in data_list if sample["instances"]]
        return data_list
