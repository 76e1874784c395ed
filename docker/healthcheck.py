"""Container healthcheck: exit 0 when the configured SQL database and Chroma answer, else 1.

Builds the store from the same ZONGJIE_ settings as the program (no embedding model is
loaded) and asks each side one cheap question. Also usable by hand:
`python docker/healthcheck.py` with the environment of the deployment.
"""

from __future__ import annotations

import sys


def main() -> int:
    """Ask SQL and Chroma one question each; print the failure and return 1 if either fails."""
    try:
        from bot.services import Services
        from bot.settings import Settings

        store = Services(Settings()).store
        store.generation()  # one SQL query
        store.vectors.count()  # one Chroma call
    except Exception as exc:  # noqa: BLE001 - any failure means unhealthy
        print(f"unhealthy: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
