"""Factories for registry records that the reference data does not have."""

import datetime as dt
import string

import factory

from cica.registry.models import (
    Body,
    BodyFrequency,
    BodyName,
    Chairmanship,
    Conflict,
    MembershipStatus,
    Organization,
    Source,
    State,
)


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


class BodyFactory(factory.django.DjangoModelFactory):
    """A body with one name and one stated frequency, each cited."""

    class Meta:
        model = Body
        django_get_or_create = ("key",)
        skip_postgeneration_save = True

    key = factory.Sequence(lambda n: f"test_body_{n}")
    kind = Body.Kind.WORKING
    position = factory.Sequence(lambda n: 1000 + n)

    @factory.post_generation
    def named(self, create, value, **kwargs):
        if create:
            name = BodyName.objects.create(body=self, name_en=f"Test body {self.key}")
            name.sources.set([SourceFactory()])
            frequency = BodyFrequency.objects.create(body=self, text="at least once a year")
            frequency.sources.set([SourceFactory()])


class ChairmanshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Chairmanship
        skip_postgeneration_save = True

    state = factory.SubFactory(StateFactory, status=None)
    valid_from = dt.date(2030, 1, 1)
    notes = factory.LazyFunction(lambda: [{"kind": "how", "text": "test", "sources": []}])

    @factory.post_generation
    def sources(self, create, value, **kwargs):
        if create:
            self.sources.set([SourceFactory()])


class ConflictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Conflict

    topic = factory.Sequence(lambda n: f"test conflict {n}")
    values = factory.LazyFunction(lambda: [{"value": 1, "sources": []}])


# The meeting form as a browser posts it: a Senior Officials Committee planned in Baku.
MEETING_FORM = {
    "body": "soc",
    "title_en": "Senior Officials Committee",
    "title_ru": "КСДЛ",
    "kind": "regular",
    "start_date": "2027-03-10",
    "end_date": "2027-03-11",
    "city": "Baku",
    "country": "AZ",
    "format": "in_person",
    "chair": "AZ",
    "status": "planned",
    "theme": "",
}
