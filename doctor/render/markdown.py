"""`check --markdown`: a paste-ready block for a GitHub issue of icefall or k2 (as
`python -m torch.utils.collect_env` is pasted today): the blocking problems first, one per root
cause with its fix commands, then the environment as a table. The caller redacts the text
(secrets, home folder as ~) as it writes it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from doctor import __version__
from doctor.facts import Facts
from doctor.findings import Finding, Status
from doctor.fixer.render import fix_lines
from doctor.messages import t, text
from doctor.render.problems import Problem, deferred_to_plan, problems
from doctor.units import gib


def render(facts: Facts, findings: Sequence[Finding], lang: str) -> str:
    found = problems(findings)
    blocking = [p for p in found if p.blocks]
    warnings = [p for p in found if not p.blocks and p.face.status is Status.WARN]
    lines = [f"### {t('report.md.heading', lang)}", "", f"_{t('report.md.intro', lang)}_", ""]
    deferred = deferred_to_plan(findings)
    if blocking:
        lines += [f"#### {t('report.md.blocking', lang, n=len(blocking))}", ""]
        for n, p in enumerate(blocking, 1):
            lines += _problem(n, p, lang, id(p.face) in deferred)
    else:
        lines += [f"**{t('report.md.none_blocking', lang)}**", ""]
    if warnings:
        lines += [f"#### {t('report.md.warnings', lang, n=len(warnings))}", ""]
        lines += [f"- {_inline(text(p.face.title, lang))}" for p in warnings]
        lines.append("")
    lines += [f"#### {t('report.md.environment', lang)}", "", *_table(facts, lang), ""]
    return "\n".join(lines)


def _problem(n: int, p: Problem, lang: str, deferred: bool = False) -> list[str]:
    notes = [t("render.fix.in_plan", lang)] if deferred else []
    if p.steps:
        notes.append(t("report.md.blocks", lang, steps=", ".join(p.steps)))
    others = list(dict.fromkeys(f.check for f in p.others if f.check != p.face.check))
    if others:
        notes.append(t("report.md.also", lang, checks=", ".join(others)))
    tail = f" ({_inline('; '.join(notes))})" if notes else ""
    out = [f"{n}. **{_inline(text(p.face.title, lang))}** `{p.face.check}`{tail}"]
    commands = fix_lines(p.fix, lang) if p.fix and not deferred else []
    if commands:
        fence = "````" if any("```" in c for c in commands) else "```"
        out += [f"   {fence}bash", *(f"   {c}" for c in commands), f"   {fence}"]
    return [*out, ""]


def _inline(value: str) -> str:
    """One line of Markdown text: no line breaks, no table-breaking bars."""
    return " ".join(value.split()).replace("|", "\\|")


def _table(facts: Facts, lang: str) -> list[str]:
    head = [
        f"| {t('report.md.col.what', lang)} | {t('report.md.col.value', lang)} |",
        "| --- | --- |",
    ]
    return head + [f"| {_inline(k)} | {_inline(v)} |" for k, v in rows(facts, lang)]


def rows(facts: Facts, lang: str) -> list[tuple[str, str]]:
    """(component, what was found) for the environment table."""
    from doctor.knowledge import AS_OF

    out = [
        (t("report.md.row.os", lang), _os(facts, lang)),
        (t("report.md.row.python", lang), _python(facts, lang)),
        *_torch(facts, lang),
        (t("report.md.row.driver", lang), _driver(facts, lang)),
        *_gpus(facts, lang),
        (t("report.md.row.nvcc", lang), _nvcc(facts, lang)),
        (t("report.md.row.k2", lang), _k2(facts, lang)),
        (t("report.md.row.lhotse", lang), _lhotse(facts, lang)),
        (t("report.md.row.icefall", lang), _icefall(facts, lang)),
    ]
    recipe = (facts.context.get("options") or {}).get("recipe") or facts.get("recipe").get("recipe")
    if recipe:
        out.append((t("report.md.row.recipe", lang), str(recipe)))
    doctor = t("report.md.doctor", lang, version=__version__, as_of=AS_OF)
    out.append((t("report.md.row.doctor", lang), doctor))
    return out


def _obj(value: Any) -> dict[str, Any]:
    """A fact that should be an object; {} when it is not (a report from elsewhere)."""
    return value if isinstance(value, dict) else {}


def _unknown(lang: str) -> str:
    return t("report.md.unknown", lang)


def _os(facts: Facts, lang: str) -> str:
    s = facts.get("system")
    if not s:
        return _unknown(lang)
    distro_facts = _obj(s.get("distro"))
    distro = distro_facts.get("pretty_name") or s.get("os") or "?"
    kernel = " ".join(str(x) for x in (s.get("os"), s.get("release"), s.get("machine")) if x)
    libc = f"{s.get('libc')} {s.get('libc_version')}" if s.get("libc_version") else ""
    return ", ".join(x for x in (str(distro), kernel, libc) if x)


def _python(facts: Facts, lang: str) -> str:
    p = facts.get("python")
    if not p:
        return _unknown(lang)
    kind = " ".join(str(p[k]) for k in ("env_kind", "env_name") if p.get(k))
    executable = p.get("executable") or facts.context.get("target") or "?"
    key = "report.md.python" if kind else "report.md.python.plain"
    return t(key, lang, version=p.get("version", "?"), executable=executable, kind=kind)


def _torch(facts: Facts, lang: str) -> list[tuple[str, str]]:
    d = facts.get("torch")
    name = t("report.md.row.torch", lang)
    if not d:
        return [(name, _unknown(lang))]
    if not d.get("installed"):
        return [(name, t("report.md.not_installed", lang))]
    version = str(d.get("version") or "?")
    if d.get("cuda"):
        usable = t("report.md.yes" if d.get("cuda_available") else "report.md.no", lang)
        value = t(
            "report.md.torch",
            lang,
            version=version,
            cuda=d["cuda"],
            cudnn=d.get("cudnn") or "-",
            usable=usable,
        )
    else:
        value = t("report.md.torch.cpu", lang, version=version)
    audio = _obj(d.get("torchaudio"))
    audio_value = str(audio.get("version") or t("report.md.not_installed", lang))
    return [(name, value), (t("report.md.row.torchaudio", lang), audio_value)]


def _driver(facts: Facts, lang: str) -> str:
    d = facts.get("nvidia")
    if not d:
        return _unknown(lang)
    if not d.get("driver"):
        return t("report.md.no_driver", lang)
    return t("report.md.driver", lang, driver=d["driver"], cuda=d.get("cuda_driver_version") or "?")


def _gpus(facts: Facts, lang: str) -> list[tuple[str, str]]:
    out = []
    gpus = [g for g in facts.get("nvidia").get("gpus") or [] if isinstance(g, dict)]
    for i, g in enumerate(gpus):
        value = t(
            "report.md.gpu",
            lang,
            name=g.get("name") or "?",
            cc=g.get("compute_capability") or "?",
            memory=gib(g.get("memory_total")),
        )
        out.append((t("report.md.row.gpu", lang, index=g.get("index", i)), value))
    return out


def _nvcc(facts: Facts, lang: str) -> str:
    d = facts.get("cuda")
    if not d:
        return _unknown(lang)
    if not d.get("nvcc"):
        return t("report.md.not_found", lang)
    return f"{d.get('release') or '?'} ({d['nvcc']})"


def _k2(facts: Facts, lang: str) -> str:
    d = facts.get("k2")
    if not d:
        return _unknown(lang)
    if d.get("import_ok"):
        b: dict[str, Any] = _obj(d.get("build"))
        how = t("report.md.k2.source", lang) if d.get("source_build") else ""
        return t(
            "report.md.k2" if b.get("cuda_version") else "report.md.k2.cpu",
            lang,
            version=b.get("version") or d.get("dist_version") or "?",
            torch=b.get("torch_version") or "?",
            cuda=b.get("cuda_version") or "",
            how=how,
        )
    if d.get("found"):
        error = str(d.get("import_error") or "?").splitlines()[0]
        return t("report.md.k2.broken", lang, version=d.get("dist_version") or "?", error=error)
    builds = [b for b in d.get("source_builds") or [] if isinstance(b, dict)]
    if builds:
        return t("report.md.k2.source_found", lang, root=builds[0].get("root") or "?")
    return t("report.md.not_installed", lang)


def _lhotse(facts: Facts, lang: str) -> str:
    d = facts.get("lhotse")
    if not d:
        return _unknown(lang)
    return (
        str(d.get("version") or "?") if d.get("installed") else t("report.md.not_installed", lang)
    )


def _icefall(facts: Facts, lang: str) -> str:
    d = facts.get("icefall")
    if not d:
        return _unknown(lang)
    root = d.get("root")
    if not root:
        return t("report.md.not_found", lang)
    git = _obj(d.get("git"))
    if not git.get("commit"):
        return t("report.md.icefall.nogit", lang, root=root)
    dirty = t("report.md.icefall.dirty", lang) if git.get("dirty") else ""
    return t("report.md.icefall", lang, root=root, commit=str(git["commit"])[:12], dirty=dirty)
