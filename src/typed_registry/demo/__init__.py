"""A built-in example: a small tree of model registries, run by ``make demo``.

``python -m typed_registry.demo`` prints a Python session that builds objects from configs,
shows hierarchy lookups and a 'did you mean' error, and prints every registry as a table;
each ``>>>`` line is the call that was run. The registries live in
:mod:`typed_registry.demo.registries`; the modules that register into them are their
``locations``, imported on the first lookup, so nothing here imports them by hand.
``make demo`` then runs mypy with the plugin on the repository's ``demo/configs.py``, whose
configs for these registries hold two mistakes, and on ``demo/configs/detector.py``, an
MMEngine-style config file with two more, which ``typed-registry check`` reports too.
"""
