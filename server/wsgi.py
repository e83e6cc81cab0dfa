"""Running the app under gunicorn: one app (graph, dumps, query processes) per web worker."""

from __future__ import annotations

import sys

from gunicorn.app.base import BaseApplication

from server.config import ServerConfig


class GunicornServer(BaseApplication):
    """gunicorn, gthread workers lingering on keep-alive connections (server/worker.py); one app per worker."""

    def __init__(self, config: ServerConfig, host: str, port: int, workers: int):
        self.akg = config
        self.bind = f"{host}:{port}"
        self.workers = workers
        super().__init__()

    def load_config(self) -> None:
        # spare threads answer dumps, pages and /healthz while queries and slow clients hold others
        threads = self.akg.query_processes + 8
        settings = {
            "bind": self.bind,
            "workers": self.workers,
            "worker_class": "server.worker.LingeringThreadWorker",
            "threads": threads,
            "timeout": int(self.akg.timeout) + 60,
            "graceful_timeout": 10,
            "preload_app": False,
            "accesslog": None,
            "errorlog": "-",
            "loglevel": "warning",
            "limit_request_line": 8190,
            # Ctrl-C or SIGTERM: workers finish what is in flight (server/worker.py), then this one line
            "on_exit": lambda _arbiter: print(f"Stopped serving on http://{self.bind}/", file=sys.stderr),
            "post_fork": _hand_over_signals,
        }
        for key, value in settings.items():
            self.cfg.set(key, value)

    def load(self):
        from server.app import create_app

        return create_app(self.akg)


def _hand_over_signals(arbiter, worker) -> None:
    """Give a new worker the arbiter's signal queue as it was copied by the fork: until the worker installs its
    own handlers, signals it gets are queued there (see LingeringThreadWorker.init_signals)."""
    worker.signals_before_init = arbiter.SIG_QUEUE
