from __future__ import annotations

from pathlib import Path

import pytest

from auditor.config import Policy
from auditor.documents import Document
from auditor.engine import audit_documents

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"


def run_texts(texts, select=None, **policy_kw):
    """Audit in-memory articles; returns the Run."""
    if isinstance(texts, str):
        texts = [texts]
    docs = [Document(path=f"doc{i}.txt", text=t) for i, t in enumerate(texts)]
    policy = Policy(select=list(select or []), **policy_kw)
    return audit_documents(docs, policy)


def rules_hit(texts, select=None, **kw) -> set[str]:
    run = run_texts(texts, select, **kw)
    hit = {f.rule for a in run.articles for f in a.findings}
    return hit | {c.rule for c in run.corpus_findings}


@pytest.fixture
def audit_texts():
    return run_texts
