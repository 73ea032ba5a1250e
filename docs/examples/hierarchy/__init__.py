"""The seed's hierarchy: MMCV's ``MODELS`` and its MMDetection and MMClassification children.

Each module stands for one codebase; the scopes are given explicitly because all three live
in one package here (inferred, each would be ``"hierarchy"``).
"""
