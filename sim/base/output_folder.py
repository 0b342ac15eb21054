"""Output folders: a command owns the folder it writes, and writes it in one move.

A run (``python -m sim run --out``, :meth:`sim.engine.result.Result.write`) and the report exporter
(``python -m sim.report --out``) each write into a folder of their own. The rules:

* a folder that does not exist yet, or is empty, receives the output;
* a folder that holds an earlier output of the same command, and nothing else, is replaced whole:
  no file of the earlier output survives next to the new one (a run recognises an earlier run by
  its ``manifest.json``, which carries the package's marker ``"package": "sim"`` and lists the
  tables, and by holding only the files of those tables, ``scenario.yaml`` and ``manifest.json``);
* any other folder is refused, and the message names what is in it; so are the shipped data folder
  ``datasets/`` (only ``make data`` regenerates it, with ``--overwrite-shipped``), a folder inside
  it, the current folder, an empty name and a path that cannot be written (a file in the way, a path
  under a file, no permission). The checks run before any simulation.

The files are written into a hidden folder beside the target (``.NAME.writing-…``) and moved into
place at the end with one rename (an earlier output is first renamed aside, then removed). On an
error, on Ctrl-C (SIGINT) or on SIGTERM the hidden folder is removed and the target is left as it
was; after SIGTERM the process then ends as SIGTERM would have ended it.

Typical use::

    from sim.base.output_folder import OutputFolder
    folder = OutputFolder("out", owned=lambda path: frozenset({"a.txt"}))
    folder.check()                                   # refuse early, before any long work
    folder.write(lambda tmp: (tmp / "a.txt").write_text("hello"))
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import stat
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sim.base.errors import BilingualError

SHIPPED_DIR = Path(__file__).resolve().parents[2] / "datasets"
"""The folder of the data shipped with the course (seed 2026, default scenario)."""
SHIPPED_EXTRAS: tuple[str, ...] = ("README.md", "REALISM.md")
"""Files of the shipped folder that no run writes (the data dictionary and the realism report of ``make data``); kept
when it is regenerated."""
SYSTEM_LITTER = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})
"""Files a file manager leaves in any folder it shows; they do not make a folder someone else's."""
SHOWN_ITEMS = 5
"""A refusal names at most this many of the items in the way."""


class OutputFolderError(BilingualError):
    """An output folder a command may not write (or could not write); nothing was written."""

    heading_vi = "Thư mục kết quả không dùng được"
    heading_en = "Unusable output folder"


class _Terminated(BaseException):
    """SIGTERM arrived while writing; raised so that the hidden folder is removed before the process ends."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


@dataclass(frozen=True)
class _Plan:
    target: Path
    state: str
    """``new`` (nothing there), ``empty`` (an empty folder) or ``earlier`` (an earlier output)."""
    keep: tuple[str, ...] = ()
    mode: int | None = None


@dataclass(frozen=True)
class OutputFolder:
    """A folder one command writes whole.

    Attributes:
        path: the folder as the user gave it.
        owned: given an existing folder, the names of the files an earlier output of this command may
            hold there, or ``None`` when the folder does not hold one (for a run: no manifest with the
            package's marker).
        field: the argument named in messages (``--out`` on the command line, ``out`` in Python).
        earlier_vi, earlier_en: what an earlier output is called in messages.
        overwrite_shipped: allow the shipped data folder ``datasets/`` (``make data`` only).
    """

    path: str | Path
    owned: Callable[[Path], frozenset[str] | None]
    field: str = "out"
    earlier_vi: str = "kết quả của một lần chạy trước"
    earlier_en: str = "the output of an earlier run"
    overwrite_shipped: bool = False

    def check(self) -> Path:
        """Refuse a folder this command may not write, before any long work; returns the folder's full path.

        Raises:
            OutputFolderError: the name is empty, the folder is the shipped data (without ``overwrite_shipped``),
                the current folder, a file, under a file, not writable, or holds something that is not an
                earlier output of this command (the message names it).
        """
        plan = self._plan()
        self._probe(plan)
        return plan.target

    def write(self, fill: Callable[[Path], object]) -> list[Path]:
        """Write the output in one move: ``fill`` writes the files into a hidden folder, which then takes the target's place.

        Args:
            fill: writes every file of the output into the folder it is given.

        Returns:
            The paths written (in the target folder), sorted by name.

        Raises:
            OutputFolderError: as :meth:`check`, or the files could not be written (disk full…); the target is
                left as it was and nothing half-written remains.
        """
        plan = self._plan()
        self._probe(plan)
        created = _missing_folders(plan.target.parent)
        with _end_cleanly_on_sigterm():
            tmp: Path | None = None
            try:
                plan.target.parent.mkdir(parents=True, exist_ok=True)
                tmp = _fresh_folder(plan.target, "writing")
                fill(tmp)
                names = sorted(os.listdir(tmp))
                with _signals_held():
                    plan = self._plan()  # the folder may have changed during the work
                    for name in plan.keep:
                        if (plan.target / name).is_file():
                            shutil.copy2(plan.target / name, tmp / name)
                    if plan.mode is not None:
                        os.chmod(tmp, plan.mode)
                    _swap(tmp, plan)
                    tmp = None
            except OSError as exc:
                self._clean_up(tmp, created)
                raise OutputFolderError([(self.field, str(self.path),
                                      f"không ghi được kết quả ({exc.strerror or exc}); không có gì bị ghi dở",
                                      f"the output could not be written ({exc.strerror or exc}); nothing was left "
                                      "half-written")]) from exc
            except BaseException:
                self._clean_up(tmp, created)
                raise
        return [plan.target / name for name in names]

    # ------------------------------------------------------------------------------------------------

    def _refuse(self, allowed_vi: str, allowed_en: str) -> OutputFolderError:
        return OutputFolderError([(self.field, str(self.path), allowed_vi, allowed_en)])

    def _target(self) -> Path:
        """The folder's full path, once its name is known to be usable and not a protected folder."""
        raw = str(self.path)
        if not raw.strip() or raw.strip() == "." or "\x00" in raw:
            raise self._refuse("phải là tên một thư mục riêng (không để trống, không phải thư mục hiện tại), ví dụ out/",
                               "must name a folder of its own (not empty, not the current folder), e.g. out/")
        try:
            target = Path(raw).resolve()
            shipped = SHIPPED_DIR.resolve()
        except (OSError, RuntimeError) as exc:
            raise self._refuse(f"không phải một đường dẫn dùng được ({exc})", f"is not a usable path ({exc})") from exc
        if target == shipped and not self.overwrite_shipped:
            raise self._refuse(
                "là thư mục dữ liệu đi kèm khóa học (datasets/); chỉ `make data` được tạo lại nó "
                "(cờ --overwrite-shipped). Hãy ghi vào một thư mục khác, ví dụ out/",
                "is the course's shipped data folder (datasets/); only `make data` regenerates it "
                "(flag --overwrite-shipped). Write to another folder, e.g. out/")
        if target != shipped and target.is_relative_to(shipped):
            raise self._refuse("nằm trong thư mục dữ liệu đi kèm (datasets/); hãy chọn thư mục khác",
                               "lies inside the shipped data folder (datasets/); choose another folder")
        try:
            cwd = Path.cwd().resolve()
        except OSError:
            cwd = None
        if cwd is not None and cwd.is_relative_to(target):
            raise self._refuse("là thư mục hiện tại (hoặc chứa nó); hãy ghi tên một thư mục riêng, ví dụ out/",
                               "is the current folder (or holds it); name a folder of its own, e.g. out/")
        return target

    def _plan(self) -> _Plan:
        """What the folder is now: new, empty or an earlier output; refuses anything else."""
        target = self._target()
        existing = target
        while not os.path.lexists(existing):
            existing = existing.parent
        if existing != target:
            if not existing.is_dir():
                raise self._refuse(f"không tạo được: `{existing}` là một tệp, không phải thư mục",
                                   f"cannot be made: `{existing}` is a file, not a folder")
            return _Plan(target, "new")
        if not target.is_dir():
            raise self._refuse("là một tệp, không phải thư mục", "is a file, not a folder")
        try:
            everything = os.listdir(target)
        except OSError as exc:
            raise self._refuse(f"không đọc được thư mục ({exc.strerror})", f"the folder cannot be read ({exc.strerror})") from exc
        entries = sorted(set(everything) - SYSTEM_LITTER)
        mode = stat.S_IMODE(target.stat().st_mode)
        if not entries:  # empty, or only a file manager's litter (removed with the folder)
            return _Plan(target, "earlier" if everything else "empty", mode=mode)
        keep = SHIPPED_EXTRAS if target == SHIPPED_DIR.resolve() else ()
        owned = self.owned(target)
        if owned is None:
            raise self._refuse(
                f"thư mục không trống và không phải {self.earlier_vi}; đang có: {_listing(target, entries)}. "
                "Hãy chọn một thư mục mới hoặc trống",
                f"the folder is not empty and is not {self.earlier_en}; it holds: {_listing(target, entries)}. "
                "Choose a new or an empty folder")
        strangers = [name for name in entries if name not in owned | set(keep) or not _plain_file(target / name)]
        if strangers:
            raise self._refuse(
                f"thư mục có {self.earlier_vi} nhưng còn có thứ khác: {_listing(target, strangers)}. "
                "Hãy chuyển chúng đi hoặc chọn thư mục khác",
                f"the folder holds {self.earlier_en} but also something else: {_listing(target, strangers)}. "
                "Move it away or choose another folder")
        return _Plan(target, "earlier", keep=keep, mode=mode)

    def _probe(self, plan: _Plan) -> None:
        """Make and remove a hidden folder where the output will go: the only sure test that it can be written."""
        where = plan.target.parent
        while not where.exists():
            where = where.parent
        try:
            os.rmdir(_fresh_folder(where / plan.target.name, "probe"))
            if plan.state == "earlier" and not os.access(plan.target, os.W_OK | os.X_OK):
                raise PermissionError(13, os.strerror(13))
        except OSError as exc:
            raise self._refuse(f"không ghi được vào `{where}` ({exc.strerror or exc})",
                               f"cannot write into `{where}` ({exc.strerror or exc})") from exc

    @staticmethod
    def _clean_up(tmp: Path | None, created: list[Path]) -> None:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
        for folder in created:  # deepest first; only the empty folders this write made
            try:
                folder.rmdir()
            except OSError:
                break


def _plain_file(path: Path) -> bool:
    return path.is_file() and not path.is_symlink()


def _listing(folder: Path, names: list[str]) -> str:
    shown = [repr(name[:60]) + ("/" if (folder / name).is_dir() else "") for name in names[:SHOWN_ITEMS]]
    more = len(names) - SHOWN_ITEMS
    return ", ".join(shown) + (f" (+{more})" if more > 0 else "")


def _missing_folders(folder: Path) -> list[Path]:
    """The folders on the way to ``folder`` that do not exist yet, deepest first."""
    missing = []
    while not os.path.lexists(folder):
        missing.append(folder)
        folder = folder.parent
    return missing


def _fresh_folder(target: Path, tag: str) -> Path:
    """A new hidden folder beside ``target``, e.g. ``.out.writing-1a2b3c4d`` (mode as ``mkdir`` gives it)."""
    while True:
        path = target.parent / f".{target.name[:64]}.{tag}-{secrets.token_hex(4)}"
        try:
            os.mkdir(path)
        except FileExistsError:
            continue
        return path


def _swap(tmp: Path, plan: _Plan) -> None:
    """Put the written folder in the target's place; an earlier output is renamed aside first, then removed."""
    target = plan.target
    if plan.state == "new":
        os.rename(tmp, target)
    elif plan.state == "empty":
        os.rmdir(target)
        try:
            os.rename(tmp, target)
        except BaseException:
            os.mkdir(target)
            raise
    else:
        old = target.parent / f".{target.name[:64]}.old-{secrets.token_hex(4)}"
        os.rename(target, old)
        try:
            os.rename(tmp, target)
        except BaseException:
            os.rename(old, target)
            raise
        shutil.rmtree(old, ignore_errors=True)


def _raise_terminated(signum: int, _frame: object) -> None:
    raise _Terminated(signum)


@contextmanager
def _end_cleanly_on_sigterm() -> Iterator[None]:
    """While writing, SIGTERM raises (so the hidden folder is removed), then ends the process as SIGTERM would.

    Only when SIGTERM has its default action and this is the main thread (where Python runs signal
    handlers); a handler someone else set is left alone. Ctrl-C needs nothing: it raises KeyboardInterrupt.
    """
    sigterm = getattr(signal, "SIGTERM", None)
    install = (sigterm is not None and threading.current_thread() is threading.main_thread()
               and signal.getsignal(sigterm) == signal.SIG_DFL)
    if install:
        signal.signal(sigterm, _raise_terminated)
    try:
        yield
    except _Terminated as exc:
        signal.signal(exc.signum, signal.SIG_DFL)
        install = False
        signal.raise_signal(exc.signum)
        raise
    finally:
        if install:
            signal.signal(sigterm, signal.SIG_DFL)


@contextmanager
def _signals_held() -> Iterator[None]:
    """Hold Ctrl-C (SIGINT) and SIGTERM back while the folders are swapped, so a swap is never left half done.

    The signal is noted and delivered again right after the swap. Python runs signal handlers in the
    main thread only, so elsewhere nothing is held.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    arrived: list[int] = []
    held = [s for s in (getattr(signal, "SIGINT", None), getattr(signal, "SIGTERM", None))
            if s is not None and signal.getsignal(s) is not None]  # None: a handler set outside Python, left alone
    before = {signum: signal.signal(signum, lambda signum, _frame: arrived.append(signum)) for signum in held}
    try:
        yield
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)
        for signum in arrived[:1]:
            signal.raise_signal(signum)


__all__ = ["SHIPPED_DIR", "SHIPPED_EXTRAS", "SYSTEM_LITTER", "OutputFolder", "OutputFolderError"]
