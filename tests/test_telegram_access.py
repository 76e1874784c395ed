"""Access settings and policy: id lists from the environment, no allow-list means no start,
roles, and the one refusal per stranger."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from bot.settings import Settings
from bot.telegram.access import Access, NoAllowList
from bot.telegram.app import webhook_path


def test_id_lists_are_read_comma_separated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZONGJIE_ALLOWED_USERS", "101, 102；103 104")
    monkeypatch.setenv("ZONGJIE_ALLOWED_CHATS", "-1001234567890")
    monkeypatch.setenv("ZONGJIE_ADMIN_USERS", "101")
    settings = Settings()
    assert settings.allowed_users == {101, 102, 103, 104}
    assert settings.allowed_chats == {-1001234567890}
    assert settings.admin_users == {101}


def test_a_malformed_id_list_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZONGJIE_ALLOWED_USERS", "101, 张三")
    with pytest.raises(ValidationError):
        Settings()


def test_the_file_url_is_derived_from_the_base_url() -> None:
    assert Settings().telegram_file_url() is None  # the library's default
    local = Settings(telegram_base_url="http://127.0.0.1:8081/bot")
    assert local.telegram_file_url() == "http://127.0.0.1:8081/file/bot"
    both = Settings(telegram_base_url="http://a/bot", telegram_base_file_url="http://b/files/bot")
    assert both.telegram_file_url() == "http://b/files/bot"


def test_webhook_path_comes_from_the_public_url_unless_set() -> None:
    assert webhook_path(Settings(webhook_url="https://x.gov.cn/hook/zj")) == "hook/zj"
    assert webhook_path(Settings(webhook_url="https://x.gov.cn/a", webhook_path="/b/")) == "b"


def test_no_allow_list_means_no_start_unless_allow_all_is_said() -> None:
    with pytest.raises(NoAllowList):
        Access.from_settings(Settings())
    assert Access.from_settings(Settings(allow_all=True)).allows(5, 5)
    assert Access.from_settings(Settings(admin_users=frozenset({7}))).allows(7, 7)


def test_roles() -> None:
    access = Access.from_settings(
        Settings(
            allowed_users=frozenset({1}), allowed_chats=frozenset({-10}), admin_users=frozenset({9})
        )
    )
    assert access.allows(1, 1) and access.allows(1, -99)  # an allowed user, anywhere
    assert access.allows(2, -10) and not access.allows(2, 2)  # a group member, only there
    assert access.allows(9, 9) and access.is_admin(9) and access.may_upload(9, 9)
    assert not access.may_upload(1, 1) and not access.is_admin(1)
    settings = Settings(allowed_users=frozenset({1}), all_users_may_upload=True)
    everyone = Access.from_settings(settings)
    assert everyone.may_upload(1, 1) and not everyone.may_upload(2, 2)


def test_a_stranger_is_refused_once() -> None:
    access = Access.from_settings(Settings(allowed_users=frozenset({1})))
    assert access.first_refusal(99) is True
    assert access.first_refusal(99) is False
    assert access.first_refusal(98) is True
