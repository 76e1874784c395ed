"""The Telegram face: a python-telegram-bot 22 application over the same services as the CLI."""
