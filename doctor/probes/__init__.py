"""Probes: standard-library scripts run by an interpreter in a subprocess, printing JSON."""
