"""What the objects built by each root registry can do: the registries' type parameters."""

from typing import Any, Protocol

from minengine.parameter import Parameter


class Module(Protocol):
    """A model, a layer or a loss: it has parameters and a ``forward``."""

    def parameters(self) -> list[Parameter]: ...

    def forward(self, *args: Any, **kwargs: Any) -> Any: ...

    def __call__(self, *args: Any, **kwargs: Any) -> Any: ...


class Transform(Protocol):
    """One step of a data pipeline: takes the results dict, returns it (None drops it)."""

    def __call__(self, results: dict[str, Any]) -> dict[str, Any] | None: ...


class Dataset(Protocol):
    """A sized, indexable collection of samples (dicts after the pipeline)."""

    def __len__(self) -> int: ...

    def __getitem__(self, index: int) -> dict[str, Any]: ...


class Sampler(Protocol):
    """The order in which a data loader reads a dataset's indices."""

    def indices(self, length: int) -> list[int]: ...


class Optimizer(Protocol):
    """Updates parameters from their gradients; ``lr`` is what schedulers change."""

    lr: float

    def step(self) -> None: ...

    def zero_grad(self) -> None: ...


class ParamScheduler(Protocol):
    """Changes an optimizer's learning rate as training goes on."""

    by_epoch: bool

    def step(self) -> None: ...


class WeightInitializer(Protocol):
    """Initialises a module's parameters (what an ``init_cfg`` builds)."""

    def __call__(self, module: Module) -> None: ...


class Loop(Protocol):
    """A training or evaluation loop that the runner runs."""

    def run(self) -> Any: ...
