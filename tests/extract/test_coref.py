"""Coreference on hand-parsed sentences (no model): pronouns, descriptions, class nouns."""

from tests.extract.helpers import read_facts


def test_definite_class_noun_is_the_one_craft_of_the_previous_sentence(make_doc) -> None:
    text = "Vostok 9 lifted off . The spacecraft docked with Mir"
    pos = ["PROPN", "NUM", "VERB", "ADP", "PUNCT", "DET", "NOUN", "VERB", "ADP", "PROPN"]
    tags = ["NNP", "CD", "VBD", "RP", ".", "DT", "NN", "VBD", "IN", "NNP"]
    doc = make_doc(text, ents=[(0, 2, "Spacecraft"), (9, 10, "SpaceStation")], pos=pos, tags=tags,
                   heads=[2, 0, 2, 2, 2, 6, 7, 7, 7, 8], deps=["nsubj", "nummod", "ROOT", "prt", "punct", "det",
                                                              "nsubj", "ROOT", "prep", "pobj"])
    assert ("Vostok 9", "dockedWith", "Mir", True) in read_facts(doc)


def test_pronoun_takes_the_subject_of_the_previous_sentence(make_doc) -> None:
    text = "Ann Marsh spoke . She was born in Lakeville"
    pos = ["PROPN", "PROPN", "VERB", "PUNCT", "PRON", "AUX", "VERB", "ADP", "PROPN"]
    doc = make_doc(text, ents=[(0, 2, "PERSON"), (8, 9, "GPE")], pos=pos,
                   heads=[1, 2, 2, 2, 6, 6, 6, 6, 7], deps=["compound", "nsubj", "ROOT", "punct", "nsubjpass", "auxpass",
                                                           "ROOT", "prep", "pobj"])
    assert ("Ann Marsh", "birthPlace", "Lakeville", True) in read_facts(doc)
