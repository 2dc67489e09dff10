"""ZCTextIndex pipeline element running text.terms(), registered for GenericSetup.

The catalog index `guichet_text` uses a lexicon made of this single element, so
documents and queries go through exactly the same French analysis.
"""

from guichet_kb.search.text import terms
from Products.ZCTextIndex.PipelineFactory import element_factory


ELEMENT = "Guichet French analyser"


class FrenchAnalyser:
    # Stateless: every instance is the same element. GenericSetup's lexicon import
    # compares the pipeline it builds with the stored one and empties the lexicon
    # when they differ; without this, each run of the catalog step (an upgrade's)
    # left the text indexes with a fresh, empty lexicon: no search found anything.
    def __eq__(self, other):
        return isinstance(other, FrenchAnalyser)

    def __hash__(self):
        return hash(FrenchAnalyser)

    def process(self, texts):
        result = []
        for text in texts:
            result += terms(text)
        return result

    def processGlob(self, texts):
        return self.process(texts)


if ELEMENT not in element_factory.getFactoryNames("Word Splitter"):
    element_factory.registerFactory("Word Splitter", ELEMENT, FrenchAnalyser)
