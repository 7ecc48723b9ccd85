"""cbm.actions, split into a package, shows every action through the package: `actions.X` and
`from cica.cbm.actions import X` name it, whichever module holds it."""

from cica.cbm import actions
from tests.decisions.test_packages import public_definitions


def test_the_actions_package_exports_every_action_of_its_modules():
    defined = public_definitions("cica.cbm.actions")

    assert "record_activity" in defined
    assert sorted(set(defined) - set(actions.__all__)) == []
    assert {name: getattr(actions, name) for name in defined} == defined
    assert [name for name in actions.__all__ if not hasattr(actions, name)] == []
