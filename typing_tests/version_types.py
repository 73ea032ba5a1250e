"""Pin the type of ``typed_registry.__version__`` (checked by mypy and pyright, never run)."""

from typing import assert_type

import typed_registry

assert_type(typed_registry.__version__, str)
