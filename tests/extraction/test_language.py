"""Language detection (issue 13): English wire copy passes, other languages are told apart.

The texts below were written for this test, one short wire-style paragraph per language.
"""

# ruff: noqa: RUF001 (the texts' own letters and apostrophes)

import datetime as dt

import pytest

from conflict.extraction import corpus, extract
from conflict.extraction.language import detect_language

OTHER_LANGUAGES = {
    "fr": (
        "Au moins douze civils ont été tués dans la nuit lors d'une frappe sur un marché de "
        "la ville, selon les autorités locales, qui accusent les rebelles. Le groupe armé a "
        "rejeté ces accusations dans un communiqué publié par son porte-parole."
    ),
    "es": (
        "Al menos doce civiles murieron durante la noche en un ataque contra un mercado de la "
        "ciudad, según las autoridades locales, que culparon a los rebeldes. El grupo armado "
        "rechazó las acusaciones en un comunicado de su portavoz."
    ),
    "de": (
        "Mindestens zwölf Zivilisten sind in der Nacht bei einem Angriff auf einen Markt der "
        "Stadt getötet worden, teilten die örtlichen Behörden mit, die die Rebellen dafür "
        "verantwortlich machen. Die bewaffnete Gruppe wies die Vorwürfe zurück."
    ),
    "it": (
        "Almeno dodici civili sono stati uccisi durante la notte in un attacco contro un "
        "mercato della città, secondo le autorità locali, che accusano i ribelli. Il gruppo "
        "armato ha respinto le accuse in un comunicato del suo portavoce."
    ),
    "pt": (
        "Pelo menos doze civis foram mortos durante a noite num ataque contra um mercado da "
        "cidade, segundo as autoridades locais, que acusam os rebeldes. O grupo armado "
        "rejeitou as acusações num comunicado do seu porta-voz."
    ),
    "nl": (
        "Zeker twaalf burgers zijn in de nacht gedood bij een aanval op een markt in de stad, "
        "volgens de lokale autoriteiten, die de rebellen de schuld geven. De gewapende groep "
        "wees de beschuldigingen af in een verklaring van een woordvoerder."
    ),
    "ru": (
        "По меньшей мере двенадцать мирных жителей погибли ночью при ударе по рынку города, "
        "сообщили местные власти, обвинившие повстанцев. Вооружённая группа отвергла эти "
        "обвинения в заявлении своего представителя."
    ),
    "uk": (
        "Щонайменше дванадцять цивільних загинули вночі внаслідок удару по ринку міста, "
        "повідомила місцева влада, яка звинувачує повстанців. Збройне угруповання відкинуло "
        "ці звинувачення у своїй заяві."
    ),
    "ar": (
        "قُتل ما لا يقل عن اثني عشر مدنياً خلال الليل في هجوم على سوق المدينة، بحسب السلطات "
        "المحلية التي اتهمت المتمردين. ونفت الجماعة المسلحة هذه الاتهامات في بيان."
    ),
    "tr": (
        "Yerel yetkililere göre gece boyunca şehirdeki bir pazara düzenlenen saldırıda en az "
        "on iki sivil hayatını kaybetti ve yetkililer bu saldırı için isyancıları suçladı. "
        "Silahlı grup ise bir açıklama ile suçlamaları reddetti ve bu iddiaların asılsız "
        "olduğunu söyledi."
    ),
}


def test_every_corpus_paragraph_is_english() -> None:
    golds = corpus.load()
    assert [g.key for g in golds if detect_language(g.body).code != "en"] == []


@pytest.mark.parametrize("code", sorted(OTHER_LANGUAGES))
def test_other_languages_are_recognised(code: str) -> None:
    language = detect_language(OTHER_LANGUAGES[code])
    assert language.code == code
    assert 0 < language.confidence <= 1
    assert language.evidence


def test_a_non_english_article_gets_no_drafts_but_a_reason() -> None:
    extraction = extract(OTHER_LANGUAGES["fr"], dt.date(2024, 6, 1))
    assert extraction.language == "fr"
    assert extraction.claims == []
    assert extraction.incidents == []
    (decision,) = extraction.decisions()
    assert "fr" in decision
    assert "no drafts" in decision


def test_too_short_to_tell_is_not_guessed() -> None:
    assert detect_language("Kharkiv, Odesa.").code == ""
