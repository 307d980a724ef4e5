"""A throwaway PostgreSQL server for the store tests: initdb into a folder, start, stop.

``.ci/run`` starts one with ``python tests/pg_server.py start DIR`` (printing the URL to
export as ``VARDVAL_TEST_POSTGRES_URL``) and stops it with ``stop DIR``; the tests start their
own the same way when that variable is unset and Debian's postgresql package is installed.
The superuser ``vardval`` logs in over 127.0.0.1 with a password (so a wrong password can be
tested), on a free port; the socket lives in DIR too.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
from pathlib import Path

PASSWORD = "vardval-test"  # noqa: S105 - a throwaway test cluster's, in a temporary folder


def binaries() -> Path | None:
    """The newest installed PostgreSQL's bin folder, or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parts[-3]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _as_owner(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: run as the package's ``postgres`` user then."""
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(folder: Path) -> str:
    """Create and start a cluster in ``folder``; returns its URL (database ``postgres``)."""
    bin_dir = binaries()
    if bin_dir is None:
        raise RuntimeError("no PostgreSQL installed (apt-get install postgresql)")
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        os.chown(folder, owner.pw_uid, owner.pw_gid)
    password_file = folder / "pw"
    password_file.write_text(PASSWORD + "\n", encoding="utf-8")
    os.chmod(password_file, 0o644)
    data, port = folder / "data", _free_port()
    subprocess.run(_as_owner([str(bin_dir / "initdb"), "-D", str(data), "-U", "vardval",
                              "-E", "UTF8", "--locale=C", "--auth-local=trust",
                              "--auth-host=scram-sha-256", f"--pwfile={password_file}"]),
                   check=True, capture_output=True)
    options = f"-k {folder} -p {port} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(_as_owner([str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options,
                              "-l", str(folder / "log"), "-w", "start"]),
                   check=True, capture_output=True)
    (folder / "port").write_text(str(port), encoding="utf-8")
    return f"postgresql://vardval:{PASSWORD}@127.0.0.1:{port}/postgres"


def stop(folder: Path) -> None:
    bin_dir = binaries()
    if bin_dir is None or not (folder / "data").is_dir():
        return
    subprocess.run(_as_owner([str(bin_dir / "pg_ctl"), "-D", str(folder / "data"), "-m",
                              "fast", "-w", "stop"]), check=False, capture_output=True)


if __name__ == "__main__":
    action, where = sys.argv[1], Path(sys.argv[2])
    if action == "start":
        print(start(where))
    else:
        stop(where)
