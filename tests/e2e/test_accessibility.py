import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Axe()
BLOCKING_IMPACTS = {"serious", "critical"}
NODES_SHOWN = 5

# Each reader page, as a function of the newsroom fixture.
PAGES = {
    "home": lambda newsroom: "/",
    "article": lambda newsroom: newsroom.lead.get_absolute_url(),
    "section": lambda newsroom: newsroom.lead.section.get_absolute_url(),
    "tag": lambda newsroom: f"/tag/{newsroom.tag_slug}/",
}


def describe(violations):
    """What a developer needs to fix each violation: the rule, its help page and the elements."""
    lines = []
    for violation in violations:
        lines.append(
            f"{violation['id']} ({violation['impact']}): {violation['help']}\n"
            f"  {violation['helpUrl']}"
        )
        for node in violation["nodes"][:NODES_SHOWN]:
            lines.append(f"  - target: {', '.join(map(str, node['target']))}")
            lines.append(f"    html:   {node['html']}")
            summary = node.get("failureSummary", "").replace("\n", "\n            ")
            lines.append(f"    why:    {summary}")
        if len(violation["nodes"]) > NODES_SHOWN:
            lines.append(f"  ... and {len(violation['nodes']) - NODES_SHOWN} more elements")
    return "\n".join(lines)


@pytest.mark.parametrize("page_name", list(PAGES))
def test_pages_have_no_serious_accessibility_violations(page: Page, newsroom, page_name, window):
    response = page.goto(PAGES[page_name](newsroom))
    assert response.ok, f"{page.url} answered {response.status}"

    violations = AXE.run(page).response["violations"]

    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    others = [f"{v['id']} ({v['impact']})" for v in violations if v not in blocking]
    # Shown with a failure's report (-rA shows it always): the smaller problems worth fixing too.
    print(f"axe on the {page_name} page ({window}): minor or moderate: {others or 'none'}")
    if blocking:
        pytest.fail(
            f"axe found {len(blocking)} serious or critical violation(s) on the {page_name} page "
            f"({page.url}) in the {window} window:\n{describe(blocking)}",
            pytrace=False,
        )
