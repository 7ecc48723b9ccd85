"""axe-core audits key pages against WCAG 2.2 A and AA in Debian's Chromium."""

from pathlib import Path

import pytest

from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PAGES = [
    "/en/",
    "/ru/",
    "/en/states/",
    "/ru/states/KW/",
    "/en/organizations/",
    "/en/bodies/",
    "/en/chairmanships/",
    "/en/secretariat/",
    "/en/figures/",
    "/en/decisions/",
    "/en/meetings/",
    "/en/cycles/",
    "/en/calendar/2022/?month=10",
    "/ru/meetings/statistics/",
    "/en/documents/",
    "/en/documents/status/",
    "/ru/documents/secretariat-agreement/",
    "/en/documents/rop-2004/",
    "/en/documents/search/?q=rules+procedure",
    "/ru/documents/search/?q=астанинское",
    "/en/cbm/",
    "/ru/cbm/areas/human/",
    "/en/cbm/states/KZ/",
    "/en/cbm/activities/",
    "/en/cbm/review/",
    "/en/sources/",
    "/en/login/",
]


@pytest.fixture
def audited_page(browser):
    if not AXE.exists():
        pytest.fail("axe-core is not installed: `make test` runs npm ci")
    # The portal's CSP forbids injected scripts; the audit alone bypasses it.
    context = browser.new_context(bypass_csp=True)
    yield context.new_page()
    context.close()


def _violations(page) -> list:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))"
        ".violations.map(v => ({id: v.id, nodes: v.nodes.map(n => n.target.join(' '))}))",
        WCAG_AA,
    )


@pytest.mark.parametrize("path", PAGES)
def test_key_pages_have_no_wcag_violations(portal, audited_page, path):
    audited_page.goto(portal + path)

    assert _violations(audited_page) == []


@pytest.mark.parametrize("path", ["/en/workspace/", "/en/procedures/{id}/", "/ru/drafts/{draft}/"])
def test_a_delegates_pages_have_no_wcag_violations(portal, audited_page, open_procedure, path):
    sign_in(audited_page, portal, "kz", "a long delegate passphrase")

    audited_page.goto(
        portal + path.format(id=open_procedure.pk, draft=open_procedure.version.draft_id)
    )

    assert _violations(audited_page) == []
