"""Reasoning: OWL 2 RL closure, domain rules, time, contradictions and explanations.

Public API: `reason(dataset, engine=...) -> ReasoningResult`, `as_of(dataset, date)`,
`materialize(ontology, data, ...)` for files, `explain(...)`. See README.md here.
"""

from kg.reasoning.engine import reason
from kg.reasoning.result import Contradiction, ReasoningResult
from kg.reasoning.temporal import as_of

__all__ = ["Contradiction", "ReasoningResult", "as_of", "reason"]
