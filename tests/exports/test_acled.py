"""The ACLED layout: ACLED's header, codes and conventions on the seed's incidents."""

import csv
import datetime
import io

from conflict.models import Incident

from .conftest import body, json_records

ACLED_HEADER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,"
    "actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,"
    "iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,"
    "source_scale,notes,fatalities,tags,timestamp"
)


def acled(client, query=""):
    response = client.get(f"/api/v1/incidents/export/?format=acled-csv&{query}")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="incidents.acled.csv"'
    text = body(response).decode("utf-8")
    return response, text, list(csv.DictReader(io.StringIO(text, newline="")))


def test_header_is_exactly_acleds(client, seed):
    _, text, _ = acled(client)
    assert text.split("\r\n", 1)[0] == ACLED_HEADER


def incident_id(client, slug):
    return client.get(f"/api/v1/incidents/{slug}/").json()["id"]


def test_ganja_shelling_row(client, seed):
    _, _, rows = acled(client, f"id={incident_id(client, 'ganja-shelling')}")
    (row,) = rows
    assert row["event_date"] == "2020-10-08"
    assert row["year"] == "2020"
    assert row["time_precision"] == "1"
    assert row["event_type"] == "Explosions/Remote violence"
    assert row["sub_event_type"] == "Shelling/artillery/missile attack"
    assert row["disorder_type"] == "Political violence"
    assert row["actor1"] == "Armenian army"
    assert row["actor2"] == "Azerbaijan"
    # Armenian forces in Azerbaijan are external (8); Azerbaijan's own state forces are 1.
    assert (row["inter1"], row["inter2"], row["interaction"]) == ("8", "1", "18")
    assert (row["iso"], row["country"]) == ("31", "Azerbaijan")
    assert (row["latitude"], row["longitude"], row["geo_precision"]) == ("40.6828", "46.3606", "1")
    assert row["event_id_cnty"].startswith("AZE")


def test_one_row_per_event_and_location_with_unique_ids(client, seed):
    # The seed leaves the Tochka-U strikes (five districts) undated; date them for this test.
    Incident.objects.filter(slug="tochka-u-strikes").update(
        occurred_on=datetime.date(2020, 10, 8), date_precision="day"
    )
    tochka = client.get("/api/v1/incidents/tochka-u-strikes/").json()
    _, _, rows = acled(client, f"id={tochka['id']}")
    assert sorted(row["location"] for row in rows) == sorted(p["name"] for p in tochka["places"])
    assert len(rows) == 5
    assert {row["admin1"] for row in rows} == {row["location"] for row in rows}  # districts
    _, _, all_rows = acled(client)
    ids = [row["event_id_cnty"] for row in all_rows]
    assert len(ids) == len(set(ids))


def test_fatalities_take_the_lowest_claim_and_notes_say_who_claimed_what(client, seed):
    _, _, rows = acled(client, f"id={incident_id(client, 'fighting-since-2020-09-27')}")
    (row,) = rows
    killed = [
        loss
        for loss in json_records(client, "losses", "incident=fighting-since-2020-09-27")
        if loss["category"] == "killed" and loss["count_low"] is not None
    ]
    groups: dict[tuple, int] = {}
    for loss in killed:
        key = (loss["side"] and loss["side"]["id"], loss["population"])
        groups[key] = min(loss["count_low"], groups.get(key, loss["count_low"]))
    assert int(row["fatalities"]) == sum(groups.values()) > 0
    for loss in killed:
        assert f"{loss['claim']['claimant']['name']} said {loss['count_low']}" in row["notes"]
    assert row["time_precision"] == "3"  # a 12-day span is coarser than a week


def test_undated_or_unlocated_incidents_are_counted_not_exported(client, seed):
    response, _, rows = acled(client)
    incidents = json_records(client, "incidents")
    exported = {
        row["event_id_cnty"].split("-")[0].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for row in rows
    }
    skipped = int(response["X-Skipped-Records"])
    assert skipped > 0
    assert len(exported) + skipped == len(incidents)
    assert all(row["event_date"] and row["latitude"] for row in rows)


def test_a_list_page_in_acled_layout(client, seed):
    response = client.get("/api/v1/incidents/?format=acled-csv&kind=diplomatic_meeting")
    assert response.status_code == 200
    assert response.content.decode().split("\r\n", 1)[0] == ACLED_HEADER
    assert "X-Skipped-Records" in response
