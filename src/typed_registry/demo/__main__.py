"""Run the demo: ``python -m typed_registry.demo``.

The demo prints a Python session: each step as ``>>>`` and its code, then what the
interpreter would show. Each step is run from the very text printed for it, so the session
shows exactly the calls that were made (and replays as a doctest).
"""

from __future__ import annotations

from typed_registry import RegistryError

# The session's sections: a comment saying what the section shows, then its steps.
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "MODELS (scope 'core') has two children, DET_MODELS ('det') and CLS_MODELS ('cls')",
        (
            "from typed_registry import default_scope",
            "from typed_registry.demo.registries import CLS_MODELS, DET_MODELS, MODELS",
        ),
    ),
    (
        "Build from configs: 'type' names what to call, the other keys are its arguments",
        (
            'MODELS.build({"type": "Linear", "a": 2.0})',
            (
                'detector = DET_MODELS.build({"type": "Det", '
                '"backbone": {"type": "Linear", "a": 2.0}})'
            ),
            "detector",
            "detector.forward(0.3)",
            'doubler = CLS_MODELS.build({"type": "make_doubler"})',
            "doubler",
            "doubler.forward(21)",
        ),
    ),
    (
        "Lookups: 'Name' searches a registry, then its parents; 'scope.Name' any registry",
        (
            'DET_MODELS.get("Linear")',
            'print(MODELS.get("Scaler"))',
            'MODELS.get("cls.Scaler")',
            'CLS_MODELS.get("det.Detector")',
            (
                'with default_scope("cls"):\n'
                '    print(MODELS.build({"type": "Scaler", "factor": 3.0}))'
            ),
        ),
    ),
    (
        "A typo: the error says where the name was looked up, and what was probably meant",
        ('DET_MODELS.build({"type": "Detecter", "backbone": {"type": "Linear"}})',),
    ),
    (
        "What each registry holds, and where each entry was registered",
        ("print(MODELS.table())", "print(DET_MODELS.table())", "print(CLS_MODELS.table())"),
    ),
)


def main() -> None:
    """Print the demo's session, running each step as it goes."""
    namespace: dict[str, object] = {"__name__": "__demo__"}
    for index, (comment, steps) in enumerate(SECTIONS):
        if index:
            print()  # a doctest's expected output ends at a blank line
        print(f"# {comment}")
        for source in steps:
            run_step(source, namespace)


def run_step(source: str, namespace: dict[str, object]) -> None:
    """Print ``source`` as a session shows it, run it in ``namespace`` and show the result.

    An expression's value is shown by its repr unless it is None, as the interpreter does; a
    registry error is shown as the interpreter shows an uncaught exception.
    """
    first, *rest = source.splitlines()
    print(f">>> {first}")
    for line in rest:
        print(f"... {line}")
    try:
        try:
            code = compile(source, "<demo>", "eval")
        except SyntaxError:  # a statement, not an expression
            exec(compile(source, "<demo>", "exec"), namespace)
            return
        value = eval(code, namespace)
    except RegistryError as error:
        print("Traceback (most recent call last):\n  ...")
        print(f"{type(error).__module__}.{type(error).__qualname__}: {error}")
        return
    if value is not None:
        print(repr(value))


if __name__ == "__main__":
    main()
