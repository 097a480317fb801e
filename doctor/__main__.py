from __future__ import annotations

from doctor.cli import entry

if __name__ == "__main__":
    entry()
