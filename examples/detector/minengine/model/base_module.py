"""``BaseModule``: parameters, sub-modules and weight initialisation from ``init_cfg``."""

from collections.abc import Iterator
from typing import Any, cast

from minengine.parameter import Parameter
from minengine.typing_utils import OptMultiConfig


class BaseModule:
    """A module in the style of ``torch.nn.Module`` plus MMEngine's ``init_cfg``.

    Sub-modules are found among the instance's attributes (a ``BaseModule``, or a list of
    them); ``parameters()`` collects theirs after its own.

    Args:
        init_cfg: A config (or a list of them) for ``WEIGHT_INITIALIZERS``, applied by
            :meth:`init_weights`, e.g. ``dict(type="Pretrained", checkpoint="...")``.
    """

    def __init__(self, init_cfg: OptMultiConfig = None) -> None:
        self.init_cfg = init_cfg
        self.own_params: list[Parameter] = []
        self.training = True
        self.is_init = False

    def add_param(self, value: float) -> Parameter:
        """Create a parameter owned by this module."""
        param = Parameter(value)
        self.own_params.append(param)
        return param

    def children(self) -> Iterator["BaseModule"]:
        """Yield the direct sub-modules, in attribute order."""
        for value in vars(self).values():
            if isinstance(value, BaseModule):
                yield value
            elif isinstance(value, list):
                # isinstance cannot check a list's item type: each item is checked below.
                items = cast("list[object]", value)
                yield from (item for item in items if isinstance(item, BaseModule))

    def parameters(self) -> list[Parameter]:
        """This module's parameters, then its sub-modules'."""
        params = list(self.own_params)
        for child in self.children():
            params.extend(child.parameters())
        return params

    def train(self, mode: bool = True) -> "BaseModule":
        """Set training mode on this module and its sub-modules."""
        self.training = mode
        for child in self.children():
            child.train(mode)
        return self

    def init_weights(self) -> None:
        """Initialise the sub-modules, then apply this module's ``init_cfg``."""
        # Imported here: weight_init registers into WEIGHT_INITIALIZERS, whose location
        # imports this module (MMEngine imports inside init_weights for the same reason).
        from minengine.model.weight_init import initialize  # noqa: PLC0415

        for child in self.children():
            child.init_weights()
        if self.init_cfg is not None:
            initialize(self, self.init_cfg)
        self.is_init = True

    def forward(self, *args: Any, **kwargs: Any) -> Any:
        """Compute the module's output; subclasses define it."""
        raise NotImplementedError

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.forward(*args, **kwargs)
