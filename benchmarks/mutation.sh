#!/usr/bin/env bash
# Mutation testing of the judging code with mutmut 3 (not in CI: it takes hours on 2 cores).
# The configuration is [tool.mutmut] in pyproject.toml: what is mutated (doctor/checks,
# doctor/resolver.py, doctor/knowledge, doctor/explain, doctor/fixer) and the fast tests it runs.
# Those tests run the CLI in-process here (IDOCTOR_TESTS_IN_PROCESS=1, see tests/helpers.py), so
# that mutmut sees which test reaches which function.
#
#   pip install 'mutmut>=3.3,<4'
#   benchmarks/mutation.sh                          # every mutant of every package (~18,000)
#   benchmarks/mutation.sh doctor.knowledge         # one package (or module: doctor.resolver)
#   MUTMUT_SAMPLE=50 benchmarks/mutation.sh         # the same 50 random mutants per package
#   MUTMUT_SEED=29 MUTMUT_SAMPLE=30 benchmarks/mutation.sh   # another sample (default seed 17)
#   MUTMUT_JOBS=4 benchmarks/mutation.sh ...        # more workers (default 2)
#
# Prints killed / survived / timeout / no tests / total and the score per package. Survivors
# judged equivalent are listed in benchmarks/mutation.md; `mutmut show NAME` shows one mutant.
set -euo pipefail
cd "$(dirname "$0")/.."
export IDOCTOR_TESTS_IN_PROCESS=1
jobs=${MUTMUT_JOBS:-2}
sample=${MUTMUT_SAMPLE:-}
packages=("$@")
if [ ${#packages[@]} -eq 0 ]; then
    packages=(doctor.knowledge doctor.resolver doctor.fixer doctor.checks doctor.explain)
fi
mutmut() { nice -n 10 python3 -m mutmut run --max-children "$jobs" "$@" > /dev/null || true; }
if [ ! -d mutants ]; then
    mutmut "doctor.knowledge.versions.*"  # writes every mutant and maps the tests to functions
fi
for pkg in "${packages[@]}"; do
    if [ -n "$sample" ]; then
        mapfile -t names < <(python3 benchmarks/mutation_score.py --sample "$sample" "$pkg")
        mutmut "${names[@]}"
    else
        mutmut "$pkg.*"
    fi
done
if [ -n "$sample" ]; then
    python3 benchmarks/mutation_score.py --sample "$sample" --score "${packages[@]}"
else
    python3 benchmarks/mutation_score.py "${packages[@]}"
fi
