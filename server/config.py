"""Operator settings of the server, in one place (`kg serve` options map onto these)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from kg.namespaces import BASE

UPDATE_TOKEN_ENV = "AKG_UPDATE_TOKEN"


@dataclass
class ServerConfig:
    kg_dir: Path = Path("build")
    #: seconds a query may run before it is stopped (503)
    timeout: float = 10.0
    #: most rows (or triples) a result may have; more are cut and flagged
    max_rows: int = 10_000
    #: largest request body in bytes (413 above)
    max_body: int = 1_000_000
    #: IRI prefix that /id/... and /doc/... paths map to
    base: str = BASE
    #: bearer token that enables SPARQL Update; None keeps the server read-only
    update_token: str | None = None
    #: SERVICE / LOAD endpoints a query may reach; empty: none
    allowed_services: tuple[str, ...] = ()
    #: query processes per web worker
    query_processes: int = 2
    #: address space a query process may use, in MB (a query that needs more is stopped: 503); 0: no bound
    max_memory: int = 2048
    #: MB of repeatable query answers each web worker keeps (server/cache.py); 0: none
    result_cache: int = 64
    #: the URL clients reach the server at: base of relative IRIs in queries, of the service description
    #: and VoID (never taken from the Host header)
    public_url: str = "http://localhost/"
    #: where dumps are written once at start-up (default: DIR/.serve)
    cache_dir: Path | None = None
    extra: dict = field(default_factory=dict)

    @property
    def kg_file(self) -> Path:
        path = Path(self.kg_dir).resolve()  # absolute: Flask resolves relative files against server/
        return path if path.suffix in (".trig", ".nq") else path / "kg.trig"

    @classmethod
    def from_env(cls, **overrides) -> ServerConfig:
        """Settings passed to gunicorn workers through AKG_* environment variables."""
        env = os.environ
        cfg = cls(
            kg_dir=Path(env.get("AKG_KG_DIR", "build")),
            timeout=float(env.get("AKG_TIMEOUT", 10.0)),
            max_rows=int(env.get("AKG_MAX_ROWS", 10_000)),
            max_body=int(env.get("AKG_MAX_BODY", 1_000_000)),
            base=env.get("AKG_BASE", BASE),
            update_token=env.get(UPDATE_TOKEN_ENV) or None,
            allowed_services=tuple(s for s in env.get("AKG_ALLOW_SERVICE", "").split() if s),
            query_processes=int(env.get("AKG_QUERY_PROCESSES", 2)),
            max_memory=int(env.get("AKG_MAX_MEMORY", 2048)),
            public_url=env.get("AKG_PUBLIC_URL", "http://localhost/"),
            result_cache=int(env.get("AKG_RESULT_CACHE", 64)),
        )
        for key, value in overrides.items():
            setattr(cfg, key, value)
        return cfg

    def to_env(self) -> dict[str, str]:
        env = {
            "AKG_KG_DIR": str(self.kg_dir),
            "AKG_TIMEOUT": str(self.timeout),
            "AKG_MAX_ROWS": str(self.max_rows),
            "AKG_MAX_BODY": str(self.max_body),
            "AKG_BASE": self.base,
            "AKG_ALLOW_SERVICE": " ".join(self.allowed_services),
            "AKG_QUERY_PROCESSES": str(self.query_processes),
            "AKG_MAX_MEMORY": str(self.max_memory),
            "AKG_PUBLIC_URL": self.public_url,
            "AKG_RESULT_CACHE": str(self.result_cache),
        }
        if self.update_token:
            env[UPDATE_TOKEN_ENV] = self.update_token
        return env
