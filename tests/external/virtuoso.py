"""A private Virtuoso for the tests: its own database in a temporary folder, listening on 127.0.0.1 only.

Debian's `virtuoso-opensource-7` (7.2.5) provides `virtuoso-t` and `isql-vt`; `make virtuoso` installs it. The
virtuoso.ini here is the one the README shows, with free ports: no plug-ins, no Zero Config announcement, result
rows and query time raised above our own limits (a silently cut answer would not be the embedded store's).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

SERVER = "virtuoso-t"
ISQL = "isql-vt"
USER = "dba"
PASSWORD = "dba"  # a new database's; this one lives for one test session on 127.0.0.1

INI = """\
[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = {db}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 2

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {db}/www
ServerThreads = 10
MaxKeepAlives = 10
KeepAliveTimeout = 10
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryExecutionTime = {max_seconds}
MaxQueryCostEstimationTime = 0

[Plugins]
"""

# Virtuoso's own graphs (its quad-map schema, LDP, the URIQA server) are in the default graph of every query
# unless private: made private here, so that the default graph and GRAPH ?g hold our graphs only.
HIDE_SYSTEM_GRAPHS = """\
DB.DBA.RDF_GRAPH_GROUP_CREATE ('http://www.openlinksw.com/schemas/virtrdf#PrivateGraphs', 1);
DB.DBA.RDF_GRAPH_GROUP_INS ('http://www.openlinksw.com/schemas/virtrdf#PrivateGraphs', 'http://www.openlinksw.com/schemas/virtrdf#');
DB.DBA.RDF_GRAPH_GROUP_INS ('http://www.openlinksw.com/schemas/virtrdf#PrivateGraphs', 'http://www.w3.org/ns/ldp#');
DB.DBA.RDF_GRAPH_GROUP_INS ('http://www.openlinksw.com/schemas/virtrdf#PrivateGraphs', 'http://localuriqaserver/sparql');
DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 0, 1);
DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 1);
"""


def installed() -> bool:
    return shutil.which(SERVER) is not None and shutil.which(ISQL) is not None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Virtuoso:
    folder: Path
    sql_port: int
    http_port: int
    process: subprocess.Popen[bytes]

    @property
    def sparql(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql"

    def isql(self, script: str) -> str:
        """Run SQL as dba through isql; raise with its output when a statement fails."""
        done = subprocess.run(
            [ISQL, f"127.0.0.1:{self.sql_port}", USER, PASSWORD, "VERBOSE=OFF", "PROMPT=OFF", "BANNER=OFF"],
            input=script.encode(),
            capture_output=True,
            timeout=60,
        )
        out = done.stdout.decode(errors="replace") + done.stderr.decode(errors="replace")
        if done.returncode != 0 or "*** Error" in out:
            raise RuntimeError(f"isql failed:\n{script}\n{out}")
        return out

    def log(self) -> str:
        path = self.folder / "virtuoso.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else "(no log)"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def start(folder: Path, max_rows: int = 1_000_000, max_seconds: int = 10, timeout: float = 60.0) -> Virtuoso:
    """A new Virtuoso with an empty database in `folder`, ready for SPARQL and isql; its system graphs hidden."""
    (folder / "www").mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(
        INI.format(db=folder, sql_port=sql_port, http_port=http_port, max_rows=max_rows, max_seconds=max_seconds)
    )
    process = subprocess.Popen(
        [SERVER, "+foreground", "+configfile", str(ini)],
        cwd=folder,
        stdin=subprocess.DEVNULL,
        stdout=(folder / "stdout.log").open("wb"),
        stderr=subprocess.STDOUT,
    )
    server = Virtuoso(folder, sql_port, http_port, process)
    deadline = time.monotonic() + timeout
    probe = server.sparql + "?query=ASK%7B%7D"
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"virtuoso-t stopped (exit {process.returncode}):\n{server.log()}")
        try:
            urllib.request.urlopen(probe, timeout=2).close()
            break
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            if time.monotonic() > deadline:
                server.stop()
                message = f"virtuoso-t did not answer on {probe} within {timeout:g} s:\n{server.log()}"
                raise RuntimeError(message) from None
            time.sleep(0.1)
    server.isql(HIDE_SYSTEM_GRAPHS)
    return server
