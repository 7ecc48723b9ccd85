"""The text of a PDF or DOCX file, read in a child process with limits of memory and time.

What pypdf and python-docx cost follows what a file inflates to, not its size: a 184 KB DOCX
held a server worker for 30 s and 3.7 GB. So the text is read off the request path (the worker
runs `extract_file_text`), and there in a child process, `python -I extraction.py`, that limits
itself (address space, CPU seconds, no core file, a lower priority) before it reads anything;
`run` adds a wall-clock timeout. A file beyond the limits is an answer (`ExtractionFailed` and
its code), never the end of the worker.

This file imports nothing of Django or of CICA: the child starts in a fraction of a second.
"""

import io
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

MAX_TEXT = 5_000_000  # characters kept for search

# Why a text is missing: the codes of DocumentFile.TextFailure.
ENCRYPTED, UNREADABLE, PAGES, MEMORY, TIME = "encrypted", "unreadable", "pages", "memory", "time"
_FAILED, _OUT_OF_MEMORY = 2, 3  # the child's exit codes beside 0
_OUT_OF_TIME = {-signal.SIGXCPU, -signal.SIGKILL}


class ExtractionFailed(Exception):
    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def run(extension: str, content: bytes, *, max_pages: int, memory_bytes: int, seconds: int) -> str:
    """The text of a .pdf or .docx file, read in a child process within the limits."""
    command = [sys.executable, "-I", str(Path(__file__).resolve()), extension]
    command += [str(max_pages), str(memory_bytes), str(seconds)]
    try:
        done = subprocess.run(command, input=content, capture_output=True, timeout=seconds + 5)
    except subprocess.TimeoutExpired as error:  # asleep or blocked: the CPU limit never came
        raise ExtractionFailed(TIME) from error
    if done.returncode == 0:
        return done.stdout.decode("utf-8")
    if done.returncode == _FAILED:
        code = done.stderr.decode("utf-8", "replace").strip().rsplit("\n", 1)[-1]
        raise ExtractionFailed(code if code in {ENCRYPTED, UNREADABLE, PAGES} else UNREADABLE)
    if done.returncode == _OUT_OF_MEMORY:
        raise ExtractionFailed(MEMORY)
    raise ExtractionFailed(TIME if done.returncode in _OUT_OF_TIME else UNREADABLE)


# ---- in the child ----------------------------------------------------------------------------


def _limit(memory_bytes: int, seconds: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    # SIGXCPU at the soft limit, SIGKILL a second later if it is caught.
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    os.nice(10)  # the server's workers come first on a shared machine


def _peak_bytes() -> int:
    """The largest address space the process has held (Linux), which RLIMIT_AS bounds."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return 0
    peak = status.partition("VmPeak:")[2].split()
    return int(peak[0]) * 1024 if peak else 0


def _pdf_text(content: bytes, max_pages: int) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    if reader.is_encrypted:
        raise ExtractionFailed(ENCRYPTED)
    if len(reader.pages) > max_pages:
        raise ExtractionFailed(PAGES)
    texts, size = [], 0
    for page in reader.pages:
        texts.append(page.extract_text() or "")
        size += len(texts[-1])
        if size >= MAX_TEXT:
            break
    return "\n".join(texts)


def _docx_text(content: bytes, max_pages: int) -> str:
    from docx import Document

    document = Document(io.BytesIO(content))
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            paragraphs.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(paragraphs)


_READERS = {".pdf": _pdf_text, ".docx": _docx_text}


def main(extension: str, max_pages: str, memory_bytes: str, seconds: str) -> int:
    _limit(int(memory_bytes), int(seconds))
    try:
        text = _READERS[extension](sys.stdin.buffer.read(), int(max_pages))
    except ExtractionFailed as failed:
        print(failed.code, file=sys.stderr)
        return _FAILED
    except MemoryError:
        return _OUT_OF_MEMORY
    except Exception as error:  # a damaged file can fail anywhere in the parser
        if _peak_bytes() >= 0.9 * int(memory_bytes):  # lxml's error is "unknown error"
            return _OUT_OF_MEMORY
        print(f"{type(error).__name__}: {error}\n{UNREADABLE}", file=sys.stderr)
        return _FAILED
    # PostgreSQL refuses NUL in text; a lone surrogate cannot be stored either.
    text = text[:MAX_TEXT].replace("\x00", "")
    sys.stdout.buffer.write(text.encode("utf-8", "replace"))
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
