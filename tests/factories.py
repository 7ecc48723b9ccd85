"""Factories for registry records that the reference data does not have."""

import datetime as dt
import string

import factory

from cica.registry.models import MembershipStatus, Organization, Source, State


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source
        django_get_or_create = ("key",)

    key = factory.Sequence(lambda n: f"test-source-{n}")
    title = factory.Sequence(lambda n: f"Test source {n}")


# ISO 3166-1 leaves these codes to users, so they never collide with a real state.
USER_ASSIGNED_CODES = [f"X{letter}" for letter in string.ascii_uppercase] + [
    f"Q{letter}" for letter in "MNOPQRSTUVWXYZ"
]


class StateFactory(factory.django.DjangoModelFactory):
    """A state with one status from 2000-01-01 (pass `status=None` for none)."""

    class Meta:
        model = State
        django_get_or_create = ("code",)
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: USER_ASSIGNED_CODES[n % len(USER_ASSIGNED_CODES)])
    name_en = factory.Sequence(lambda n: f"Test state {n}")
    name_ru = factory.Sequence(lambda n: f"Тестовое государство {n}")

    @factory.post_generation
    def status(self, create, value, **kwargs):
        if create and value:
            StatusFactory(state=self, status=value, **kwargs)


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        django_get_or_create = ("code",)
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"TEST-ORG-{n}")
    name_en = factory.Sequence(lambda n: f"Test organization {n}")

    @factory.post_generation
    def status(self, create, value, **kwargs):
        if create and value:
            StatusFactory(organization=self, status=value, **kwargs)


class StatusFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MembershipStatus
        skip_postgeneration_save = True

    status = MembershipStatus.Status.MEMBER
    basis = MembershipStatus.Basis.ADMISSION
    valid_from = dt.date(2000, 1, 1)

    @factory.post_generation
    def sources(self, create, value, **kwargs):
        if create:
            self.sources.set(value if value is not None else [SourceFactory()])
