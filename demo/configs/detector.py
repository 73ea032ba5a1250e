"""An MMEngine-style config file, with two mistakes: nothing imports or runs it.

A runner would build ``model`` with ``MODELS.build(model)`` in the default scope ``det``;
``make demo`` checks it with mypy and with ``typed-registry check`` instead.
"""

# ruff: noqa: C408 (configs are written as dict(...) calls, as MMEngine's are)

default_scope = "det"

model = dict(
    type="Detector",
    backbone=dict(type="Linaer", a=2.0),
    threshold="0.5",
)
