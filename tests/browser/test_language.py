import pytest
from django.utils import translation

pytestmark = pytest.mark.browser


def test_a_visitor_switches_the_portal_to_russian(portal, page):
    # given
    with translation.override("ru"):
        heading_ru = translation.gettext(
            "Conference on Interaction and Confidence-Building Measures in Asia"
        )
        members_ru = translation.gettext("Member states")
    page.goto(f"{portal}/en/")
    assert page.locator("h1").inner_text() == (
        "Conference on Interaction and Confidence-Building Measures in Asia"
    )

    # when
    page.get_by_role("button", name="Русский").click()
    page.wait_for_url(f"{portal}/ru/")

    # then
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.locator("h1").inner_text() == heading_ru
    assert heading_ru == "Совещание по взаимодействию и мерам доверия в Азии"
    assert page.get_by_text(members_ru, exact=True).is_visible()


def test_a_visitor_goes_back_in_time(portal, page):
    page.goto(f"{portal}/en/states/?status=member")

    page.get_by_label("As of").fill("2010-01-01")
    page.get_by_role("button", name="Show").click()

    page.wait_for_url("**as_of=2010-01-01**")
    assert "20 states on" in page.locator("caption").first.inner_text()
