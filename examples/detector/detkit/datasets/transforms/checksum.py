"""``ImageChecksum``: registered inside ``try``, with a fallback registered in ``except``."""

from typing import Any

from minengine.dataset import BaseTransform

from detkit.registry import TRANSFORMS


def _image_bytes(image: list[float]) -> bytes:
    return bytes(int(max(0.0, min(1.0, v)) * 255) for v in image)


try:
    import zlib  # optional in CPython builds

    @TRANSFORMS.register_module()
    class ImageChecksum(BaseTransform):  # pyright: ignore[reportRedeclaration]  # the except's
        """Add the CRC-32 of the image to the results (to find duplicated images)."""

        def transform(self, results: dict[str, Any]) -> dict[str, Any]:
            results["checksum"] = zlib.crc32(_image_bytes(results["img"]))
            return results

except ImportError:  # pragma: no cover  # a Python built without zlib

    @TRANSFORMS.register_module()
    class ImageChecksum(BaseTransform):  # type: ignore[no-redef]  # the try's
        """Add a (weaker) checksum of the image to the results."""

        def transform(self, results: dict[str, Any]) -> dict[str, Any]:
            results["checksum"] = sum(_image_bytes(results["img"])) % 2**32
            return results
