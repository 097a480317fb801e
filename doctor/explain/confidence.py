"""When a diagnosis may be said with certainty (exit 0), and when it may only be offered.

A cause is claimed only on decisive evidence: the rule's own line is the failure (the root
exception of the log, or the error a failed build or command ended with), the class fits it
(the extractor knew the names it read) and no other class of equal standing explains the same
log. Otherwise every diagnosis is kept but marked not recognised, with a note saying why, so
the command exits 1 and the user reads it as a lead, not a verdict.
"""

from __future__ import annotations

import dataclasses

from doctor.explain import structure
from doctor.explain.model import Diagnosis
from doctor.explain.scan import ScanResult
from doctor.findings import msg

# Categories that name only the shape of a failure (a C++ check, an errno, a crash): they never
# compete with a class that names its cause.
GENERIC = frozenset(
    {"cpp_check_failed", "os_error", "process_crashed", "unknown", "onnxruntime_runtime",
     "checkpoint_mismatch", "cpp_exception", "build_failed", "nccl_error", "fst_invalid"}
)  # fmt: skip
# Of those, the ones that are a shape and nothing more: never a cause said with certainty.
SHAPES = frozenset({"cpp_check_failed", "os_error", "process_crashed", "cpp_exception"})
# Root exceptions that only report that something else failed: the cause is above them.
WRAPPERS = frozenset(
    {
        "CalledProcessError",
        "SystemExit",
        "ChildFailedError",
        "ProcessExitedException",
        "ProcessRaisedException",
        "BrokenProcessPool",
        "CompileError",
        "DistutilsExecError",
        "SubprocessError",
        "InstallationError",
        "MetadataGenerationFailed",
        "KeyboardInterrupt",
    }
)
# How far above the root traceback a line may be and still be read as its cause (a warning
# printed just before it).
NEARBY = 20


def judge(
    diagnoses: list[Diagnosis], scan: ScanResult, notices: frozenset[str] = frozenset()
) -> list[Diagnosis]:
    """The diagnoses, all marked not recognised when the lead's evidence is not decisive (the
    lead's own doubt, raised by its rule or extractor, a competing class, a line off the root).
    ``notices``: rules read from a warning about an optional module, which compete with nothing."""
    if not diagnoses:
        return diagnoses
    lead = diagnoses[0]
    rivals = [d for d in diagnoses[1:] if d.rule not in notices]
    reason = lead.doubt or _shape(lead) or _competing([lead, *rivals]) or _off_root(lead, scan)
    if not reason:
        return diagnoses
    note = msg(f"explain.doubt.{reason}", **lead.params)
    return [
        dataclasses.replace(d, recognised=False, notes=(note, *d.notes) if i == 0 else d.notes)
        for i, d in enumerate(diagnoses)
    ]


def _shape(lead: Diagnosis) -> str:
    """The lead names only how the process failed (a crash, a failed C++ check), not why."""
    return "shape" if lead.category in SHAPES else ""


def _competing(diagnoses: list[Diagnosis]) -> str:
    """Another class of cause, not merely a shape of failure, explains the log as well."""
    lead = diagnoses[0]
    if lead.category in GENERIC:
        return ""
    others = {d.category for d in diagnoses[1:]} - GENERIC - {lead.category}
    return "competing" if others else ""


def _off_root(lead: Diagnosis, scan: ScanResult) -> str:
    """The log ends in a Python exception that the lead's line is far from and no part of: the
    rule matched something the log mentioned long before, not what the run failed with. (A
    warning printed just above a traceback often is its cause: that stays certain.)"""
    tail = scan.tail
    root = structure.root_cause(tail)
    if root is None or not root.frames or root.type in WRAPPERS or lead.line <= 0:
        return ""
    root_line = scan.lines - len(tail) + 1 + root.index
    start = root_line - len(root.frames) * 2 - 1
    if lead.line < start and lead.category in _IMPORT_CLASSES and root.type not in _IMPORTS:
        return "off_root"  # a missing module the program reported and went on without
    return "off_root" if lead.line < start - NEARBY else ""


# A missing module read above a traceback that ends in another exception was caught: the program
# printed it ("Loading remote code failed: model, No module named 'model'") and went on.
_IMPORT_CLASSES = frozenset({"missing_module", "pythonpath"})
_IMPORTS = frozenset({"ImportError", "ModuleNotFoundError"})
