"""Run the demo: ``python -m typed_registry.demo``."""

from __future__ import annotations

from typed_registry import NotRegisteredError, default_scope
from typed_registry.demo.registries import CLS_MODELS, DET_MODELS, MODELS


def main() -> None:
    """Print what the demo's registries build, resolve and hold."""
    print("== build from configs")
    detector = DET_MODELS.build({"type": "Det", "backbone": {"type": "Linear", "a": 2.0}})
    print(
        f"DET_MODELS.build(type='Det', backbone=Linear(a=2)).forward(0.3) = {detector.forward(0.3)}"
    )
    doubler = CLS_MODELS.build({"type": "make_doubler"})
    print(f"CLS_MODELS.build(type='make_doubler').forward(21) = {doubler.forward(21)}")
    scaled = MODELS.build({"type": "cls.Scaler", "factor": 3.0})
    print(f"MODELS.build(type='cls.Scaler', factor=3).forward(2) = {scaled.forward(2)}")

    print("\n== hierarchy lookups (unscoped: self, then parents; 'scope.Name': anywhere)")
    for registry, key in [
        (DET_MODELS, "Linear"),
        (CLS_MODELS, "det.Detector"),
        (MODELS, "Scaler"),
        (MODELS, "cls.Scaler"),
    ]:
        found = registry.get(key)
        shown = "None" if found is None else f"{found.__module__}.{found.__qualname__}"
        print(f"{registry.scope}.get({key!r}) -> {shown}")
    with default_scope("cls"):
        print(
            f"with default_scope('cls'): MODELS.build(type='Scaler', ...) -> "
            f"{type(MODELS.build({'type': 'Scaler', 'factor': 1.0})).__name__}"
        )

    print("\n== a typo")
    try:
        DET_MODELS.build({"type": "Detecter", "backbone": {"type": "Linear"}})
    except NotRegisteredError as error:
        print(f"NotRegisteredError: {error}")

    print("\n== registry contents")
    for registry in (MODELS, DET_MODELS, CLS_MODELS):
        print(registry.table())
        print()


if __name__ == "__main__":
    main()
