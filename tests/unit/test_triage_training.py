"""Training triage's classifier: the same corpus gives the same file, byte for byte, and the
bot's own arithmetic on the stored numbers gives scikit-learn's probabilities."""

from __future__ import annotations

import pytest

pytest.importorskip("sklearn")

from aist import train_triage
from aist.train_triage import Line
from core.triage import classifier

CORPUS = [
    Line("w", text, level, category)
    for text, level, category in [
        ("не хочу жить", "emergency", "suicide_selfharm"),
        ("стою на крыше и хочу шагнуть", "emergency", "suicide_selfharm"),
        ("таблетки коплю, скоро всё закончится", "emergency", "suicide_selfharm"),
        ("муж бьёт меня", "crisis", "violence"),
        ("он с ножом, я заперлась", "emergency", "violence"),
        ("бывший караулит у подъезда", "crisis", "violence"),
        ("малыш проглотил батарейку", "emergency", "child_danger"),
        ("ребенок выпил средство для посуды", "emergency", "child_danger"),
        ("хочу отдать ребенка", "crisis", "abandonment"),
        ("где беби бокс", "crisis", "abandonment"),
        ("кровотечение 20 недель", "emergency", "pregnancy_emergency"),
        ("малыш не шевелится", "emergency", "pregnancy_emergency"),
        ("нечем кормить ребенка сегодня", "crisis", "basic_needs"),
        ("выгнали на улицу с малышом", "crisis", "basic_needs"),
        ("мне 15 и я беременна", "crisis", "minor_pregnancy"),
        ("мне 14, задержка", "crisis", "minor_pregnancy"),
        ("мне очень тяжело и страшно", "unsure", "distress"),
        ("всё валится из рук, плачу", "unsure", "distress"),
        ("нужна коляска", "basic", "service"),
        ("запишите на курс", "basic", "service"),
        ("какие документы на пособие", "basic", "service"),
        ("спасибо", "none", "small_talk"),
        ("привет", "none", "small_talk"),
        ("убила бы за сон 😂", "none", "hard_negative"),
    ]
]


def test_the_same_corpus_gives_the_same_file_and_the_bot_reads_it_as_sklearn_does(tmp_path):
    vectorizer, model = train_triage.fit(CORPUS * 2, c=4.0)
    thresholds = {"urgent": 0.5, "unsure": 0.3}
    first = train_triage.export(vectorizer, model, thresholds, {"lines": len(CORPUS)})
    again = train_triage.export(*train_triage.fit(CORPUS * 2, c=4.0), thresholds, {"lines": 24})
    assert first == again

    path = tmp_path / "model.json.gz"
    path.write_bytes(first)
    loaded = classifier.load_model(path)
    assert loaded is not None
    texts = ["мне 15, я беременна и боюсь", "муж бьёт, я с ножом рядом", "нужна коляска, спасибо"]
    expected = train_triage.scores(vectorizer, model, texts)
    for text, want in zip(texts, expected, strict=True):
        got = classifier.probabilities(loaded, text)
        for name, value in want.items():
            assert got[name] == pytest.approx(value, abs=1e-4), (text, name)
