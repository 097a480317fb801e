"""The recipe runner: gated prepare, train and export with progress, logs, resume and diagnosis.

Pure planning lives in ``steps`` (argv, cwd, env of every child), ``resume``, ``oom`` and
``export``; ``child`` is the one place that spawns long-running children; ``progress`` turns
their log lines into events for an observer (a no-op by default, a rich Live display in the CLI).
"""
