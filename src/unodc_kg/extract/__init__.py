"""Pure parsing: source text -> records. No rdflib here; IRIs are minted later by iris.py."""
