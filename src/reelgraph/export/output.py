"""Where an export writes: a path, or an open text stream such as stdout."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator, Union

Target = Union[str, Path, IO[str]]


@contextmanager
def text_out(target: Target, newline: str | None = None) -> Iterator[IO[str]]:
    """Yield a text stream: `target` itself if it can be written to, else the file at that path (UTF-8)."""
    if hasattr(target, "write"):
        yield target  # type: ignore[misc]
        return
    path = Path(target)  # type: ignore[arg-type]
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline=newline) as fh:
        yield fh
