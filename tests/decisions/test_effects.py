"""The effects of decisions as a table each app fills from its own side (core.effects): one effect
for each kind, the draft form and the API's shape of `effect` from the kinds' schemas, and the
driver in decisions that imports none of the apps it changes."""

import ast
import datetime as dt
from pathlib import Path

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation
from django.utils.functional import Promise

import cica.decisions
from cica.api import api
from cica.core import clock, effects
from cica.core.errors import InvalidInput
from cica.decisions.forms import DraftForm
from cica.decisions.models import Decision, Draft

DECISIONS = Path(cica.decisions.__file__).parent


def test_every_kind_has_exactly_one_effect():
    assert list(effects.registered()) != []
    assert sorted(effects.registered()) == sorted(Draft.Kind.values)


def test_a_kind_cannot_have_a_second_effect():
    first = effects.get("rename_body")
    other = effects.Effect(
        kind="rename_body", params=first.params, check=first.check, apply=lambda *a, **k: None
    )

    with pytest.raises(RuntimeError):
        effects.register(other)

    assert effects.get("rename_body") == first


@pytest.mark.parametrize(
    "module",
    ["effects.py", *sorted(f"admission/{p.name}" for p in (DECISIONS / "admission").glob("*.py"))],
)
def test_the_driver_imports_no_app_it_changes(module):
    """Decisions comes before meetings, documents and CBM: their effects register themselves."""
    tree = ast.parse((DECISIONS / module).read_text())
    imported = {
        name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom | ast.Import)
        for name in ([node.module] if isinstance(node, ast.ImportFrom) else [])
        + [alias.name for alias in node.names]
        if name
    }

    above = ("cica.cbm", "cica.documents", "cica.meetings", "cica.reference", "cica.portal")
    assert sorted(name for name in imported if name.startswith(above)) == []


def test_the_draft_form_has_a_field_for_every_parameter_of_every_kind():
    fields = DraftForm().fields

    for kind in Draft.Kind.values:
        for name, info in effects.get(kind).params.model_fields.items():
            assert f"effect_{info.alias or name}" in fields, (kind, name)
    assert list(fields)[4] == "effect_state"  # the page's heading of the effect comes before it
    assert fields["effect_role"].choices[1:] == [
        ("coordinator", "coordinator"),
        ("co_coordinator", "co-coordinator"),
    ]


def test_the_parameters_are_titled_in_the_readers_language():
    # Titles and descriptions stay lazy (core.effects.lazy_text): read when a form is rendered.
    titled = 0
    for kind in Draft.Kind.values:
        for info in effects.get(kind).params.model_fields.values():
            for text in (info.title, info.description):
                assert text is None or isinstance(text, Promise), (kind, text)
            titled += info.title is not None
    assert titled > 0
    state = effects.get("admit_member").params.model_fields["state"]
    with translation.override("ru"):
        assert str(state.title) != "State (ISO code)"
    assert str(state.title) == "State (ISO code)"


def test_the_api_documents_the_effect_of_each_kind(db):
    schemas = api.get_openapi_schema()["components"]["schemas"]

    effect = schemas["DraftIn"]["properties"]["effect"]

    assert [kind["title"] for kind in effect["anyOf"]] == Draft.Kind.values
    chairmanship = effect["anyOf"][Draft.Kind.values.index("approve_chairmanship")]
    assert set(chairmanship["properties"]) == {"state", "from", "to"}
    assert chairmanship["required"] == ["state"]


@pytest.mark.parametrize(
    ("kind", "effect", "field"),
    [
        ("assign_coordinator", {"area": "x", "state": "KZ", "role": "chair"}, "effect.role"),
        ("approve_chairmanship", {"state": 7}, "effect.state"),
        ("approve_chairmanship", {"state": "KZ", "to": "someday"}, "effect.to"),
        ("rename_body", {"body": "soc"}, "effect.name_en"),
        ("adopt_document", [], "effect"),
    ],
)
def test_a_parameter_of_the_wrong_type_is_named(db, kind, effect, field):
    with pytest.raises(InvalidInput) as refused:
        effects.validate(kind, effect, today=clock.today())

    assert refused.value.field == field


def test_a_parameter_another_kind_names_is_ignored(db):
    params = effects.validate(
        "approve_chairmanship", {"state": "kz", "person": "Nobody"}, today=clock.today()
    )

    assert params == {"state": "KZ", "from": None, "to": None}


# ---- the move of the records made to the generic reference (migrations 0006-0008) -------------

BEFORE = ("decisions", "0005_unique_identical_writes")


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.migrate([target])
    return MigrationExecutor(connection).loader.project_state([target]).apps


@pytest.mark.django_db(transaction=True)
def test_the_records_decisions_made_move_to_the_generic_reference():
    # given: decisions as the columns of each kind of record held them
    old = _migrate(BEFORE)
    state = old.get_model("registry", "State").objects.create(code="ZQ", name_en="Q", name="Q")
    status = old.get_model("registry", "MembershipStatus").objects.create(
        state=state, status="member", basis="admission", valid_from=dt.date(2026, 1, 1)
    )
    term = old.get_model("registry", "Chairmanship").objects.create(
        state=state, valid_from=dt.date(2026, 1, 1)
    )
    decisions_then = old.get_model("decisions", "Decision")
    admitted = decisions_then.objects.create(
        title="Admission", adopted_on=dt.date(2026, 1, 1), status_record=status
    )
    chaired = decisions_then.objects.create(
        title="Chairmanship", adopted_on=dt.date(2026, 1, 2), chairmanship_record=term
    )
    statement = decisions_then.objects.create(title="Statement", adopted_on=dt.date(2026, 1, 3))

    # when
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    # then
    made = Decision.objects.filter(pk__in=[admitted.pk, chaired.pk, statement.pk])
    moved = {d.pk: (d.effect_record_type, d.effect_record_id) for d in made}
    assert moved == {
        admitted.pk: ("registry.membershipstatus", status.pk),
        chaired.pk: ("registry.chairmanship", term.pk),
        statement.pk: ("", None),
    }
    assert Decision.objects.get(pk=admitted.pk).effect_record.pk == status.pk

    # and back again
    old = _migrate(BEFORE)
    back = old.get_model("decisions", "Decision").objects.get(pk=chaired.pk)
    assert (back.chairmanship_record_id, back.status_record_id) == (term.pk, None)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
