"""The namespaces of the vocabularies the pages read, and IRIs' local names."""

from __future__ import annotations

import re

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
SH = "http://www.w3.org/ns/shacl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = RDF + "type"
PLAIN_STRINGS = {XSD + "string", RDF + "langString"}


def local_name(iri: str) -> str:
    """http://www.w3.org/ns/shacl#Violation -> "Violation"."""
    return re.split(r"[#/]", iri)[-1]


def spelt(iri: str) -> str:
    """kg:MandateListing -> "mandate listing"."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", local_name(iri)).lower()
