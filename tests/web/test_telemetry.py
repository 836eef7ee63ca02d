"""No telemetry: FastAPI's OpenTelemetry support stays off, whatever the environment says."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from opentelemetry import _logs, metrics, trace
from opentelemetry.metrics import NoOpMeter
from opentelemetry.trace import NoOpTracer

from anchored.web.app import create_app
from anchored.web.state import AppState
from tests.support import BASE_URL, PORT


class Watching(trace.TracerProvider):
    """A provider some other library set up (not OpenTelemetry's placeholder or no-op), which
    notes who asks it for a tracer. A span of a request would hold its address, query and
    all (a search is ``/search?q=`` followed by the person's own words)."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def get_tracer(self, instrumenting_module_name: str, *args: Any, **kwargs: Any) -> trace.Tracer:
        self.asked.append(instrumenting_module_name)
        return NoOpTracer()


class WatchingMeters(metrics.MeterProvider):
    def __init__(self) -> None:
        self.asked: list[str] = []

    def get_meter(self, name: str, *args: Any, **kwargs: Any) -> metrics.Meter:
        self.asked.append(name)
        return NoOpMeter(name)


def test_requests_are_never_traced_or_measured_even_when_the_environment_asks(
    state: AppState, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Another library in the process set up OpenTelemetry, and the environment asks FastAPI
    # to export to a collector.
    tracer_provider, meter_provider = Watching(), WatchingMeters()
    monkeypatch.setattr(trace, "get_tracer_provider", lambda: tracer_provider)
    monkeypatch.setattr(metrics, "get_meter_provider", lambda: meter_provider)
    monkeypatch.setattr(_logs, "get_logger_provider", lambda: _logs.NoOpLoggerProvider())
    monkeypatch.setenv("FASTAPI_OTEL_AUTO_CONFIGURE", "true")
    monkeypatch.setenv("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:9")
    with TestClient(create_app(state.settings, PORT, state=state), base_url=BASE_URL) as client:
        assert client.get("/help").status_code == 200
        assert client.get("/about").status_code == 200
    assert tracer_provider.asked == []
    assert meter_provider.asked == []
