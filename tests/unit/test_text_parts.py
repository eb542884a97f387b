"""A long message is cut where a reader pauses, never in the middle of a word."""

from __future__ import annotations

from bot.telegram import split_text as telegram_parts
from bot.telegram import utf16_length
from bot.vk import split_text as vk_parts
from core.text_parts import split_text


def test_a_short_text_is_one_part():
    assert split_text("Короткий ответ.", 100) == ["Короткий ответ."]


def test_a_long_text_is_cut_at_a_sentence_end_not_mid_word():
    sentence = "Мы рядом и прочитаем всё, что вы напишете. "
    text = sentence * 30
    parts = split_text(text, 200)
    assert len(parts) > 1
    assert all(len(part) <= 200 for part in parts)
    assert all(part.rstrip().endswith(".") for part in parts)
    assert " ".join(parts).split() == text.split()  # no word lost or split


def test_without_sentences_it_cuts_between_words():
    text = " ".join(["слово"] * 400)
    parts = split_text(text, 101)
    assert all(set(part.split()) == {"слово"} for part in parts)
    assert sum(len(part.split()) for part in parts) == 400


def test_a_paragraph_break_comes_first():
    text = "а" * 60 + ". " + "б" * 20 + "\n\n" + "в" * 30
    assert split_text(text, 100)[0] == "а" * 60 + ". " + "б" * 20


def test_telegram_counts_utf16_units_and_vk_characters():
    text = ("🆘 помощь рядом. " * 400).strip()
    parts = telegram_parts(text)
    assert all(utf16_length(part) <= 4096 for part in parts)
    assert all(len(part) <= 4096 for part in vk_parts(text * 2))
    assert all(part.endswith(".") or part == parts[-1] for part in parts)


def test_one_word_longer_than_the_limit_is_the_only_thing_ever_cut():
    assert split_text("а" * 250, 100) == ["а" * 100, "а" * 100, "а" * 50]


def test_stored_parts_join_back_to_the_whole_text():
    text = "Мне страшно.  Он  вернётся ночью. " * 300
    parts = split_text(text, 4000, whole=True)
    assert len(parts) > 1 and "".join(parts) == text
