"""Linked data: what api.linked_data's routes answer with, one job a module.

negotiate   the variants (HTML, Turtle, JSON-LD, N-Triples, RDF/XML, JSON): choosing one by extension or
            Accept (unodc_kg.negotiation), and the Link, Content-Location and Vary headers
serialize   writing triples in an RDF variant
vocab       the namespaces we read, and IRIs' local names
triples     triples' subjects and objects; IRI lists for VALUES blocks
names       readable names of IRIs (labels, symbols, numbers) and their compact forms
describe    the description of a node: its statements, incoming links, and the names of its neighbours
provenance  where a node was read from: prov:wasDerivedFrom to the source, with the lines as printed
views       terms as the templates show them
state       what is computed once per store: the named graphs, the shapes
context     what a request brings (store, settings, IRIs, templates)
pages       the template contexts of the entity, ontology, shapes and graph pages
"""
