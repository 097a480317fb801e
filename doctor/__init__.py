"""icefall-doctor: gets a machine ready to train k2-fsa/icefall speech models."""

from __future__ import annotations

__version__ = "0.1.0"
