import datetime as dt

import pytest
from playwright.sync_api import expect

from cica.accounts import actions as accounts
from cica.core import clock
from cica.core.roles import SYSTEM
from cica.meetings import actions
from cica.registry.models import Body, State

pytestmark = pytest.mark.browser


@pytest.fixture
def next_soc(committed_reference):
    officer = accounts.create_user(acting_user=SYSTEM, username="planner", role="secretariat")
    start = clock.today() + dt.timedelta(days=20)
    return actions.create_meeting(
        acting_user=officer,
        body=Body.objects.get(key="soc"),
        start_date=start,
        end_date=start + dt.timedelta(days=1),
        title_en="Senior Officials Committee",
        title_ru="Комитет старших должностных лиц",
        city="Baku",
        country=State.objects.get(code="AZ"),
    )


def test_a_visitor_finds_the_next_soc_meeting_from_the_home_page(portal, page, next_soc):
    page.goto(f"{portal}/en/")

    page.get_by_role("region", name="Next meetings").get_by_role(
        "link", name="Senior Officials Committee"
    ).click()

    page.wait_for_url(f"{portal}/en/meetings/{next_soc.pk}/")
    expect(page.locator("h1")).to_have_text("Senior Officials Committee")
    expect(page.get_by_text("Baku, Azerbaijan")).to_be_visible()
