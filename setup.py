"""Only what pyproject.toml cannot say: the package list, with recipes/ as doctor._recipes.

Namespace packages are included so folders without __init__.py (doctor/probes/scripts) ship too.
"""

from setuptools import find_namespace_packages, setup

packages = find_namespace_packages(include=["doctor*"], exclude=["*__pycache__"])
setup(packages=[*packages, "doctor._recipes"])
