"""Configs for the demo's registries, with two mistakes for mypy and its plugin to report.

``make demo`` runs mypy with ``--config-file demo/pyproject.toml`` on this file, which
nothing ever runs: the typo that the runtime demo met as a NotRegisteredError is reported
here without running anything, and so is a value of the wrong type, which ``Linear`` would
take without complaint (``"2.0" * 3`` is a string). The last line asks mypy for the type of
a build: the class the config names, rather than the registry's ``Model``.
"""

from typing import reveal_type

from typed_registry.demo.registries import DET_MODELS, MODELS

detector = DET_MODELS.build({"type": "Detecter", "backbone": {"type": "Linear", "a": 2.0}})
linear = MODELS.build({"type": "Linear", "a": "2.0"})
reveal_type(MODELS.build({"type": "cls.Scaler", "factor": 3.0}))
