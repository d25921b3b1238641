"""The embedded model server's own process: `python -m summarizer.local_child MODEL N_CTX N_THREADS`.

It differs from `python -m llama_cpp.server` in two ways, both so that it can never outlive the
process that started it or answer for someone else:

- It watches its owner. Its standard input is a pipe whose only writer is the owner; when the
  owner ends, however it ends (exit, Ctrl-C, SIGTERM, SIGKILL, `timeout`), the pipe reaches end
  of file and this process kills itself with SIGKILL at once, in the middle of a generation too
  (a plain SIGTERM would wait for the request in flight). A pipe, unlike PR_SET_PDEATHSIG,
  belongs to the owner process, not to the thread that started the server.
- It binds its own port (port 0 on 127.0.0.1) and keeps the socket from bind to serve, then
  tells the owner the port on its first line of output: no other process can take the port in
  between.
"""

from __future__ import annotations

import os
import signal
import socket
import sys
import threading


def _watch_owner() -> None:
    """Block until the owner's end of standard input closes, then die at once."""
    try:
        while os.read(0, 4096):
            pass
    except OSError:
        pass
    os.kill(os.getpid(), signal.SIGKILL)


def main(argv: list[str]) -> None:
    model, n_ctx, n_threads = argv[0], int(argv[1]), int(argv[2])
    threading.Thread(target=_watch_owner, name="owner-watch", daemon=True).start()

    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    print(f"PORT {listener.getsockname()[1]}", flush=True)

    import uvicorn
    from llama_cpp.server.app import create_app
    from llama_cpp.server.settings import ModelSettings, ServerSettings

    app = create_app(
        server_settings=ServerSettings(host="127.0.0.1", port=listener.getsockname()[1]),
        model_settings=[ModelSettings(model=model, n_ctx=n_ctx, n_threads=n_threads, verbose=False)],
    )
    uvicorn.Server(uvicorn.Config(app, log_level="warning")).run(sockets=[listener])


if __name__ == "__main__":
    main(sys.argv[1:])
