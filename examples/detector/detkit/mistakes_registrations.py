"""Registrations that are wrong (module level, where a checker reads them).

Importing this module registers ``ToTensor`` and ``make_head`` (their bound mistakes do not
fail at run time: a type parameter is a static promise), then raises DuplicateNameError.
"""

from minengine.model import BaseModule

from detkit.registry import MODELS, TRANSFORMS


@TRANSFORMS.register_module()  # mistake: registry-bound
class ToTensor:
    """Not a transform: it takes and returns a list, not the results dict."""

    def __call__(self, results: list[float]) -> list[float]:
        return results


@MODELS.register_module()  # mistake: registry-bound
def make_head(name: str = "retina") -> str:
    """A registered function must return what the registry builds (a module), not a str."""
    return name


@MODELS.register_module()
class TinyNeck(BaseModule):
    """Registered once by the decorator..."""

    def forward(self, inputs: tuple[list[float], ...]) -> tuple[list[float], ...]:
        """The inputs, unchanged."""
        return inputs


MODELS.register_module(module=TinyNeck)  # mistake: registry-duplicate
