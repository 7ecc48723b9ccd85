"""A write refused by a uniqueness constraint is a Conflict naming the field, not a 500."""

import pytest
from django.db import IntegrityError, transaction

from cica.cbm.errors import PlanAlreadyRecorded
from cica.cbm.models import ImplementationPlan
from cica.core.errors import unique


def test_a_duplicate_the_constraint_refuses_is_a_conflict_naming_the_field(db):
    # given: the row an identical write made meanwhile
    ImplementationPlan.objects.create(year=2030)

    # when
    with transaction.atomic():
        with (
            pytest.raises(PlanAlreadyRecorded) as refused,
            unique(PlanAlreadyRecorded(field="year")),
        ):
            ImplementationPlan.objects.create(year=2030)
        # then the enclosing transaction goes on (PostgreSQL aborts it without the savepoint)
        assert ImplementationPlan.objects.filter(year=2030).count() == 1

    assert (refused.value.status, refused.value.code, refused.value.field) == (
        409,
        "plan_already_recorded",
        "year",
    )
    assert isinstance(refused.value.__cause__, IntegrityError)
