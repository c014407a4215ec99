"""Glossary of policy terms: the resource, its coverage of real reports, and the matcher."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypinyin import Style, lazy_pinyin

from build_tools.collation import dictionary_key, filed_under, syllables
from build_tools.pages.glossary import glossary_page
from build_tools.pages.phrases import phrase_usage
from build_tools.report import idf
from build_tools.report.glossary import Glossary, GlossaryTerm, parse_entries
from build_tools.report.tagging import Tagger

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_f936ed40faecbb33.txt"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
MIN_TERMS = 60
SEED_TERMS = {"新农合", "两免一补", "一池三改", "村财镇管", "三提五统", "十一五", "双拥", "计生三查", "五五普法"}
SENTENCE_END = re.compile(r"[。！？]")


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return Glossary.from_resources()


def test_glossary_has_enough_terms(glossary: Glossary) -> None:
    assert len(glossary) >= MIN_TERMS


def test_definitions_are_short_chinese_sentences(glossary: Glossary) -> None:
    for term in glossary.terms:
        definition = term.definition
        assert 8 <= len(definition) <= 160, term.term
        assert definition.endswith("。"), term.term
        assert 1 <= len(SENTENCE_END.findall(definition)) <= 2, term.term
        assert re.search(r"[\u4e00-\u9fff]", definition), term.term
        assert term.term not in {alias for alias in term.aliases}


def test_seed_terms_are_found_in_the_seed(glossary: Glossary) -> None:
    assert glossary.terms_in(SEED.read_text(encoding="utf-8")) >= SEED_TERMS


def test_every_form_is_one_word_of_the_shared_segmentation(glossary: Glossary) -> None:
    tagger = Tagger.from_resources()
    for term in glossary.terms:
        for form in term.forms:
            assert tagger.segment(form) == [form], form


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not present")
def test_terms_occur_in_real_reports(glossary: Glossary) -> None:
    texts = [idf.decode_report(path.read_bytes()) for path in idf.report_files([CORPUS])]
    texts.append(SEED.read_text(encoding="utf-8"))
    used: set[str] = set()
    for text in texts:
        used |= glossary.terms_in(text)
    unused = [term.term for term in glossary.terms if term.term not in used]
    assert len(used) >= MIN_TERMS
    assert len(unused) <= len(glossary) // 20, unused


def test_longest_form_wins_and_matches_do_not_overlap(glossary: Glossary) -> None:
    text = "单位地区生产总值能耗下降3%，地区生产总值增长5%。"
    matches = list(glossary.matches(text))
    assert [(text[start:end], term.term) for start, end, term in matches] == [
        ("单位地区生产总值能耗", "单位地区生产总值能耗"),
        ("地区生产总值", "地区生产总值"),
    ]


def test_a_term_inside_the_name_of_another_programme_is_no_use_of_it(glossary: Glossary) -> None:
    # 来宾's 医保经办服务“十百千万工程” got the tooltip of 广东's 百县千镇万村 (resources/tags/not_uses.txt)
    text = "推动医保经办服务“十百千万工程”提质扩面。深入实施“百千万工程”。"
    found = [(index, start, term.term) for index, start, _, term in glossary.first_occurrences([text])]
    assert found == [(0, text.index("“百千万") + 1, "百千万工程")]
    assert glossary.terms_in("推动医保经办服务“十百千万工程”提质扩面") == set()


def test_alias_counts_as_its_term(glossary: Glossary) -> None:
    assert glossary.terms_in("完善新型农村合作医疗制度") == {"新农合"}
    assert glossary.terms_in("发行地方政府专项债券") == {"专项债券"}


def test_first_occurrences_across_texts(glossary: Glossary) -> None:
    texts = ["今年新农合参合率95%。", "落实两免一补，完善新型农村合作医疗。", "十一五期间，两免一补全面落实。"]
    found = [(index, start, end, term.term) for index, start, end, term in glossary.first_occurrences(texts)]
    assert found == [(0, 2, 5, "新农合"), (1, 2, 6, "两免一补"), (2, 0, 3, "十一五")]
    for index, start, end, term in glossary.first_occurrences(texts):
        assert texts[index][start:end] in term.forms


def test_first_occurrences_on_the_seed_report_four(glossary: Glossary) -> None:
    lines = SEED.read_text(encoding="utf-8").splitlines()[98:235]
    found = {term.term: (index, start) for index, start, _, term in glossary.first_occurrences(lines)}
    assert {"村财镇管", "三提五统", "十一五", "两免一补"} <= set(found)
    index, start = found["村财镇管"]
    assert lines[index][start : start + 4] == "村财镇管"


def test_text_without_terms(glossary: Glossary) -> None:
    assert glossary.terms_in("今天天气很好。") == set()
    assert glossary.first_occurrences([]) == []


def test_duplicate_forms_are_rejected() -> None:
    terms = [GlossaryTerm("新农合", "定义一。", ("新型农村合作医疗",)), GlossaryTerm("新型农村合作医疗", "定义二。")]
    with pytest.raises(ValueError, match="新型农村合作医疗"):
        Glossary(terms)


@pytest.mark.parametrize("entries", [{"term": "x"}, [{"term": "新农合"}], [{"definition": "定义。"}], ["新农合"]])
def test_malformed_entries_are_rejected(entries: object) -> None:
    with pytest.raises(ValueError):
        parse_entries(entries)


def test_every_term_gives_its_pinyin_as_pypinyin_reads_it(glossary: Glossary) -> None:
    """The page files each term by the reading its entry gives: a term without one, or with another
    reading than ``pypinyin``'s (which reads polyphones as the word has them), would be filed wrongly."""
    for term in glossary.terms:
        assert term.pinyin == " ".join(lazy_pinyin(term.term, style=Style.TONE)), term.term


def test_words_sort_as_a_dictionary_files_them_by_pinyin_and_tone() -> None:
    words = {
        "自贸试验区": "zì mào shì yàn qū", "一刻钟便民生活圈": "yī kè zhōng biàn mín shēng huó quān",
        "城市更新": "chéng shì gēng xīn", "一带一路": "yī dài yī lù", "长期护理保险": "cháng qī hù lǐ bǎo xiǎn",
        "八五普法": "bā wǔ pǔ fǎ", "保障性安居工程": "bǎo zhàng xìng ān jū gōng chéng", "碳达峰": "tàn dá fēng",
        "一池三改": "yī chí sān gǎi", "菜篮子": "cài lán zi", "财政": "cái zhèng", "5G": "",
    }
    assert sorted(words, key=lambda word: dictionary_key(words[word], word)) == [
        "5G",  # no reading: filed under #, before A
        "八五普法",  # ba
        "保障性安居工程",  # bao
        "财政",  # cai2 before cai4
        "菜篮子",
        "长期护理保险",  # chang
        "城市更新",  # cheng
        "碳达峰",
        "一池三改",  # yi chi < yi dai < yi ke
        "一带一路",
        "一刻钟便民生活圈",
        "自贸试验区",
    ]
    assert syllables("lǜ sè cài lán zi") == (("lü", 4), ("se", 4), ("cai", 4), ("lan", 2), ("zi", 5))
    assert [filed_under(p) for p in ("", "hé zhǎng zhì", "lǜ sè", "chóng qìng")] == ["#", "H", "L", "C"]


def test_the_glossary_page_files_its_terms_under_the_letters_of_their_pinyin() -> None:
    """The terms were in the order of their code points (一件事一次办, 一刻钟…, 一带一路, 一村一品 …), one table
    with no outline: a reader looking a term up had to scan 120 rows."""
    page = glossary_page(phrase_usage([]))
    letters = re.findall(r"^## (\S+) \{#letter-(\w+)\}$", page, flags=re.M)
    assert [letter for letter, _ in letters] == sorted(letter for letter, _ in letters)
    assert {"B", "Y", "Z"} <= {letter for letter, _ in letters}
    rows = re.findall(r'^\| ([^|<]+)<span class="gr-pinyin">([^<]+)</span> \| [^|]+ \| \[\d+ 篇\]', page, flags=re.M)
    assert len(rows) == len(Glossary.from_resources().terms)
    assert rows == sorted(rows, key=lambda row: dictionary_key(row[1], row[0]))
    terms = [term for term, _ in rows]
    assert terms.index("八项规定") < terms.index("碳达峰") < terms.index("一带一路") < terms.index("一刻钟便民生活圈")
    under_y = page.split("## Y ", 1)[1].split("\n## ", 1)[0]
    assert "一带一路" in under_y and "碳达峰" not in under_y
