"""A small client of pyright's language server (the engine of Pylance), over its stdio.

JSON-RPC with ``Content-Length`` framing: ``initialize``, ``initialized``, ``didOpen``, then
``completion`` requests; the server's ``workspace/configuration`` requests are answered
with nulls (its defaults, and the project's pyrightconfig.json or pyproject.toml).
"""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path
from typing import Any, Self

PYRIGHT_LANGSERVER = Path(__file__).parents[2] / ".venv" / "bin" / "pyright-langserver"


class LanguageServer:
    def __init__(self, root: Path, executable: Path = PYRIGHT_LANGSERVER) -> None:
        self.root = root
        self._process = subprocess.Popen(
            [str(executable), "--stdio"],
            cwd=root,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self._next_id = 0
        #: The documents the server has published diagnostics for (it has analysed them).
        self.diagnosed: set[str] = set()
        self.request(
            "initialize",
            {
                "processId": None,
                "rootUri": root.as_uri(),
                "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}],
                "capabilities": {
                    "textDocument": {"completion": {"completionItem": {"snippetSupport": False}}},
                    "workspace": {"configuration": True},
                },
            },
        )
        self.notify("initialized", {})

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self.request("shutdown", None)
            self.notify("exit", None)
            self._process.wait(timeout=10)
        finally:
            if self._process.poll() is None:
                self._process.kill()
                self._process.wait()
            for pipe in (self._process.stdin, self._process.stdout):
                if pipe is not None:
                    pipe.close()

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self._process.stdin is not None
        self._process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self._process.stdin.flush()

    def _receive(self) -> dict[str, Any]:
        assert self._process.stdout is not None
        length = 0
        while (line := self._process.stdout.readline().strip()) != b"":
            name, _, value = line.partition(b":")
            if name.lower() == b"content-length":
                length = int(value)
        return json.loads(self._process.stdout.read(length))

    def _handle(self, message: dict[str, Any]) -> None:
        """Answer a request from the server; note a document's diagnostics."""
        if "method" in message and "id" in message:
            items = message.get("params", {}).get("items", [])
            result = [None] * len(items) if message["method"] == "workspace/configuration" else None
            self._send({"id": message["id"], "result": result})
        elif message.get("method") == "textDocument/publishDiagnostics":
            self.diagnosed.add(message["params"]["uri"])

    def wait_until_analysed(self, uri: str) -> None:
        """Read the server's messages until it publishes ``uri``'s diagnostics."""
        while uri not in self.diagnosed:
            self._handle(self._receive())

    def notify(self, method: str, params: object) -> None:
        self._send({"method": method, "params": params})

    def request(self, method: str, params: object) -> Any:
        self._next_id += 1
        self._send({"id": self._next_id, "method": method, "params": params})
        while True:
            message = self._receive()
            if "method" not in message and message.get("id") == self._next_id:
                if "error" in message:
                    raise RuntimeError(message["error"])
                return message.get("result")
            self._handle(message)

    def open(self, path: Path, text: str) -> str:
        uri = path.resolve().as_uri()
        self.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": text}},
        )
        return uri

    def completion(self, uri: str, line: int, character: int) -> tuple[list[str], float]:
        """The labels offered at a position (0-based), and the seconds the answer took."""
        start = time.perf_counter()
        result = self.request(
            "textDocument/completion",
            {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}},
        )
        elapsed = time.perf_counter() - start
        items = result["items"] if isinstance(result, dict) else result or []
        return [item["label"] for item in items], elapsed


def complete_at_end(server: LanguageServer, path: Path, text: str) -> tuple[list[str], float]:
    """Open ``path`` with ``text`` and complete at the end of its last line."""
    uri = server.open(path, text)
    lines = text.split("\n")
    return server.completion(uri, len(lines) - 1, len(lines[-1]))
