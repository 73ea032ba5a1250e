"""Data preprocessors."""

from detkit.models.data_preprocessors.data_preprocessor import DetDataPreprocessor

__all__ = ["DetDataPreprocessor"]
