"""The CBM pages in both languages, their query counts, and the forms behind them."""

import datetime as dt
import itertools

import pytest

from cica.cbm import actions
from cica.cbm.models import Activity, PriorityArea
from cica.core import clock
from cica.core.roles import SYSTEM
from cica.registry.models import State
from tests.conftest import with_two_factor


@pytest.fixture
def add_activity(db, secretariat_officer):
    numbers = itertools.count()
    kz, cn, ru = (State.objects.get(code=code) for code in ("KZ", "CN", "RU"))
    area = PriorityArea.objects.get(key="tourism")

    def add():
        return actions.record_activity(
            acting_user=secretariat_officer,
            area=area,
            kind="seminar",
            title=f"Seminar {next(numbers)}",
            start_date=clock.today() - dt.timedelta(days=5),
            host_state=kz,
            participants=[cn, ru],
        )

    return add


@pytest.mark.parametrize(
    "path",
    [
        "/{lang}/cbm/",
        "/{lang}/cbm/areas/ict_security/",
        "/{lang}/cbm/areas/human/",
        "/{lang}/cbm/states/KZ/",
        "/{lang}/cbm/activities/",
        "/{lang}/cbm/review/",
        "/{lang}/cbm/review/print/",
    ],
)
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_cbm_pages_in_both_languages(client, db, path, lang):
    response = client.get(path.format(lang=lang))

    assert response.status_code == 200
    assert response.headers["Content-Language"] == lang


def test_the_catalogue_shows_each_dimension_and_its_coordinators(client, db):
    page = client.get("/ru/cbm/").content.decode()

    assert "Человеческое измерение" in page
    assert "/cbm/areas/tourism/" in page
    assert "Таджикистан" in page  # the coordinator of tourism


@pytest.mark.parametrize(
    "url",
    ["/en/cbm/activities/", "/en/cbm/review/", "/en/cbm/areas/tourism/", "/en/cbm/states/KZ/"],
)
def test_cbm_pages_run_a_constant_number_of_queries(assert_constant_queries, add_activity, url):
    add_activity()  # with none, the lists' prefetches have nothing to fetch

    assert_constant_queries(url, add_activity)


def test_the_review_chart_and_csv(client, add_activity):
    add_activity()

    chart = client.get("/en/cbm/review/chart.svg")
    csv = client.get("/en/cbm/review.csv").content.decode().splitlines()

    assert chart["Content-Type"] == "image/svg+xml"
    assert b"<svg" in chart.content
    assert len(csv) == 1 + PriorityArea.objects.count()
    tourism = next(line for line in csv if ",tourism," in line)
    assert tourism.split(",")[6:8] == ["0", "1"]  # held, awaiting validation


def test_the_secretariat_validates_an_activity_on_its_page(
    client, secretariat_officer, add_activity
):
    recorded = add_activity()
    client.force_login(secretariat_officer)

    client.post(f"/en/cbm/activities/{recorded.pk}/validate/", {"note": "Report received."})

    recorded.refresh_from_db()
    assert (recorded.status, recorded.validation_note) == ("validated", "Report received.")


def test_an_observer_cannot_record_an_activity(client, observer):
    client.force_login(observer)

    response = client.post(
        "/en/cbm/activities/new/",
        {
            "area": "tourism",
            "kind": "event",
            "title": "Not allowed",
            "start_date": (clock.today() - dt.timedelta(days=1)).isoformat(),
            "host_state": "KZ",
        },
    )

    assert response.status_code == 403
    assert not Activity.objects.exists()


def test_a_refused_activity_keeps_the_form_and_names_the_field(client, db):
    from cica.accounts import actions as accounts

    kz = accounts.create_user(
        acting_user=SYSTEM, username="kz-form", role="delegate", state_code="KZ"
    )
    client.force_login(with_two_factor(kz))

    response = client.post(
        "/en/cbm/activities/new/",
        {
            "area": "tourism",
            "kind": "event",
            "title": "Next year",
            "start_date": (clock.today() + dt.timedelta(days=30)).isoformat(),
            "host_state": "KZ",
        },
    )

    assert response.status_code == 422
    assert "An activity is recorded once it has started." in response.content.decode()
    assert not Activity.objects.exists()
