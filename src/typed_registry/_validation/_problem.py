"""``ConfigProblem``: one thing wrong with a config, where, and its code."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

#: A ``type`` that names nothing registered (the mypy plugin's code too).
REGISTRY_NAME: Final = "registry-name"
#: A config the runtime rejects before calling anything: no ``type``, ``type=123``, a bad
#: ``_scope_``, a part that is not a config.
REGISTRY_CONFIG: Final = "registry-config"
#: A key that is no parameter, or a required parameter with no key (mypy's code).
CALL_ARG: Final = "call-arg"
#: A value that does not match its parameter's annotation (mypy's code).
ARG_TYPE: Final = "arg-type"


@dataclass(frozen=True)
class ConfigProblem:
    """One problem of a config, as :meth:`Registry.validate` returns it.

    Attributes:
        path: Where in the config: keys joined by ``.``, list items as ``[i]``
            (``backbone.depth``, ``pipeline[2].type``); ``""`` for the config itself.
        message: What is wrong, worded as the runtime's errors and the mypy plugin's.
        code: The mypy plugin's error code for the same mistake: ``registry-name``,
            ``registry-config``, ``call-arg`` or ``arg-type``.

    Example:
        >>> from typed_registry import Registry
        >>> SHAPES: Registry[object] = Registry("shapes", scope="problem_demo")
        >>> @SHAPES.register_module()
        ... class Square:
        ...     def __init__(self, side: float) -> None:
        ...         self.side = side
        >>> [problem] = SHAPES.validate({"type": "Square", "side": "2"})
        >>> problem.path, problem.code
        ('side', 'arg-type')
        >>> print(problem)
        side: Argument "side" to "Square" has incompatible type "str"; expected "float"  [arg-type]
    """

    path: str
    message: str
    code: str

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{where}{self.message}  [{self.code}]"
