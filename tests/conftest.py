"""Shared fixtures: real-looking Arabic articles we wrote, and where ../shared is (when it is there)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasd.config import Config
from rasd.document import Document
from rasd.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

LEAD = ("دمشق ـ قالت مصادر ميدانية إن طائرات حربية شنت، أمس الخميس، أكثر من 20 غارة على بلدات ريف إدلب "
        "الجنوبي، ما أدى إلى مقتل 12 مدنياً بينهم أربعة أطفال، وفق ما أفاد به الدفاع المدني.")
BODY = [
    "وأضاف المرصد السوري لحقوق الإنسان أن الغارات استهدفت سوقاً شعبية ومركزاً طبياً في بلدة معرة النعمان.",
    "ونفت وزارة الدفاع الروسية في بيان أي مشاركة لطائراتها في القصف، مؤكدة أن قواتها «لم تنفذ أي طلعات» "
    "في المنطقة خلال الساعات الـ24 الماضية.",
    "من جهته، دعا منسق الشؤون الإنسانية في الأمم المتحدة إلى وقف فوري للأعمال القتالية وفتح ممرات آمنة "
    "لخروج المدنيين العالقين.",
]


def article(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def run_pipeline(text: str, **meta: str) -> Document:
    """One article through the default pipeline (no database)."""
    doc = Document(raw=text, source_id="test.txt", path="test.txt", meta=dict(meta))
    return process_docs([doc])[0]


def process_docs(docs: list[Document], config: Config | None = None) -> list[Document]:
    return Pipeline(config or Config())(docs)


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "seeds").is_dir():
        pytest.skip(f"../shared is not beside the project ({SHARED} missing): reference data tests skipped")
    return SHARED


