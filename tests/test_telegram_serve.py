"""Starting the bot: `zongjie serve` and `zongjie run` as a user runs them (separate processes
against the fake Bot API), the refusals to start, and webhook mode with its secret token."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.settings import Settings
from prompts import load_templates
from storage.embeddings import E5Embeddings
from tests.botharness import MEMBER, LiveBot, bot_settings, running_server, services_with_model
from tests.fakebotapi import TOKEN, FakeBotAPI, private_chat

TEMPLATES = load_templates()
ZONGJIE = str(Path(sys.executable).parent / "zongjie")
CHAT = private_chat(MEMBER["id"])
SECRET = "s3cret-Token_for-tests"


@pytest.fixture
def server() -> Iterator[FakeBotAPI]:
    with running_server() as fake:
        yield fake


def bot_env(tmp_path: Path, server: FakeBotAPI, **extra: str) -> dict[str, str]:
    """The environment of a `zongjie` process pointed at the fake Bot API."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZONGJIE_")}
    env |= {
        "ZONGJIE_DATA_DIR": str(tmp_path / "data"),
        "ZONGJIE_TELEGRAM_TOKEN": TOKEN,
        "ZONGJIE_TELEGRAM_BASE_URL": server.base_url,
        "HF_HUB_OFFLINE": "1",
    }
    return env | extra


def test_serve_without_a_token_says_how_to_get_one(tmp_path: Path, server: FakeBotAPI) -> None:
    env = bot_env(tmp_path, server)
    del env["ZONGJIE_TELEGRAM_TOKEN"]
    done = subprocess.run([ZONGJIE, "serve"], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert TEMPLATES.render("bot.no_token") in done.stderr


def test_serve_without_an_allow_list_refuses_to_start(tmp_path: Path, server: FakeBotAPI) -> None:
    env = bot_env(tmp_path, server)
    done = subprocess.run([ZONGJIE, "serve"], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert TEMPLATES.render("bot.no_allow_list") in done.stderr
    assert server.calls == []  # not even getMe


def exchange_with_process(
    server: FakeBotAPI, command: str, env: dict[str, str], text: str
) -> tuple[str, str]:
    """Start `zongjie COMMAND`, send `text` once it polls, stop it with SIGTERM as a service
    manager would; the bot's reply and the process's stderr."""
    process = subprocess.Popen(
        [ZONGJIE, command], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        server.wait_for("getUpdates")
        mark = server.mark()
        server.say(MEMBER, CHAT, text)
        reply = server.wait_for("sendMessage", since=mark).text
    finally:
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr
    return reply, stderr


def test_serve_polls_answers_and_stops_on_sigterm(tmp_path: Path, server: FakeBotAPI) -> None:
    env = bot_env(tmp_path, server, ZONGJIE_ALLOWED_USERS=f"{MEMBER['id']}, 5")
    reply, stderr = exchange_with_process(server, "serve", env, "/whoami")
    assert f"您的用户 ID：{MEMBER['id']}" in reply
    assert "Zongjie bot @zongjie_test_bot is up" in stderr


def test_run_with_a_token_ingests_the_samples_then_serves(
    tmp_path: Path, server: FakeBotAPI
) -> None:
    samples = tmp_path / "samples"
    samples.mkdir()
    (samples / "简报.txt").write_text(
        "青禾县教育局2025年第三季度工作总结\n一、后勤保障\n第三季度全县新建标准化食堂12所。\n",
        encoding="utf-8",
    )
    env = bot_env(tmp_path, server, ZONGJIE_ALLOW_ALL="true", ZONGJIE_SAMPLES_DIR=str(samples))
    reply, _ = exchange_with_process(server, "run", env, "第三季度新建标准化食堂多少所？")
    assert "12所" in reply


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _post(url: str, update: dict[str, object], secret: str) -> int:
    request = urllib.request.Request(
        url,
        data=json.dumps(update).encode(),
        headers={"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": secret},
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        exc.close()  # an open refused connection would hold the webhook server's shutdown
        return exc.code


def test_webhook_mode_takes_only_updates_with_the_secret(
    tmp_path: Path, server: FakeBotAPI, e5: E5Embeddings
) -> None:
    port = _free_port()
    settings = bot_settings(
        server,
        Settings(data_dir=tmp_path / "data"),
        webhook_url="https://bot.example.invalid/hook/zongjie",
        webhook_secret=SECRET,
        webhook_listen="127.0.0.1",
        webhook_port=port,
    )
    bot = LiveBot(server, services_with_model(settings, e5), drafts=None).start()
    try:
        hook = server.wait_for("setWebhook")
        assert hook.params["url"] == "https://bot.example.invalid/hook/zongjie"
        assert hook.params["secret_token"] == SECRET
        local = f"http://127.0.0.1:{port}/hook/zongjie"

        mark = server.mark()
        forged = {"update_id": 1, "message": server.message(MEMBER, CHAT, "/start")}
        assert _post(local, forged, "wrong-secret") == 403
        genuine = {"update_id": 2, "message": server.message(MEMBER, CHAT, "/whoami")}
        assert _post(local, genuine, SECRET) == 200
        reply = server.wait_for("sendMessage", since=mark)
        assert "会话 ID" in reply.text
        assert [c.text for c in server.calls_since(mark, "sendMessage")] == [reply.text]
        assert server.calls_since(mark, "getUpdates") == []
    finally:
        bot.stop()
