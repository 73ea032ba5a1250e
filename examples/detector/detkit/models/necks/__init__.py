"""Necks."""

from detkit.models.necks.channel_mapper import ChannelMapper
from detkit.models.necks.fpn import FPN

__all__ = ["FPN", "ChannelMapper"]
