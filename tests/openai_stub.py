"""A local OpenAI-compatible chat server on 127.0.0.1 for tests: scripted replies, recorded calls.

It speaks just enough of POST /v1/chat/completions for langchain_openai.ChatOpenAI: each
request gets the next scripted reply (a string), or an HTTP error when the script says so
(an int status). Every request body and its Authorization header are recorded.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class StubState:
    script: list[str | int]
    requests: list[dict[str, Any]] = field(default_factory=list)
    authorizations: list[str] = field(default_factory=list)


def _completion(model: str, text: str) -> dict[str, Any]:
    return {
        "id": "chatcmpl-stub",
        "object": "chat.completion",
        "created": 0,
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": text},
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


@contextmanager
def openai_stub(script: list[str | int]) -> Iterator[tuple[str, StubState]]:
    """Serve `script` in order; yields (base URL ending in /v1, the recorded state)."""
    state = StubState(list(script))

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            state.requests.append(body)
            state.authorizations.append(self.headers.get("Authorization", ""))
            step = state.script.pop(0) if state.script else 500
            if self.path != "/v1/chat/completions":
                step = 404
            if isinstance(step, int):
                payload = json.dumps({"error": {"message": "stub error"}}).encode()
                self.send_response(step)
            else:
                payload = json.dumps(_completion(body.get("model", ""), step)).encode()
                self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: Any) -> None:  # quiet test output
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1", state
    finally:
        server.shutdown()
        server.server_close()
