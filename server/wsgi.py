"""Running the app under gunicorn: one app (graph, dumps, query processes) per web worker."""

from __future__ import annotations

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
        }
        for key, value in settings.items():
            self.cfg.set(key, value)

    def load(self):
        from server.app import create_app

        return create_app(self.akg)
