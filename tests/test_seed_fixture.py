"""The curated seed data: built reproducibly from its YAML source, loadable, true to the text."""

import copy
import datetime as dt
import hashlib
import io
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from conflict.curation import (
    SEED_FIXTURE,
    SEED_SOURCE,
    CurationError,
    build_fixture,
    build_fixture_text,
    load_source,
)
from conflict.models import (
    Actor,
    Article,
    Claim,
    ClaimLink,
    Incident,
    IncidentParticipant,
    Loss,
    Place,
)

BASE_DIR = Path(settings.BASE_DIR)
SEED_TEXT = BASE_DIR / "seeds" / "000_bba3e84961ba8579.txt"
ARTICLE_DATE = dt.date(2020, 10, 8)


def read_exact(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


# --- the build ----------------------------------------------------------------------------


def test_rebuilding_reproduces_the_committed_fixture_byte_for_byte() -> None:
    built = build_fixture_text(BASE_DIR / SEED_SOURCE, BASE_DIR)
    assert built == read_exact(BASE_DIR / SEED_FIXTURE)
    assert built.endswith("]\n")


def test_check_mode_accepts_the_committed_fixture_and_writes_nothing(tmp_path: Path) -> None:
    call_command("build_seed_fixture", "--check", stdout=io.StringIO())
    missing = tmp_path / "seed.json"
    with pytest.raises(CommandError, match="out of date"):
        call_command("build_seed_fixture", "--check", "--output", str(missing))
    assert not missing.exists()


def test_check_mode_fails_on_a_stale_fixture_and_a_build_repairs_it(tmp_path: Path) -> None:
    stale = tmp_path / "seed.json"
    stale.write_text(read_exact(BASE_DIR / SEED_FIXTURE).replace("Ganja", "Gandja", 1))
    with pytest.raises(CommandError, match="out of date"):
        call_command("build_seed_fixture", "--check", "--output", str(stale))
    call_command("build_seed_fixture", "--output", str(stale), stdout=io.StringIO())
    assert read_exact(stale) == read_exact(BASE_DIR / SEED_FIXTURE)


def test_the_yaml_does_not_copy_the_body_but_names_the_seed_file() -> None:
    source = load_source(BASE_DIR / SEED_SOURCE)
    assert source["article"]["body_file"] == "seeds/000_bba3e84961ba8579.txt"
    assert "body" not in source["article"]


# --- the loaded data ----------------------------------------------------------------------


@pytest.mark.django_db
def test_loaddata_loads_the_seed_and_every_object_validates(seed: None) -> None:
    counts = {
        model: model.objects.count()
        for model in (Article, Actor, Place, Incident, IncidentParticipant, Claim, ClaimLink, Loss)
    }
    assert counts[Article] == 1
    assert all(counts.values()), counts
    for model in counts:
        for obj in model.objects.all():
            obj.full_clean()  # model validation, unique checks and constraints, with the DB


@pytest.mark.django_db
def test_the_article_body_is_the_seed_file_exactly(seed: None) -> None:
    article = Article.objects.get()
    text = read_exact(SEED_TEXT)
    assert article.body == text
    assert article.body_sha256 == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert article.title_is_editorial
    assert article.publisher is None
    assert article.source_url is None
    assert article.published_on == ARTICLE_DATE
    assert article.published_on_inferred


@pytest.mark.django_db
def test_every_claim_quote_is_the_text_at_its_span(seed: None) -> None:
    body = Article.objects.get().body
    claims = list(Claim.objects.all())
    assert len(claims) >= 40
    for claim in claims:
        assert body[claim.span_start : claim.span_end] == claim.quote, claim.pk
    assert len({(c.span_start, c.span_end) for c in claims}) == len(claims), "a quote is reused"


@pytest.mark.django_db
def test_every_incident_is_backed_by_a_claim(seed: None) -> None:
    for incident in Incident.objects.all():
        assert incident.claims.exists(), incident.slug


@pytest.mark.django_db
def test_every_loss_belongs_to_an_incident_its_claim_is_about(seed: None) -> None:
    for loss in Loss.objects.select_related("claim"):
        if loss.incident_id is not None:
            assert loss.claim.incidents.filter(pk=loss.incident_id).exists(), loss.pk


@pytest.mark.django_db
def test_page_furniture_is_not_quoted_by_any_claim(seed: None) -> None:
    body = Article.objects.get().body
    furniture = [
        line
        for line in body.split("\n")
        if line.startswith("READ MORE:")
        or line
        in {
            "Discussion about this post",
            "Mounting toll",
            "Crucial meeting in Russia",
            "Fears of further escalation",
            "Hardening stances",
            "Russia\u2019s stance",
        }
    ]
    assert len(furniture) == 10
    spans = list(Claim.objects.values_list("span_start", "span_end"))
    offset = 0
    for line in body.split("\n"):
        start, end = offset, offset + len(line)
        if line in furniture:
            overlapping = [s for s in spans if s[0] < end and s[1] > start]
            assert not overlapping, line
        offset = end + 1


@pytest.mark.django_db
def test_every_attributed_paragraph_has_a_claim(seed: None) -> None:
    """Sentence by sentence: each paragraph of the article proper is covered by some claim."""
    body = Article.objects.get().body
    spans = list(Claim.objects.values_list("span_start", "span_end"))
    offset = 0
    uncovered = []
    for line in body.split("\n"):
        start, end = offset, offset + len(line)
        offset = end + 1
        if line.startswith("READ MORE:") or len(line.split()) < 5:
            continue  # headings and page furniture
        if not any(s < end and e > start for s, e in spans):
            uncovered.append(line)
    assert uncovered == []


# --- content a reader would check ---------------------------------------------------------


@pytest.mark.django_db
def test_baku_denial_contradicts_the_armenian_cathedral_allegation(seed: None) -> None:
    denial = Claim.objects.get(quote__startswith="Baku denied")
    allegation = Claim.objects.get(quote__contains="as claimed by Armenia")
    assert denial.stance == "denies"
    assert denial.claimant.slug == "azerbaijan"
    assert allegation.claimant.slug == "armenia"
    assert allegation.stance == "asserts"
    assert ClaimLink.objects.filter(
        source=denial, target=allegation, relation="contradicts"
    ).exists()
    cathedral = Incident.objects.with_contested().get(slug="shusha-cathedral-shelling")
    assert cathedral.contested
    assert set(cathedral.claims.all()) >= {denial, allegation}
    assert cathedral.places.get().parent.name == "Shusha"


@pytest.mark.django_db
def test_only_disputed_incidents_are_contested(seed: None) -> None:
    contested = set(
        Incident.objects.with_contested().filter(contested=True).values_list("slug", flat=True)
    )
    assert contested == {"shusha-cathedral-shelling", "alleged-arrival-of-foreign-fighters"}


@pytest.mark.django_db
def test_denials_contradict_what_they_deny(seed: None) -> None:
    armenia_denial = Claim.objects.get(quote="Armenia denied the allegations")
    assert armenia_denial.stance == "denies"
    target = armenia_denial.links_out.get(relation="contradicts").target
    assert target.quote.startswith("We brought to the attention of the Greek Foreign Ministry")
    assert target.claimant.slug == "azerbaijan-foreign-ministry"

    ruled_out = Claim.objects.get(quote__startswith="Armenia has ruled out a withdrawal")
    assert ruled_out.stance == "denies"
    assert ruled_out.links_out.get(relation="contradicts").target.claimant.slug == "ilham-aliyev"


@pytest.mark.django_db
def test_many_wounded_is_a_qualifier_without_counts(seed: None) -> None:
    loss = Loss.objects.get(
        claim__quote="It said 19 civilians were killed and many wounded.", category="wounded"
    )
    assert loss.qualifier == "many"
    assert (loss.count_low, loss.count_best, loss.count_high) == (None, None, None)
    assert loss.population == "civilian"
    assert loss.side.slug == "armenia"


@pytest.mark.django_db
def test_armenian_military_toll_of_350_is_cumulative_since_27_september(seed: None) -> None:
    loss = Loss.objects.get(count_best=350)
    assert loss.category == "killed"
    assert loss.population == "military"
    assert loss.side.slug == "armenia"
    assert loss.cumulative
    assert (loss.period_start, loss.period_end) == (dt.date(2020, 9, 27), ARTICLE_DATE)
    assert (loss.count_low, loss.count_high) == (350, 350)
    assert loss.incident.slug == "fighting-since-2020-09-27"
    # The 30 killed "in new clashes" are not the running total.
    new_clashes = Loss.objects.get(count_text="30 of their servicemen")
    assert not new_clashes.cumulative
    assert new_clashes.incident.slug == "new-clashes"


@pytest.mark.django_db
def test_azerbaijani_civilian_toll(seed: None) -> None:
    claim = Claim.objects.get(quote__startswith="Azerbaijani authorities said 30 civilians")
    assert claim.claimant.slug == "azerbaijan"
    assert "Azerbaijani authorities" in claim.claimant.aliases
    losses = {loss.category: loss for loss in claim.losses.all()}
    assert losses["killed"].count_best == 30
    assert losses["wounded"].count_best == 143
    for loss in losses.values():
        assert loss.population == "civilian"
        assert loss.cumulative
        assert loss.period_start == dt.date(2020, 9, 27)


@pytest.mark.django_db
def test_materiel_losses_are_normalised(seed: None) -> None:
    destroyed = dict(
        Loss.objects.filter(category="destroyed").values_list("equipment", "count_best")
    )
    assert destroyed == {
        "tank": 10,
        "D-20 howitzer": 6,
        "2S3 Akatsiya self-propelled howitzer": 1,
        "vehicle": 30,
        "military convoy": 1,
    }
    drone = Loss.objects.get(category="shot_down")
    assert (drone.equipment, drone.count_best, drone.population) == ("UAV", 1, "")
    assert drone.incident.occurred_on == ARTICLE_DATE


@pytest.mark.django_db
def test_tochka_u_is_normalised_and_the_quote_keeps_the_misspelling(seed: None) -> None:
    incident = Incident.objects.get(slug="tochka-u-strikes")
    assert "Tochka-U" in incident.title
    assert "Tockha-U" in incident.notes
    assert set(incident.places.values_list("slug", flat=True)) == {
        "goranboy",
        "tartar",
        "aghdam",
        "aghjabadi",
        "barda",
    }
    report = incident.claims.get(category="event_report")
    assert "Tockha-U" in report.quote
    assert "Tochka-U" in report.text
    casualties = Loss.objects.filter(incident=incident)
    assert {(loss.category, loss.qualifier) for loss in casualties} == {
        ("killed", "some"),
        ("wounded", "some"),
    }


@pytest.mark.django_db
def test_relative_dates_resolve_against_thursday_8_october(seed: None) -> None:
    dates = dict(Incident.objects.values_list("slug", "occurred_on"))
    assert dates["ganja-shelling"] == ARTICLE_DATE
    assert dates["geneva-meeting"] == ARTICLE_DATE
    assert dates["moscow-talks"] == dt.date(2020, 10, 9)
    assert dates["greece-recalls-ambassador-to-azerbaijan"] == dt.date(2020, 10, 7)
    assert dates["azerbaijan-recalls-ambassador-to-greece"] == ARTICLE_DATE
    span = Incident.objects.get(slug="fighting-since-2020-09-27")
    assert (span.occurred_on, span.occurred_until) == (dt.date(2020, 9, 27), ARTICLE_DATE)
    assert span.date_precision == "span"
    assert span.date_text == "since September 27"
    russia = Claim.objects.get(claimant__slug="russia")
    assert russia.stated_on == dt.date(2020, 10, 7)
    assert not russia.stated_on_inferred


@pytest.mark.django_db
def test_undated_statements_say_their_date_is_inferred(seed: None) -> None:
    for claim in Claim.objects.all():
        if claim.stated_on is None:
            assert claim.notes, claim.quote  # why there is no date
        elif "on Thursday" not in claim.quote and "On Wednesday" not in claim.quote:
            assert claim.stated_on_inferred, claim.quote


@pytest.mark.django_db
def test_direct_quotes_are_the_curly_quoted_passages(seed: None) -> None:
    body = Article.objects.get().body
    for claim in Claim.objects.all():
        start = claim.span_start
        inside_quotation = body.rfind("“", 0, start) > body.rfind("”", 0, start)
        if claim.is_direct_quote:
            assert inside_quotation or "“" in claim.quote, claim.quote
        else:
            assert not inside_quotation, claim.quote
    reported = Claim.objects.get(quote__startswith="Baku denied")
    assert not reported.is_direct_quote


@pytest.mark.django_db
def test_narration_is_a_claim_without_claimant(seed: None) -> None:
    narration = Claim.objects.filter(claimant__isnull=True)
    assert narration.filter(quote__startswith="Under international law").exists()
    assert narration.filter(quote__startswith="The talks mark the start").exists()
    toll = Loss.objects.get(claim__quote="a 1991-94 war that killed about 30,000 people")
    assert (toll.count_best, toll.qualifier, toll.count_low, toll.count_high) == (
        30000,
        "about",
        None,
        None,
    )


@pytest.mark.django_db
def test_media_outlets_are_the_channels_of_interviews(seed: None) -> None:
    euronews = Actor.objects.get(slug="euronews")
    assert euronews.kind == "media_outlet"
    assert set(euronews.channelled_claims.values_list("claimant__slug", flat=True)) == {
        "ilham-aliyev",
        "nikol-pashinyan",
    }
    peninsula = Claim.objects.get(channel_actor__slug="the-peninsula")
    assert peninsula.claimant.slug == "recep-tayyip-erdogan"
    assert peninsula.channel == "told Qatar\u2019s The Peninsula newspaper"


@pytest.mark.django_db
def test_actors_keep_the_article_s_words(seed: None) -> None:
    eyvazov = Actor.objects.get(slug="anar-eyvazov")
    assert eyvazov.role == "Defence Minister"
    assert "Zakir Hasanov" in eyvazov.notes  # not corrected silently, but flagged
    regiment = Actor.objects.get(slug="armenian-army-7th-regiment")
    assert regiment.parent.slug == "armenian-army"
    assert regiment.parent.parent.slug == "armenia"
    assert Actor.objects.get(slug="azerbaijan").wikidata_id == "Q227"
    assert "Baku" in Actor.objects.get(slug="azerbaijan").aliases
    assert "Yerevan" in Actor.objects.get(slug="armenia").aliases


@pytest.mark.django_db
def test_places_are_neutral_and_located(seed: None) -> None:
    ganja = Place.objects.get(slug="ganja")
    assert ganja.parent.slug == "azerbaijan"
    assert ganja.latitude == pytest.approx(40.68, abs=0.05)
    assert ganja.longitude == pytest.approx(46.36, abs=0.05)
    shusha = Place.objects.get(slug="shusha")
    assert shusha.name == "Shusha"
    assert "Shushi" in shusha.aliases
    assert "Terter" in Place.objects.get(slug="tartar").aliases
    karabakh = Place.objects.get(slug="nagorno-karabakh")
    assert karabakh.country == ""
    assert "disputed" in karabakh.notes
    assert "Artsakh" in karabakh.aliases
    for place in Place.objects.exclude(slug="armenia-azerbaijan-border"):
        assert place.has_point, place.slug
        assert place.precision, place.slug


# --- the builder refuses bad curation -----------------------------------------------------

SMALL_BODY = "Baku said Ganja was shelled.\nYerevan denied it.\nYerevan denied it.\nREAD MORE: x"


def small_source() -> dict[str, Any]:
    return {
        "curated_at": "2020-10-09T00:00:00Z",
        "article": {"slug": "small", "title": "Small", "body_file": "small.txt"},
        "actors": [
            {"slug": "azerbaijan", "name": "Azerbaijan", "kind": "state", "country": "AZ"},
            {"slug": "armenia", "name": "Armenia", "kind": "state", "country": "AM"},
        ],
        "places": [{"slug": "ganja", "name": "Ganja", "kind": "city_town"}],
        "incidents": [
            {
                "slug": "ganja-shelling",
                "title": "Shelling of Ganja",
                "kind": "shelling",
                "places": ["ganja"],
                "participants": [{"actor": "armenia", "role": "perpetrator"}],
            }
        ],
        "claims": [
            {
                "key": "ganja-shelled",
                "claimant": "azerbaijan",
                "category": "event_report",
                "text": "Azerbaijan said Ganja was shelled.",
                "quote": "Baku said Ganja was shelled.",
                "incidents": ["ganja-shelling"],
                "losses": [{"category": "wounded", "population": "civilian", "qualifier": "many"}],
            },
            {
                "key": "armenia-denies",
                "claimant": "armenia",
                "stance": "denies",
                "category": "event_report",
                "text": "Armenia denied it.",
                "quote": "Yerevan denied it.",
                "occurrence": 1,
                "incidents": ["ganja-shelling"],
                "links": [{"relation": "contradicts", "target": "ganja-shelled"}],
            },
        ],
    }


@pytest.fixture
def small_dir(tmp_path: Path) -> Path:
    (tmp_path / "small.txt").write_text(SMALL_BODY, encoding="utf-8")
    return tmp_path


def test_a_small_source_builds(small_dir: Path) -> None:
    records = build_fixture(small_source(), small_dir)
    claims = [r for r in records if r["model"] == "conflict.claim"]
    assert [(c["pk"], c["fields"]["span_start"], c["fields"]["span_end"]) for c in claims] == [
        (1, 0, 28),
        (2, 29, 47),
    ]
    link = next(r for r in records if r["model"] == "conflict.claimlink")
    assert (link["fields"]["source"], link["fields"]["target"]) == (2, 1)
    assert claims[1]["fields"]["claimant"] == 2
    assert claims[1]["fields"]["created_at"] == "2020-10-09T00:00:00Z"


def test_occurrence_picks_a_repeated_quote(small_dir: Path) -> None:
    source = small_source()
    source["claims"][1]["occurrence"] = 2
    records = build_fixture(source, small_dir)
    denial = next(r for r in records if r["model"] == "conflict.claim" and r["pk"] == 2)
    assert denial["fields"]["span_start"] == 48


def test_a_quote_not_in_the_text_fails_naming_the_claim(small_dir: Path) -> None:
    source = small_source()
    source["claims"][0]["quote"] = "Baku said Ganja was bombed."
    with pytest.raises(CurationError) as error:
        build_fixture(source, small_dir)
    message = str(error.value)
    assert "'ganja-shelled'" in message
    assert "Baku said Ganja was bombed." in message
    assert "does not occur" in message


def test_an_ambiguous_quote_fails_naming_the_claim(small_dir: Path) -> None:
    source = small_source()
    del source["claims"][1]["occurrence"]
    with pytest.raises(CurationError) as error:
        build_fixture(source, small_dir)
    message = str(error.value)
    assert "'armenia-denies'" in message
    assert "Yerevan denied it." in message
    assert "occurs 2 times" in message


def test_curly_quotes_and_spelling_must_match_exactly(small_dir: Path) -> None:
    (small_dir / "small.txt").write_text("Baku said “Ganja” was shelled.\n", encoding="utf-8")
    source = small_source()
    del source["claims"][1]
    source["claims"][0]["quote"] = 'Baku said "Ganja" was shelled.'
    with pytest.raises(CurationError, match="does not occur"):
        build_fixture(source, small_dir)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda s: s["claims"][0].update(claimant="azerbaijann"), "unknown claimant 'azerbaijann'"),
        (lambda s: s["incidents"][0].update(places=["ganjaa"]), "unknown place 'ganjaa'"),
        (
            lambda s: s["claims"][1]["links"][0].update(target="nope"),
            "unknown claim key 'nope'",
        ),
        (
            lambda s: s["incidents"][0]["participants"][0].update(actor="russia"),
            "unknown participant actor 'russia'",
        ),
        (lambda s: s["actors"].append(dict(s["actors"][0])), "duplicate slug 'azerbaijan'"),
        (lambda s: s["claims"][1].update(key="ganja-shelled"), "duplicate key 'ganja-shelled'"),
        (
            lambda s: s["claims"][1].update(quote="Baku said Ganja was shelled.", occurrence=None),
            "is already claim 'ganja-shelled'",
        ),
        (lambda s: s["claims"][0].update(stance="maybe"), "stance"),
        (lambda s: s["incidents"][0].update(kind="bombing"), "kind"),
        (lambda s: s["incidents"][0]["participants"][0].update(role="villain"), "role"),
        (lambda s: s["claims"][0]["losses"][0].update(category="hurt"), "category"),
        (lambda s: s["claims"][0].update(clamant="armenia"), "unknown key(s) clamant"),
        (lambda s: s["actors"][0].update(country=False), "wrong type"),
        (
            lambda s: s["claims"][0]["losses"][0].update(count_text="many hurt"),
            "count_text 'many hurt' is not in the claim's quote",
        ),
        (lambda s: s["incidents"][0].update(date_text="on Monday"), "date_text 'on Monday'"),
        (lambda s: s["claims"][0].update(channel="told CNN"), "channel 'told CNN' is not in"),
        (lambda s: s["actors"][0].update(parent="armenia"), None),  # a valid parent builds
    ],
)
def test_bad_curation_is_refused(small_dir: Path, change, expected: str | None) -> None:
    source = copy.deepcopy(small_source())
    change(source)
    if expected is None:
        build_fixture(source, small_dir)
        return
    with pytest.raises(CurationError) as error:
        build_fixture(source, small_dir)
    assert expected in str(error.value)


def test_model_rules_are_enforced_at_build_time(small_dir: Path) -> None:
    source = small_source()
    # A people category needs a population and no equipment (the Loss model's rule).
    source["claims"][0]["losses"][0] = {"category": "killed", "equipment": "tank", "count_best": 1}
    with pytest.raises(CurationError, match=r"claim 'ganja-shelled' loss 1: .*population"):
        build_fixture(source, small_dir)
    source = small_source()
    source["incidents"][0].update(
        occurred_on="2020-10-08", occurred_until="2020-10-01", date_precision="span"
    )
    with pytest.raises(CurationError, match="incident 'ganja-shelling': occurred_until"):
        build_fixture(source, small_dir)


def test_an_incident_without_a_claim_is_refused(small_dir: Path) -> None:
    source = small_source()
    for claim in source["claims"]:
        claim["incidents"] = []
    source["claims"][0]["losses"] = []
    with pytest.raises(CurationError, match="incident 'ganja-shelling': no claim is about it"):
        build_fixture(source, small_dir)


def test_a_parent_loop_is_refused(small_dir: Path) -> None:
    source = small_source()
    source["actors"][0]["parent"] = "armenia"
    source["actors"][1]["parent"] = "azerbaijan"
    with pytest.raises(CurationError, match="parent chain loops"):
        build_fixture(source, small_dir)


def test_the_command_reports_bad_curation_and_writes_nothing(
    small_dir: Path,
) -> None:
    source_file = small_dir / "bad.yaml"
    source_file.write_text(
        "curated_at: '2020-10-09T00:00:00Z'\narticle: {slug: s, title: S, body_file: nope.txt}\n",
        encoding="utf-8",
    )
    output = small_dir / "out.json"
    with pytest.raises(CommandError, match=r"body_file 'nope\.txt' does not exist"):
        call_command("build_seed_fixture", "--source", str(source_file), "--output", str(output))
    assert not output.exists()
