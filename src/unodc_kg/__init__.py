"""unodc-kg: the legislative mandates behind UNODC's programme, as a knowledge graph."""

__version__ = "0.1.0"
