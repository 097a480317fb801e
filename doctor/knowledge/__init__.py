"""Compatibility knowledge shipped as data files, with the date it was last checked."""

from __future__ import annotations

AS_OF = "2026-11-24"
