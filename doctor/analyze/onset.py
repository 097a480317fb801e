"""Smoothed curves, the validation minimum, and the over-fitting onset.

The onset is where the *smoothed* validation curve turns upward (its minimum) while the smoothed
training curve keeps falling after it, and only when the rise since that minimum is well above
the noise of the raw points and lasts for several points. Too few points: "too short to judge".
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, replace

from doctor.analyze.series import Curve

MIN_POINTS = 10  # fewer validation points than this: too short to judge
REL_RISE = 0.01  # the rise must also exceed 1 % of the minimum


@dataclass(frozen=True)
class LossVerdict:
    loss: str
    status: str  # "overfitting", "none", "too_short", "train_not_falling", "absent"
    valid_points: int
    train_points: int
    valid_min_epoch: int | None = None
    valid_min_value: float | None = None
    onset_epoch: int | None = None
    rise: float | None = None
    noise: float | None = None


def window(n: int) -> int:
    """An odd smoothing window, about a tenth of the points, between 3 and 31."""
    w = max(3, min(31, n // 10))
    return w if w % 2 else w + 1


def smooth(values: list[float], w: int) -> list[float]:
    """A centred running median (drops spikes) followed by a centred running mean."""
    half = w // 2
    n = len(values)
    med = [statistics.median(values[max(0, i - half) : i + half + 1]) for i in range(n)]
    return [statistics.fmean(med[max(0, i - half) : i + half + 1]) for i in range(n)]


def smoothed(curve: Curve) -> tuple[list[int], list[float]]:
    xs = sorted(curve)
    ys = [curve[x] for x in xs]
    return xs, (smooth(ys, window(len(ys))) if ys else [])


def for_choice(curve: Curve) -> tuple[list[int], list[float]]:
    """The curve a checkpoint is picked on: smoothed when there are enough points to smooth,
    the raw values of a short run (a 3-point window would move its minimum)."""
    if len(curve) >= MIN_POINTS:
        return smoothed(curve)
    xs = sorted(curve)
    return xs, [curve[x] for x in xs]


def interpolate(xs: list[int], ys: list[float], x: float) -> float:
    """Linear interpolation, flat beyond both ends."""
    if x <= xs[0]:
        return ys[0]
    if x >= xs[-1]:
        return ys[-1]
    for i in range(1, len(xs)):
        if x <= xs[i]:
            t = (x - xs[i - 1]) / (xs[i] - xs[i - 1])
            return ys[i - 1] + t * (ys[i] - ys[i - 1])
    return ys[-1]


def judge(loss: str, train: Curve, valid: Curve) -> LossVerdict:
    v = LossVerdict(loss, "absent", len(valid), len(train))
    if not valid:
        return v
    if len(valid) < MIN_POINTS:
        low_epoch = min(valid, key=lambda e: (valid[e], e))
        return replace(
            v, status="too_short", valid_min_epoch=low_epoch, valid_min_value=valid[low_epoch]
        )
    xs, sv = smoothed(valid)
    m = min(range(len(sv)), key=lambda i: (sv[i], i))
    low = _refine(valid, xs, m)
    v = replace(v, valid_min_epoch=xs[low], valid_min_value=sv[low])
    noise = 1.4826 * statistics.median(abs(valid[x] - s) for x, s in zip(xs, sv))
    rise = sv[-1] - sv[m]
    v = replace(v, status="none", rise=rise, noise=noise)
    after = len(xs) - 1 - m
    if after < max(3, window(len(xs)) // 2) or rise <= max(2 * noise, REL_RISE * abs(sv[m])):
        return v
    if not _train_falls(train, xs[m], xs[-1]):
        return replace(v, status="train_not_falling")
    return replace(v, status="overfitting", onset_epoch=xs[low])


def _refine(valid: Curve, xs: list[int], m: int) -> int:
    """The heavy window drags a lopsided minimum towards its flatter side: look again near
    ``m`` with a light window (5 points) for the turning point."""
    light = smooth([valid[x] for x in xs], 5)
    half = window(len(xs)) // 2
    lo, hi = max(0, m - half), min(len(xs), m + half + 1)
    return min(range(lo, hi), key=lambda i: (light[i], i))


def _train_falls(train: Curve, start: int, end: int) -> bool:
    """Whether smoothed training loss is lower at ``end`` than at ``start``."""
    if len(train) < 2:
        return False
    tx, ts = smoothed(train)
    return interpolate(tx, ts, end) < interpolate(tx, ts, start)
