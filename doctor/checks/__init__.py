"""Checks: pure functions from Facts to Findings. The registry lists them all."""
