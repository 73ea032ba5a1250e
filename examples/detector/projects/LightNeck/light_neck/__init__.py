"""LightNeck: a project outside the codebase (no package above it), as MMDetection's
``projects/`` are. A config loads it with ``custom_imports``; nothing else imports it.
"""

from projects.LightNeck.light_neck.neck import LightNeck

__all__ = ["LightNeck"]
