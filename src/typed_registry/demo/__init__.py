"""A built-in example: a small tree of model registries, run by ``make demo``.

``python -m typed_registry.demo`` builds objects from configs, shows hierarchy lookups and a
'did you mean' error, and prints every registry as a table. The registries live in
:mod:`typed_registry.demo.registries`; the modules that register into them are their
``locations``, imported on the first lookup, so nothing here imports them by hand.
"""
