"""The words inside fix commands: a comment after a command, and the placeholders the user
replaces. The commands themselves stay verbatim in every language."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "fixtext.commented": "{cmd}  # {comment}",
    "fixtext.nm": "what it needs",
    "fixtext.k2_cmake": "k2's CMake learns new GPU architectures in newer releases",
    "fixtext.by_hand": "or download it by hand, then: ln -sfv /path/to/data download/",
    "fixtext.k2_from_source": "# build k2 from source: {url}",
    "fixtext.icefall_log": "  # the icefall clone the log's paths run through",
    "fixtext.icefall_here": "  # the icefall clone found from here (ICEFALL_DIR, PYTHONPATH or the current folder)",
    "fixtext.icefall_unknown": "  # the folder of your icefall clone: the one holding egs/ and icefall/",
    "fixtext.k2_for": "  # for torch {torch} ({build}) and Python {python}",
    "fixtext.k2_other_cpu": "  # CPU: +cpu.torch{torch} -f {page}",
    "fixtext.k2_other_cuda": "  # CUDA: +cuda<CUDA>.torch{torch} -f {page}",
    "fixtext.path_in": "<the path in {code}>",
    "fixtext.your_script": "<your script> <options>",
    "fixtext.train_cmd": "<your training command>",
    "fixtext.the_package": "<the package>",
    "fixtext.the_script": "<the script>",
    "fixtext.script_only": "<your script>",
    "fixtext.train_script": "{py} {script} <your options>",
}
