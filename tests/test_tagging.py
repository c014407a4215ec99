"""Tags and keywords: seed expectations, independence from jieba's global state, corpus distribution (tags
shared by reports, none generic), the topic list, IDF build."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import jieba
import pytest

from build_tools.report import idf
from build_tools.report.segmenting import USERDICT_PATH, read_topics, read_user_terms
from build_tools.report.tagging import (
    MAX_KEYWORD_SHARE,
    MAX_KEYWORDS,
    MAX_TAGS,
    MIN_TAGS,
    STOPWORDS_PATH,
    IdfTable,
    Tagger,
    is_han_word,
    is_number,
    read_word_list,
)

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_f936ed40faecbb33.txt"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
# 篇一 … 篇五 by source line (1-based, inclusive); the 篇 title lines and the page furniture are dropped.
SEED_RANGES = ((7, 43), (45, 73), (75, 97), (99, 235), (237, 257))
SEED_DROPPED = frozenset({3, 5, 43, 257, 7, 45, 75, 99, 237})
REPORT_ONE_EXPECTED = {"猕猴桃", "日光温室", "生猪", "设施蔬菜", "核桃", "沼气池"}
REPORT_FOUR_EXPECTED = {"碳酸钙", "秸秆气化", "沼气", "蚕桑", "中药材", "铸件", "乳业"}
REPORT_ONE_TOPICS = {"新农合", "社会主义新农村", "生猪", "蔬菜", "现代农业", "计划生育"}
MAX_TAG_SHARE = 0.35  # no tag on every report
MIN_SHARED_TAGS = 0.7  # tags connect reports: most are on two or more
GENERIC_SHARE = 0.8  # a word of more than this share of the reference reports is generic


def seed_reports() -> list[str]:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    return [
        "\n".join(lines[number - 1] for number in range(first, last + 1) if number not in SEED_DROPPED)
        for first, last in SEED_RANGES
    ]


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger.from_resources()


@pytest.fixture(scope="module")
def reports() -> list[str]:
    return seed_reports()


@pytest.fixture(scope="module")
def stopwords() -> frozenset[str]:
    return read_word_list(STOPWORDS_PATH)


def test_report_one_is_tagged_with_its_topics_and_keeps_its_crops_as_keywords(tagger: Tagger, reports: list[str]) -> None:
    found = tagger.describe(reports[0])
    assert len(REPORT_ONE_TOPICS & set(found.tags)) >= 4, found
    assert len(REPORT_ONE_EXPECTED & set(found.keywords)) >= 3, found
    assert "猕猴桃" not in found.tags


def test_report_four_is_described_by_its_industries(tagger: Tagger, reports: list[str]) -> None:
    found = tagger.describe(reports[3])
    assert len(REPORT_FOUR_EXPECTED & {*found.tags, *found.keywords}) >= 2, found
    assert {"沼气", "奶业"} <= set(found.tags)  # 乳业 is another form of the topic 奶业


def test_keywords_are_the_reports_own_words(tagger: Tagger, reports: list[str], stopwords: frozenset[str]) -> None:
    table, topics = IdfTable.read(), read_topics()
    for report in reports:
        found = tagger.describe(report)
        assert len(found.keywords) <= MAX_KEYWORDS
        for word in found.keywords:
            assert word in report and word not in found.tags and word not in topics and word not in stopwords
            assert table.share(word) <= MAX_KEYWORD_SHARE, word


def test_topics_are_shared_words_and_not_generic(stopwords: frozenset[str]) -> None:
    forms, table = read_topics(), IdfTable.read()
    topics = set(forms.values())
    assert len(topics) >= 200
    assert not topics & stopwords
    assert all(is_han_word(form) for form in forms)
    assert [topic for topic in topics if table.share(topic) > GENERIC_SHARE] == []
    assert {"乡村振兴", "新能源汽车", "低空经济", "新质生产力"} <= topics
    assert forms["乳业"] == "奶业"


@pytest.mark.parametrize("count", [1, 5, 8, 10, 30])
def test_every_seed_report_gets_five_to_ten_tags(tagger: Tagger, reports: list[str], count: int) -> None:
    for report in reports:
        tags = tagger.tags(report, count=count)
        assert MIN_TAGS <= len(tags) <= MAX_TAGS
        assert len(tags) <= min(max(count, MIN_TAGS), MAX_TAGS)  # topics up to ``count``, at least five
        assert len(set(tags)) == len(tags)


def test_no_seed_tag_is_a_number_a_stop_word_or_a_fragment(
    tagger: Tagger, reports: list[str], stopwords: frozenset[str]
) -> None:
    for report in reports:
        topics = read_topics()
        for tag in tagger.tags(report, count=MAX_TAGS):
            assert not is_number(tag) and tag not in stopwords and is_han_word(tag), tag
            assert tag in report or any(topics[form] == tag and form in report for form in topics), tag


def test_tags_are_deterministic(tagger: Tagger, reports: list[str]) -> None:
    assert [tagger.tags(report) for report in reports] == [Tagger.from_resources().tags(r) for r in reports]


def test_tags_of_words_agree_with_tags(tagger: Tagger, reports: list[str]) -> None:
    for report in reports:
        assert tagger.tags_of_words(tagger.segment(report)) == tagger.tags(report)


def test_multi_word_terms_stay_whole(tagger: Tagger) -> None:
    words = tagger.segment("发展农村沼气和秸秆气化，建设高标准农田，新建日光温室300座，围绕设施蔬菜。")
    for term in ("秸秆气化", "高标准农田", "日光温室", "设施蔬菜"):
        assert term in words


def test_a_topic_named_once_is_a_tag_only_while_the_repeated_ones_are_fewer_than_five(tagger: Tagger) -> None:
    """1960's 社会主义新农村, said once beside 人民公社 forty times, tagged it with the 2005 policy; 1975's 通货膨胀, once
    (to say the country had none), made it half of that tag's reports."""
    repeated = ["乡村振兴", "新能源汽车", "低空经济", "营商环境", "人工智能"]
    text = "".join(f"推进{topic}。加快{topic}。" for topic in repeated) + "防止通货膨胀。"
    assert "通货膨胀" not in tagger.tags(text)
    few = "".join(f"推进{topic}。加快{topic}。" for topic in repeated[:2]) + "防止通货膨胀。"
    assert "通货膨胀" in tagger.tags(few)  # one named once still makes up five


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("2024", True),
        ("２００１", True),
        ("十一", True),
        ("两千", True),
        ("三百余", True),
        ("猕猴桃", False),
        ("十一五规划", False),
        ("一池三改", False),
    ],
)
def test_is_number(word: str, expected: bool) -> None:
    assert is_number(word) is expected


def test_place_names_are_not_tags(tagger: Tagger) -> None:
    text = "射阳县大力发展蔬菜产业。射阳蔬菜、射阳大米远销各地，射阳的蔬菜基地扩大到十万亩，蔬菜产量增长。"
    found = tagger.describe(text)
    assert "射阳" not in found.tags and "射阳" not in found.keywords
    assert "蔬菜" in found.tags


def _restore_global_jieba() -> None:
    jieba.set_dictionary(str(Path(jieba.__file__).resolve().parent / "dict.txt"))
    jieba.initialize()


def test_tags_ignore_changes_to_jiebas_global_dictionary(tagger: Tagger, reports: list[str], tmp_path: Path) -> None:
    before = [tagger.tags(report) for report in reports]
    words_before = [tagger.segment(report) for report in reports]
    tiny_dict = tmp_path / "dict.txt"
    tiny_dict.write_text("猕猴 1000 n\n桃 1000 n\n蚕 1000 n\n桑 1000 n\n发展 500 v\n", encoding="utf-8")
    user_dict = tmp_path / "user.txt"
    user_dict.write_text("核桃猕猴桃 9999 n\n乳业蚕桑 9999 n\n", encoding="utf-8")
    try:
        jieba.add_word("猕猴桃核桃", 99999, "n")
        jieba.del_word("蚕桑")
        jieba.set_dictionary(str(tiny_dict))
        jieba.load_userdict(str(user_dict))
        assert "猕猴桃" not in jieba.lcut("种植猕猴桃"), "the global dictionary was not changed"
        assert [tagger.tags(report) for report in reports] == before
        assert [tagger.segment(report) for report in reports] == words_before
        assert [Tagger.from_resources().tags(report) for report in reports] == before
    finally:
        _restore_global_jieba()


def test_segmentation_matches_jieba_with_the_same_user_dictionary(tagger: Tagger, reports: list[str]) -> None:
    reference = jieba.Tokenizer()
    reference.load_userdict(str(USERDICT_PATH))
    known = {term.word for term in read_user_terms()}
    for form in read_topics():
        if form not in known:  # the topics are terms too (Segmenter.from_resources)
            reference.add_word(form, None, "nz")
    for report in reports:
        ours = [word for word in tagger.segment(report) if is_han_word(word, 1)]
        theirs = [word for word in reference.lcut(report) if is_han_word(word, 1)]
        assert ours == theirs


def test_user_dictionary_is_valid_for_jieba(tmp_path: Path) -> None:
    terms = read_user_terms()
    assert len(terms) >= 100
    assert len({term.word for term in terms}) == len(terms)
    for line in USERDICT_PATH.read_text(encoding="utf-8").splitlines():
        assert line and not line.startswith("#") and len(line.split()) <= 3, line


def test_shipped_idf_table_is_from_a_real_corpus() -> None:
    table = IdfTable.read()
    assert table.documents >= 100
    assert len(table.frequencies) >= 5000
    assert table.idf("发展") < table.idf("猕猴桃") <= table.default
    assert table.share("发展") > 0.9


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not present")
def test_corpus_tag_distribution(tagger: Tagger, stopwords: frozenset[str]) -> None:
    files = idf.report_files([CORPUS])
    assert len(files) >= 100
    counts: Counter[str] = Counter()
    table = IdfTable.read()
    for path in files:
        tags = tagger.tags(idf.unique_paragraphs(idf.decode_report(path.read_bytes())))
        assert MIN_TAGS <= len(tags) <= MAX_TAGS, path
        for tag in tags:
            assert not is_number(tag) and tag not in stopwords and table.share(tag) <= GENERIC_SHARE, (path, tag)
        counts.update(tags)
    tag, reports_with_tag = counts.most_common(1)[0]
    assert reports_with_tag / len(files) <= MAX_TAG_SHARE, (tag, reports_with_tag)
    shared = sum(n >= 2 for n in counts.values()) / len(counts)
    assert shared >= MIN_SHARED_TAGS, shared


def _write_reports(folder: Path) -> None:
    folder.mkdir()
    (folder / "a.txt").write_text("大力发展猕猴桃产业。\n大力发展猕猴桃产业。\n建设高标准农田。\n", encoding="utf-8")
    (folder / "b.txt").write_bytes("发展核桃和猕猴桃种植，推进秸秆气化。\r".encode("gb18030"))
    sub = folder / "sub"
    sub.mkdir()
    (sub / "c.txt").write_text("推进秸秆气化，发展设施蔬菜和高标准农田。\n", encoding="utf-8")
    (folder / "notes.md").write_text("猕猴桃 猕猴桃", encoding="utf-8")


def test_idf_regeneration_is_deterministic(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    _write_reports(folder)
    first, second = tmp_path / "first.tsv", tmp_path / "second.tsv"
    assert idf.main([str(folder), "--output", str(first), "--min-df", "2"]) == 0
    assert idf.main([str(folder), "--output", str(second), "--min-df", "2"]) == 0
    assert first.read_bytes() == second.read_bytes()
    table = IdfTable.read(first)
    assert table.documents == 3
    assert table.frequencies["猕猴桃"] == 2
    assert table.frequencies["秸秆气化"] == 2
    assert table.frequencies["高标准农田"] == 2
    assert "核桃" not in table.frequencies
    assert table.idf("猕猴桃") < table.idf("核桃")
    words = [line.split("\t")[0] for line in first.read_text(encoding="utf-8").splitlines()[5:]]
    assert words == sorted(words)


def test_idf_rejects_a_missing_folder(tmp_path: Path) -> None:
    assert idf.main([str(tmp_path / "absent"), "--output", str(tmp_path / "out.tsv")]) != 0
    assert not (tmp_path / "out.tsv").exists()


def test_unique_paragraphs_drops_repeated_pages() -> None:
    page = "一、工作回顾\r\n  发展猕猴桃。\n\n"
    assert idf.unique_paragraphs(page * 6) == "一、工作回顾\n发展猕猴桃。"


def test_decode_report_reads_gb18030() -> None:
    assert idf.decode_report("政府工作报告".encode("gb18030")) == "政府工作报告"
    assert idf.decode_report("\ufeff政府工作报告".encode()) == "政府工作报告"


def test_a_two_character_word_named_once_is_no_keyword(tagger: Tagger, reports: list[str]) -> None:
    """Keywords under the corpus's titles held fragments of names the dictionary lacks (岸信 of 岸信介, 化硅 of
    巨化硅氟, 关镇 of 灵关镇) and passing words (掌声, 网站), each named once; a keyword of two characters is one the
    report repeats."""
    for report in reports:
        words = tagger.segment(report)
        for keyword in tagger.describe(report).keywords:
            assert len(keyword) >= 3 or words.count(keyword) >= 2, keyword


def test_applause_and_feelings_are_no_report_s_own_words(tagger: Tagger) -> None:
    """1959's 本篇特色词 held 掌声 (from （经久不息的掌声）) and 同情; 辽宁's 深情; neither are they tags."""
    text = "我们取得了伟大胜利。（经久不息的掌声）我们对被压迫民族表示同情。（热烈鼓掌）人民深情地期盼着。（掌声）" * 3
    described = tagger.describe(text)
    assert not {"掌声", "鼓掌", "同情", "深情"} & {*described.keywords, *described.tags}


def test_a_report_s_own_words_are_whole_words(tagger: Tagger) -> None:
    """甘肃 2026's 本篇特色词 held 化硅 (of 巨化硅氟, both times) and 1978's 大革命 beside 文化大革命; 2024's 准备充分 and
    冗余度, words named once, and 宜春's 协同工作 and 低效益 were no words of the report's own."""
    text = (
        "推动巨化硅氟项目投产，巨化硅氟二期开工。文化大革命期间，文化大革命造成损失。种植马铃薯，马铃薯产量提高。"
        "准备充分，冗余度提高，协同工作，低效益产能退出。建设日光温室。"
    )
    found = tagger.describe("乡村振兴、新能源汽车、低空经济、营商环境、人工智能。" + text)
    keywords = found.keywords
    assert {"马铃薯", "日光温室"} <= set(keywords) and "文化大革命" in found.tags + keywords, found
    assert not {"化硅", "大革命", "准备充分", "冗余度", "协同工作", "低效益"} & set(keywords), keywords


def test_a_topic_is_as_common_as_its_most_common_form(tagger: Tagger) -> None:
    """八项规定, the glossary's name of a topic nearly every report writes 中央八项规定, was weighed as the rare word
    八项规定 is alone, and became a tag of 崇左, 成都, 浙江 and 甘肃 over what they are about."""
    found = [topic for topic, _ in tagger.topics_of({"中央八项规定": 2, "大跃进": 2})]
    assert found == ["大跃进", "八项规定"]
