import numpy as np

from rasd.corpus import link_duplicates
from rasd.document import Document
from rasd.text.fingerprint import NearDuplicateIndex, content_id, signature, similarity, token_hashes
from rasd.text.normalize import normalize
from tests.conftest import BODY, LEAD, article, process_docs


def test_content_id_ignores_whitespace_only() -> None:
    assert content_id("قتل 12 مدنياً\n في إدلب") == content_id("قتل 12 مدنياً في إدلب  ")
    assert content_id("قتل 12 مدنياً في إدلب") != content_id("قتل 13 مدنياً في إدلب")


def test_signature_is_stable_across_processes_and_releases() -> None:
    # Signatures are stored in databases: changing the hashing silently breaks near-duplicate lookup.
    sig = signature(normalize(LEAD))
    assert sig.dtype == np.uint32 and sig.shape == (64,)
    assert sig[:4].tolist() == [190050167, 262342871, 256571155, 128821713]


def test_token_hashes_equal_for_equal_words() -> None:
    hashes = token_hashes("قتل 12 مدنيا ثم قتل")
    assert len(hashes) == 5 and hashes[0] == hashes[4] and hashes[0] != hashes[2]


def test_near_copies_are_linked_to_the_first_and_other_stories_are_not() -> None:
    original = article("غارات على ريف إدلب", LEAD, *BODY)
    syndicated = article("ت + ت - الحجم الطبيعي", "غارات روسية على ريف إدلب", LEAD.replace("أمس الخميس", "الخميس"),
                         *BODY, "Email")
    other = article("نزوح آلاف المدنيين من عفرين",
                    "قالت الأمم المتحدة إن أكثر من 75 ألف مدني نزحوا من مدينة عفرين خلال 48 ساعة، مع تقدم "
                    "القوات التركية وفصائل المعارضة المتحالفة معها نحو مركز المدينة.",
                    "وأضافت المنظمة أن النازحين يعيشون في ظروف صعبة في بلدات تل رفعت ونبل والزهراء.")
    docs = process_docs([Document(raw=t, source_id=f"{i}.txt", path=f"{i}.txt")
                         for i, t in enumerate([original, syndicated, other, original])])
    link_duplicates(docs, NearDuplicateIndex(0.8), {})
    first, copy, unrelated, exact = docs
    assert first.duplicate_of is None
    assert copy.duplicate_of == first.doc_id and 0.8 <= copy.similarity < 1.0
    assert unrelated.duplicate_of is None
    assert exact.duplicate_of == first.doc_id and exact.similarity == 1.0
    assert similarity(first.fingerprint, unrelated.fingerprint) < 0.2
