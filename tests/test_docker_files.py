"""docker/: the compose file's structure, the Dockerfile's promises, and the healthcheck script.

Docker cannot run on these machines, so nothing here builds an image or starts a container:
the YAML is parsed and checked against what compose needs and what Settings reads, the
Dockerfile is read for its instructions, and the healthcheck script runs for real on a store.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.settings import Settings
from tests.conftest import REPO
from tests.servers import free_port

DOCKER = REPO / "docker"
SERVICES = {"bot", "postgres", "chroma"}
_ENV_NAME = re.compile(r"^([A-Z][A-Z0-9_]*)=", re.MULTILINE)


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    """docker/compose.yaml, parsed."""
    return yaml.safe_load((DOCKER / "compose.yaml").read_text(encoding="utf-8"))


def _settings_variables() -> set[str]:
    prefix = Settings.model_config.get("env_prefix", "")
    return {f"{prefix}{name}".upper() for name in Settings.model_fields}


def test_compose_has_the_three_services_with_healthchecks(compose: dict[str, Any]) -> None:
    assert set(compose["services"]) == SERVICES
    for name, service in compose["services"].items():
        check = service.get("healthcheck", {})
        assert check.get("test"), f"{name} has no healthcheck"
        assert check["test"][0] in {"CMD", "CMD-SHELL"}
        assert service.get("restart") == "unless-stopped"


def test_every_volume_is_named_and_declared(compose: dict[str, Any]) -> None:
    declared = set(compose["volumes"])
    used = set()
    for service in compose["services"].values():
        for mount in service.get("volumes", []):
            source, _, target = mount.partition(":")
            assert target.startswith("/"), mount
            assert not source.startswith((".", "/")), f"{mount} is a bind mount, not a volume"
            used.add(source)
    assert used == declared and len(declared) == 3


def test_the_bot_waits_for_healthy_servers_and_points_at_them(compose: dict[str, Any]) -> None:
    bot = compose["services"]["bot"]
    assert bot["depends_on"] == {
        "postgres": {"condition": "service_healthy"},
        "chroma": {"condition": "service_healthy"},
    }
    environment = bot["environment"]
    assert environment["ZONGJIE_DATABASE_URL"].startswith("postgresql+psycopg://")
    assert "@postgres:5432/" in environment["ZONGJIE_DATABASE_URL"]
    assert environment["ZONGJIE_CHROMA_URL"] == "http://chroma:8000"
    chroma = compose["services"]["chroma"]["command"]
    assert chroma[:2] == ["chroma", "run"] and chroma[chroma.index("--port") + 1] == "8000"
    assert bot["env_file"] == ".env"


def test_environment_names_are_settings_or_postgres(compose: dict[str, Any]) -> None:
    known = _settings_variables() | {"POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_DB"}
    example = (DOCKER / ".env.example").read_text(encoding="utf-8")
    names = set(_ENV_NAME.findall(example))
    for service in compose["services"].values():
        names |= {n for n in service.get("environment", {}) if n.startswith("ZONGJIE_")}
    assert names - known == set()
    assert {"ZONGJIE_TELEGRAM_TOKEN", "POSTGRES_PASSWORD"} <= names
    interpolated = set(re.findall(r"\$\{(\w+)", (DOCKER / "compose.yaml").read_text("utf-8")))
    assert interpolated <= names  # every ${VAR} compose reads is in the example


def test_the_dockerfile_keeps_its_promises() -> None:
    text = (DOCKER / "Dockerfile").read_text(encoding="utf-8")
    instructions = [
        line.split(None, 1) for line in text.splitlines() if line and not line[0].isspace()
    ]
    commands = [(parts[0], parts[1] if len(parts) > 1 else "") for parts in instructions]
    first = next(arg for cmd, arg in commands if cmd == "FROM")
    assert re.fullmatch(r"python:3\.11-slim(-\w+)?", first)
    users = [arg for cmd, arg in commands if cmd == "USER"]
    assert users and users[-1] not in {"root", "0"}
    assert any(cmd == "HEALTHCHECK" for cmd, _ in commands)
    assert "docker/healthcheck.py" in text
    assert "fonts-wqy-zenhei" in text
    assert "pip install ." in text
    assert "HF_HUB_OFFLINE=1" in text
    assert "E5Embeddings()" in text  # the model is loaded once at build time
    copied = {arg.split()[0] for cmd, arg in commands if cmd == "COPY"}
    assert {"bot", "knowledge", "ingest", "prompts", "storage"} <= copied


def _healthcheck(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "HF_HUB_OFFLINE": "1", **env}
    script = str(DOCKER / "healthcheck.py")
    return subprocess.run(
        [sys.executable, script], env=full, capture_output=True, text=True, timeout=120
    )


def test_the_healthcheck_passes_on_a_store_and_fails_without_chroma(tmp_path: Path) -> None:
    healthy = _healthcheck({"ZONGJIE_DATA_DIR": str(tmp_path / "data"), "PYTHONPATH": str(REPO)})
    assert healthy.returncode == 0, healthy.stderr
    nobody = f"http://127.0.0.1:{free_port()}"
    down = _healthcheck(
        {
            "ZONGJIE_DATA_DIR": str(tmp_path / "data"),
            "ZONGJIE_CHROMA_URL": nobody,
            "PYTHONPATH": str(REPO),
        }
    )
    assert down.returncode == 1 and "unhealthy" in down.stderr
