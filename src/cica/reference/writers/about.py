"""What the About page states: the cited facts of supplement.yaml, in English and Russian."""

from cica.reference.writers.base import BaseWriter
from cica.registry.models import CitedFact


class AboutWriter(BaseWriter):
    def _about(self) -> None:
        """One CitedFact per fact (topic "about-<key>"); its quotes, with their sources, and the
        basis of its Russian text are kept in its notes."""
        supplement = self.data.supplement
        for position, fact in enumerate(supplement.about if supplement else []):
            self._add(
                CitedFact,
                fact.sources,
                topic=f"about-{fact.key}",
                date=fact.date,
                text_en=fact.en,
                text_ru=fact.ru,
                position=position,
                notes=[{"kind": "ru_basis", "text": fact.ru_basis, "sources": []}]
                + [
                    {"kind": "quote", "text": q.en, "text_ru": q.ru, "sources": [q.source]}
                    for q in fact.quotes
                ],
            )
