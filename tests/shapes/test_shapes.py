"""The SHACL shapes (shapes/*.ttl), tested on small cases and on the real build.

Every node shape has two cases in tests/shapes/cases/: <Shape>-valid.ttl, which gives no result at
all (only the notes listed in VALID_NOTES), and <Shape>-invalid.ttl, which gives exactly the results
listed in EXPECTED, among them at least one of that shape with its declared severity. A case is
validated with the ontology and vocabularies (ontology/), the organs (data/reference/organs.ttl,
whose symbol patterns the shapes use) and cases/base.ttl (a small valid graph built like the real
one); a case only adds triples to them.

Results are compared as (focus node, source shape, severity), with the focus relative to {base}id/
and the shape relative to {base}shapes/; a property shape's results name the property shape.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import SH

from unodc_kg import pipeline
from unodc_kg.config import Settings
from unodc_kg.iris import Iris
from unodc_kg.validate import Finding, Report, interpret, load_shapes, run_shacl

CASES = Path(__file__).parent / "cases"

Result = tuple[str, str, str]  # (focus, source shape, severity)

# Valid cases that give notes (sh:Info) from another shape: every source correction is listed.
VALID_NOTES: dict[str, list[Result]] = {
    "ProvenanceShape": [
        ("correction/a-79-6-sect16/539", "SourceCorrectionNoteShape", "Info"),
    ],
    "SourceCorrectionShape": [
        ("correction/a-79-6-sect16/628", "SourceCorrectionNoteShape", "Info"),
    ],
}

# What each invalid case gives: every result, from any shape, with its multiplicity (a property
# shape with sh:equals gives one result per value found on one side only).
EXPECTED: dict[str, list[Result]] = {
    "CitationShape": [
        ("citation/a-79-6-sect16/16.9/1", "CitationShape-citedInstrument", "Violation"),
        ("citation/a-79-6-sect16/16.9/1", "CitationShape-citingText", "Violation"),
        ("citation/a-79-6-sect16/16.9/1", "CitationShape-derivedFromText", "Violation"),
        ("citation/a-79-6-sect16/16.9/1", "CitationShape-derivedFromText", "Violation"),
        ("citation/a-79-6-sect16/16.9/1", "CitationShape-quotation", "Violation"),
        ("citation/a-79-6-sect16/16.9/2", "CitationShape-citedInstrument", "Violation"),
        ("citation/a-79-6-sect16/16.9/2", "CitationShape-citingText", "Violation"),
        ("citation/a-79-6-sect16/16.9/2", "CitationShape-derivedFromText", "Violation"),
        ("citation/a-79-6-sect16/16.9/2", "CitationShape-quotation", "Violation"),
    ],
    "ComponentShape": [
        ("scope/2025/sp9-2", "ComponentShape-partOf", "Violation"),
    ],
    "ConceptShape": [
        ("deliverable-category/b/reports", "ConceptShape-broader", "Violation"),
        ("deliverable-category/b/reports", "ConceptShape-inScheme", "Violation"),
        ("deliverable-category/b/reports", "ConceptShape-prefLabel", "Violation"),
        ("deliverable-category/b/reports", "ConceptShape-prefLabelZh", "Violation"),
        ("deliverable-category/b/reports", "ConceptShape-unitCode", "Violation"),
        ("status/estimated", "ConceptShape-inScheme", "Violation"),
    ],
    "ConventionShape": [
        ("instrument/treaty/uncac", "ConventionShape-adoptedBy", "Violation"),
        ("instrument/treaty/uncac", "ConventionShape-notation", "Violation"),
        ("instrument/treaty/uncac", "ConventionShape-symbol", "Violation"),
        ("instrument/treaty/uncac", "ConventionShape-titleEn", "Violation"),
        ("instrument/treaty/uncac", "ConventionShape-year", "Violation"),
    ],
    "CrosswalkLinkShape": [
        ("crosswalk-link/2008-2011/1.1/2025/sp1", "CrosswalkLinkShape", "Violation"),
        ("crosswalk-link/2008-2011/1.1/2025/sp1", "CrosswalkLinkShape-confidence", "Violation"),
        ("crosswalk-link/2008-2011/1.1/2025/sp1", "CrosswalkLinkShape-strategyLine", "Violation"),
        ("crosswalk-link/2008-2011/1.1/2025/sp1", "CrosswalkLinkShape-strategyQuotation", "Violation"),
        ("crosswalk-link/2008-2011/1.1/2025/sp1", "CrosswalkLinkShape-toScope", "Violation"),
        ("crosswalk-link/2008-2011/1.1/none", "CrosswalkLinkShape", "Violation"),
        ("crosswalk-link/2008-2011/1.1/none", "CrosswalkLinkShape-from", "Violation"),
        ("crosswalk-link/2008-2011/1.1/none", "CrosswalkLinkShape-justification", "Violation"),
    ],
    "DataSetShape": [
        ("dataset/2025/programme", "DataSetShape-observations", "Violation"),
        ("dataset/2025/programme", "DataSetShape-structure", "Violation"),
        ("dataset/2025/programme", "DataSetShape-table", "Violation"),
        ("dataset/2025/programme", "DataSetShape-tableScope", "Violation"),
        ("dataset/2025/programme", "DataSetShape-title", "Violation"),
    ],
    "DecisionShape": [
        ("instrument/ecosoc/dec-2011-259", "DecisionShape-adoptedBy", "Violation"),
        ("instrument/ecosoc/dec-2011-259", "DecisionShape-symbol", "Violation"),
        ("instrument/ecosoc/dec-2011-259", "DecisionShape-title", "Violation"),
        ("instrument/ecosoc/dec-2011-259", "LegalInstrumentShape-title", "Violation"),
    ],
    "DeclarationShape": [
        ("instrument/cnd/political-declaration-2009", "DeclarationShape-adoptedBy", "Violation"),
        ("instrument/cnd/political-declaration-2009", "DeclarationShape-notation", "Violation"),
        ("instrument/cnd/political-declaration-2009", "DeclarationShape-titleEn", "Violation"),
        ("instrument/cnd/political-declaration-2009", "DeclarationShape-year", "Violation"),
    ],
    "DeliverableLineShape": [
        ("deliverable/2025/sp1/10", "DeliverableLineShape", "Violation"),
        ("deliverable/2025/sp1/10", "DeliverableLineShape-categoryInScheme", "Violation"),
        ("deliverable/2025/sp1/10", "DeliverableLineShape-subcategoryOfCategory", "Violation"),
        ("deliverable/2025/sp1/10", "DeliverableLineShape-subcategoryOfCategory", "Violation"),
        ("subcategory-total/2025/sp1/publications", "DeliverableLineShape-derivedFromTable", "Violation"),
        ("subcategory-total/2025/sp1/publications", "DeliverableLineShape-derivedFromTable", "Violation"),
        (
            "subcategory-total/2025/sp1/publications",
            "DeliverableLineShape-subcategoryOfCategory",
            "Violation",
        ),
        (
            "subcategory-total/2025/sp1/publications",
            "DeliverableLineShape-subcategoryOfCategory",
            "Violation",
        ),
        ("subcategory-total/2025/sp1/publications", "DeliverableLineShape-tableRow", "Violation"),
        ("subcategory-total/2025/sp1/publications", "DeliverableLineShape-tableScope", "Violation"),
        ("subcategory-total/2025/sp1/publications", "DeliverableLineShape-tableScope", "Violation"),
        ("subcategory-total/2025/sp1/publications", "DeliverableLineShape-unitOfSubcategory", "Violation"),
        ("subcategory-total/2025/sp1/publications", "DeliverableLineShape-unitOfSubcategory", "Violation"),
    ],
    "DeliverableShape": [
        ("deliverable/2025/sp1/c-3", "DeliverableShape", "Violation"),
        ("deliverable/2025/sp1/c-4", "DeliverableShape-cites", "Violation"),
        ("deliverable/2025/sp1/c-4", "DeliverableShape-groupHeading", "Violation"),
        ("deliverable/2025/sp1/c-4", "DeliverableShape-narrativeOrdinal", "Violation"),
        ("deliverable/2025/sp1/c-4", "DeliverableShape-title", "Violation"),
    ],
    "DocumentShape": [
        ("document/e-cn-7-2007-14", "DocumentShape-edition", "Violation"),
        ("document/e-cn-7-2007-14", "DocumentShape-identifier", "Violation"),
        ("document/e-cn-7-2007-14", "DocumentShape-sha256", "Violation"),
        ("document/e-cn-7-2007-14", "DocumentShape-sourceFile", "Violation"),
        ("document/e-cn-7-2007-14", "DocumentShape-title", "Violation"),
        ("document/e-cn-7-2007-14", "DocumentShape-titleEn", "Violation"),
    ],
    "DuplicateListingShape": [
        ("mandate-listing/2025/programme/cnd/cnd-60-9-2", "DuplicateListingShape", "Warning"),
    ],
    "DuplicateResultTitleShape": [
        ("result/2025/sp1/3", "DuplicateResultTitleShape", "Warning"),
    ],
    "ExpectedResultShape": [
        ("expected-result/2025/sp1/b", "ExpectedResultShape-itemLabel", "Violation"),
        ("expected-result/2025/sp1/b", "ExpectedResultShape-scope", "Violation"),
        ("expected-result/2025/sp1/b", "ExpectedResultShape-text", "Violation"),
    ],
    "FigureShape": [
        ("figure/a-79-6-sect16/16.1", "FigureShape-caption", "Violation"),
        ("figure/a-79-6-sect16/16.1", "FigureShape-figureNumber", "Violation"),
        ("figure/a-79-6-sect16/16.1", "FigureShape-introducedBy", "Violation"),
    ],
    "FootnoteShape": [
        ("footnote/a-79-6-sect16/1", "FootnoteShape", "Violation"),
        ("footnote/a-79-6-sect16/1", "FootnoteShape-cites", "Violation"),
        ("footnote/a-79-6-sect16/1", "FootnoteShape-isPartOf", "Violation"),
        ("footnote/a-79-6-sect16/1", "FootnoteShape-markedIn", "Violation"),
        ("footnote/a-79-6-sect16/1", "FootnoteShape-marker", "Violation"),
        ("footnote/a-79-6-sect16/1", "FootnoteShape-text", "Violation"),
        ("footnote/a-79-6-sect16/s3", "FootnoteShape-inScope", "Violation"),
    ],
    "InstrumentSymbolShape": [
        ("instrument/ecosoc/dec-e-2011-259", "InstrumentSymbolShape", "Violation"),
        ("instrument/ga/2005-20", "InstrumentSymbolShape", "Violation"),
        ("instrument/ga/dec-73-555", "InstrumentSymbolShape", "Violation"),
        ("instrument/sc/2370", "InstrumentSymbolShape", "Violation"),
    ],
    "LegalInstrumentShape": [
        ("instrument/ga/75-194", "LegalInstrumentShape-adoptedBy", "Violation"),
        ("instrument/ga/75-194", "LegalInstrumentShape-derivedFrom", "Violation"),
        ("instrument/ga/75-194", "LegalInstrumentShape-identifier", "Violation"),
        ("instrument/ga/75-194", "LegalInstrumentShape-seeAlso", "Violation"),
        ("instrument/ga/75-194", "LegalInstrumentShape-symbol", "Violation"),
        ("instrument/ga/75-194", "LegalInstrumentShape-title", "Violation"),
        ("instrument/ga/75-194", "LegalInstrumentShape-year", "Violation"),
        ("instrument/ga/77-267", "LegalInstrumentShape", "Violation"),
    ],
    "LegislativeMandateListShape": [
        ("mandate-list/2025/sp1/ccpcj", "LegislativeMandateListShape", "Violation"),
        ("mandate-list/2025/sp1/ccpcj", "LegislativeMandateListShape-derivedFrom", "Violation"),
        ("mandate-list/2025/sp1/ccpcj", "LegislativeMandateListShape-heading", "Violation"),
        ("mandate-list/2025/sp1/ccpcj", "LegislativeMandateListShape-listKind", "Violation"),
        ("mandate-list/2025/sp1/ccpcj", "LegislativeMandateListShape-listOrder", "Violation"),
        ("mandate-list/2025/sp1/ccpcj", "LegislativeMandateListShape-organOfInstruments", "Violation"),
        ("mandate-list/2025/sp1/treaties", "LegislativeMandateListShape", "Violation"),
        ("mandate-list/2025/sp1/treaties", "LegislativeMandateListShape-listings", "Violation"),
        ("mandate-list/2025/sp1/treaties", "LegislativeMandateListShape-organOfInstruments", "Violation"),
    ],
    "LessonLearnedShape": [
        ("lesson/2025/sp1/2", "LessonLearnedShape-result", "Violation"),
        ("lesson/2025/sp1/2", "LessonLearnedShape-scope", "Violation"),
        ("lesson/2025/sp1/2", "LessonLearnedShape-text", "Violation"),
    ],
    "ListedTitleVariantShape": [
        ("instrument/ga/78-228", "ListedTitleVariantShape", "Info"),
    ],
    "ManagementInitiativeItemShape": [
        ("management-initiative/2008-2011/1/2", "ManagementInitiativeItemShape-derivedFrom", "Violation"),
        ("management-initiative/2008-2011/1/2", "ManagementInitiativeItemShape-inInitiative", "Violation"),
        ("management-initiative/2008-2011/1/2", "ManagementInitiativeItemShape-position", "Violation"),
        ("management-initiative/2008-2011/1/2", "ManagementInitiativeItemShape-text", "Violation"),
    ],
    "ManagementInitiativeShape": [
        ("management-initiative/2008-2011/2", "ManagementInitiativeShape-items", "Violation"),
        ("management-initiative/2008-2011/2", "ManagementInitiativeShape-partOfStrategy", "Violation"),
        ("management-initiative/2008-2011/2", "ManagementInitiativeShape-position", "Violation"),
        ("management-initiative/2008-2011/2", "ManagementInitiativeShape-title", "Violation"),
    ],
    "MandateCoverageShape": [
        ("scope/2025/sp7", "MandateCoverageShape-lists", "Warning"),
        ("scope/2025/sp9", "MandateCoverageShape-lists", "Warning"),
        ("scope/2025/sp9-2", "MandateCoverageShape-lists", "Warning"),
    ],
    "MandateListingShape": [
        ("instrument/cnd/political-declaration-2009", "DeclarationShape-adoptedBy", "Violation"),
        (
            "mandate-listing/2025/sp1/ga/cnd-political-declaration-2009",
            "MandateListingShape-column",
            "Violation",
        ),
        (
            "mandate-listing/2025/sp1/ga/cnd-political-declaration-2009",
            "MandateListingShape-derivedFromList",
            "Violation",
        ),
        (
            "mandate-listing/2025/sp1/ga/cnd-political-declaration-2009",
            "MandateListingShape-derivedFromList",
            "Violation",
        ),
        (
            "mandate-listing/2025/sp1/ga/cnd-political-declaration-2009",
            "MandateListingShape-entryPosition",
            "Violation",
        ),
        (
            "mandate-listing/2025/sp1/ga/cnd-political-declaration-2009",
            "MandateListingShape-hasFootnote",
            "Violation",
        ),
        (
            "mandate-listing/2025/sp1/ga/cnd-political-declaration-2009",
            "MandateListingShape-instrumentOrgan",
            "Violation",
        ),
        (
            "mandate-listing/2025/sp1/ga/cnd-political-declaration-2009",
            "MandateListingShape-listedSymbol",
            "Violation",
        ),
        (
            "mandate-listing/2025/sp1/ga/cnd-political-declaration-2009",
            "MandateListingShape-listedTitle",
            "Violation",
        ),
        (
            "mandate-listing/2025/sp1/ga/cnd-political-declaration-2009",
            "MandateListingShape-sharesEntryWith",
            "Violation",
        ),
    ],
    "NarrativeDeliverableShape": [
        ("deliverable/2025/sp1/c-2", "DeliverableLineShape-unitOfSubcategory", "Violation"),
        ("deliverable/2025/sp1/c-2", "NarrativeDeliverableShape-figures", "Violation"),
        ("deliverable/2025/sp1/c-2", "NarrativeDeliverableShape-text", "Violation"),
        ("deliverable/2025/sp1/c-2", "NarrativeDeliverableShape-unit", "Violation"),
        ("deliverable/2025/sp1/c-3", "NarrativeDeliverableShape-itemNumber", "Violation"),
        ("deliverable/2025/sp1/c-3", "QuantifiedDeliverableShape-figures", "Violation"),
        ("deliverable/2025/sp1/c-3", "QuantifiedDeliverableShape-narrativeOrdinal", "Violation"),
        ("deliverable/2025/sp1/c-3", "QuantifiedDeliverableShape-text", "Violation"),
        ("deliverable/2025/sp1/c-3", "QuantifiedDeliverableShape-unit", "Violation"),
    ],
    "ObjectiveShape": [
        ("objective/2025/sp1", "ObjectiveShape-scope", "Violation"),
        ("objective/2025/sp1", "ObjectiveShape-text", "Violation"),
    ],
    "ObservationShape": [
        ("observation/2025/sp1/10/2023-actual", "ObservationShape-quantity", "Violation"),
        ("observation/2025/sp1/10/2023-actual", "ObservationShape-quantity", "Violation"),
        ("observation/2025/sp1/10/2023-planned", "ObservationShape", "Violation"),
        ("observation/2025/sp1/10/2024-planned", "ObservationShape-dataSet", "Violation"),
        ("observation/2025/sp1/10/2024-planned", "ObservationShape-dataSetTable", "Violation"),
        ("observation/2025/sp1/10/2024-planned", "ObservationShape-status", "Violation"),
        ("observation/2025/sp1/10/2025-planned", "ObservationShape-dataSetTable", "Violation"),
        ("observation/2025/sp1/10/2025-planned", "ObservationShape-dataSetTable", "Violation"),
        ("observation/2025/sp1/10/2025-planned", "ObservationShape-quantity", "Violation"),
        ("observation/2025/sp1/10/2025-planned", "ObservationShape-status", "Violation"),
        ("observation/2025/sp1/10/2025-planned", "ObservationShape-table", "Violation"),
        ("observation/2025/sp1/10/2025-planned", "ObservationShape-table", "Violation"),
        ("observation/2025/sp1/10/2025-planned", "ObservationShape-year", "Violation"),
        ("observation/2025/sp1/16.4/2025-planned", "ObservationShape-lineItem", "Violation"),
        ("observation/2025/sp1/16.4/2025-planned", "ObservationShape-table", "Violation"),
    ],
    "OrganShape": [
        ("organ/hrc", "OrganShape-altLabel", "Violation"),
        ("organ/hrc", "OrganShape-decisionSymbolPattern", "Violation"),
        ("organ/hrc", "OrganShape-notation", "Violation"),
        ("organ/hrc", "OrganShape-prefLabel", "Violation"),
        ("organ/hrc", "OrganShape-prefLabelZh", "Violation"),
        ("organ/hrc", "OrganShape-resolutionSymbolPattern", "Violation"),
        ("organ/hrc", "OrganShape-source", "Violation"),
    ],
    "ParagraphItemShape": [
        ("paragraph/a-79-6-sect16/16.15.a", "ParagraphItemShape-itemLabel", "Violation"),
        ("paragraph/a-79-6-sect16/16.15.a", "ParagraphItemShape-partOfParagraph", "Violation"),
        ("paragraph/a-79-6-sect16/16.15.b", "ParagraphItemShape-itemLabel", "Violation"),
        ("paragraph/a-79-6-sect16/16.15.b", "ParagraphItemShape-partOfParagraph", "Violation"),
    ],
    "ParagraphShape": [
        ("paragraph/a-79-6-sect16/16.10", "ParagraphShape-cites", "Violation"),
        ("paragraph/a-79-6-sect16/16.10", "ParagraphShape-inScope", "Violation"),
        ("paragraph/a-79-6-sect16/16.10", "ParagraphShape-isPartOf", "Violation"),
        ("paragraph/a-79-6-sect16/16.10", "ParagraphShape-namesSDG", "Violation"),
        ("paragraph/a-79-6-sect16/16.10", "ParagraphShape-paragraphNumber", "Violation"),
        ("paragraph/a-79-6-sect16/16.10", "ParagraphShape-text", "Violation"),
    ],
    "PerformanceMeasureEntryShape": [
        ("measure-entry/2025/sp1/highlight/2022-actual-1", "PerformanceMeasureEntryShape", "Violation"),
        ("measure-entry/2025/sp1/highlight/2022-actual-2", "PerformanceMeasureEntryShape", "Violation"),
        (
            "measure-entry/2025/sp1/highlight/2023-estimated-2",
            "PerformanceMeasureEntryShape-cites",
            "Violation",
        ),
        (
            "measure-entry/2025/sp1/highlight/2023-estimated-2",
            "PerformanceMeasureEntryShape-row",
            "Violation",
        ),
        (
            "measure-entry/2025/sp1/highlight/2023-estimated-2",
            "PerformanceMeasureEntryShape-status",
            "Violation",
        ),
        (
            "measure-entry/2025/sp1/highlight/2023-estimated-2",
            "PerformanceMeasureEntryShape-text",
            "Violation",
        ),
        (
            "measure-entry/2025/sp1/highlight/2023-estimated-2",
            "PerformanceMeasureEntryShape-year",
            "Violation",
        ),
    ],
    "PerformanceMeasureShape": [
        ("measure/2025/sp1/2", "PerformanceMeasureShape-description", "Violation"),
        ("measure/2025/sp1/2", "PerformanceMeasureShape-measured", "Violation"),
        ("measure/2025/sp1/2", "PerformanceMeasureShape-presentedIn", "Violation"),
        ("measure/2025/sp1/3", "PerformanceMeasureShape-measured", "Violation"),
    ],
    "PlannedResultShape": [
        ("result/2025/sp1/2", "PlannedResultShape-hasLessonLearned", "Violation"),
        ("result/2025/sp1/2", "PlannedResultShape-hasPerformanceMeasure", "Violation"),
        ("result/2025/sp1/2", "PlannedResultShape-resultNumber", "Violation"),
        ("result/2025/sp1/2", "PlannedResultShape-title", "Violation"),
    ],
    "ProgrammePerformanceHighlightShape": [
        ("highlight/2025/sp1", "ProgrammePerformanceHighlightShape-hasPerformanceMeasure", "Violation"),
        ("highlight/2025/sp1", "ProgrammePerformanceHighlightShape-performanceYear", "Violation"),
        ("highlight/2025/sp1", "ProgrammePerformanceHighlightShape-scope", "Violation"),
        ("highlight/2025/sp1", "ProgrammePerformanceHighlightShape-title", "Violation"),
        ("measure/2025/sp1/3", "PerformanceMeasureShape-measured", "Violation"),
    ],
    "ProgrammeShape": [
        ("scope/2024/programme", "ProgrammeShape-partOf", "Violation"),
        ("scope/2024/programme", "ProgrammeShape-prefLabelEn", "Violation"),
    ],
    "ProtocolShape": [
        ("instrument/treaty/untoc-smuggling-of-migrants-protocol", "ProtocolShape-adoptedBy", "Violation"),
        ("instrument/treaty/untoc-smuggling-of-migrants-protocol", "ProtocolShape-notation", "Violation"),
        ("instrument/treaty/untoc-smuggling-of-migrants-protocol", "ProtocolShape-symbol", "Violation"),
        ("instrument/treaty/untoc-smuggling-of-migrants-protocol", "ProtocolShape-titleEn", "Violation"),
        ("instrument/treaty/untoc-smuggling-of-migrants-protocol", "ProtocolShape-year", "Violation"),
    ],
    "ProvenanceShape": [
        ("mandate-listing/2025/sp1/ga/ga-78-228", "ProvenanceShape-correctedBy", "Violation"),
        ("mandate-listing/2025/sp1/ga/ga-78-228", "ProvenanceShape-sourceLine", "Violation"),
        ("objective/2025/sp1", "ProvenanceShape-sourceLine", "Violation"),
        ("objective/2025/sp1", "ProvenanceShape-wasDerivedFrom", "Violation"),
        ("paragraph/a-79-6-sect16/16.10", "ProvenanceShape-sourceLine", "Violation"),
        ("strategy-item/2025/sp1/a", "ProvenanceShape-sourceLine", "Violation"),
        ("strategy-item/2025/sp1/a", "ProvenanceShape-wasDerivedFrom", "Violation"),
    ],
    "QuantifiedDeliverableShape": [
        ("deliverable/2025/sp1/5", "DeliverableLineShape-unitOfSubcategory", "Violation"),
        ("deliverable/2025/sp1/5", "NarrativeDeliverableShape-figures", "Violation"),
        ("deliverable/2025/sp1/5", "NarrativeDeliverableShape-itemNumber", "Violation"),
        ("deliverable/2025/sp1/5", "QuantifiedDeliverableShape-figures", "Violation"),
        ("deliverable/2025/sp1/5", "QuantifiedDeliverableShape-narrativeOrdinal", "Violation"),
        ("deliverable/2025/sp1/5", "QuantifiedDeliverableShape-text", "Violation"),
        ("deliverable/2025/sp1/5", "QuantifiedDeliverableShape-unit", "Violation"),
    ],
    "ResolutionShape": [
        ("instrument/ga/75-194", "ResolutionShape-adoptedBy", "Violation"),
        ("instrument/ga/75-194", "ResolutionShape-symbol", "Violation"),
        ("instrument/ga/75-194", "ResolutionShape-title", "Violation"),
    ],
    "ResultAreaShape": [
        ("strategy/2008-2011/1.2.3", "ResultAreaShape-results", "Violation"),
        ("strategy/2008-2011/1.2.3", "ResultAreaShape-strategyNumber", "Violation"),
        ("strategy/2008-2011/2.1", "ResultAreaShape", "Violation"),
        ("strategy/2008-2011/2.1", "ResultAreaShape-results", "Violation"),
        ("strategy/2008-2011/2.1", "ResultAreaShape-title", "Violation"),
    ],
    "ScopeShape": [
        ("scope/2025/sp2", "ScopeShape-edition", "Violation"),
        ("scope/2025/sp2", "ScopeShape-hasLegislativeMandate", "Violation"),
        ("scope/2025/sp2", "ScopeShape-mandateShortcut", "Violation"),
        ("scope/2025/sp2", "ScopeShape-mandateShortcut", "Violation"),
        ("scope/2025/sp2", "ScopeShape-partOf", "Violation"),
        ("scope/2025/sp2", "ScopeShape-prefLabel", "Violation"),
        ("scope/2025/sp2", "ScopeShape-prefLabelZh", "Violation"),
        ("scope/2025/sp2", "ScopeShape-scopeNumber", "Violation"),
        ("scope/2025/sp2", "SubprogrammeShape-partOf", "Violation"),
        ("scope/2025/sp2", "SubprogrammeShape-partOf", "Violation"),
    ],
    "SourceCorrectionNoteShape": [
        ("correction/a-79-6-sect16/628", "SourceCorrectionNoteShape", "Info"),
        ("correction/a-79-6-sect16/636", "SourceCorrectionNoteShape", "Info"),
        ("correction/a-79-6-sect16/636", "SourceCorrectionShape-reason", "Violation"),
    ],
    "SourceCorrectionShape": [
        ("correction/a-79-6-sect16/636", "SourceCorrectionNoteShape", "Info"),
        ("correction/a-79-6-sect16/636", "SourceCorrectionShape-anomalyKind", "Violation"),
        ("correction/a-79-6-sect16/636", "SourceCorrectionShape-applied", "Warning"),
        ("correction/a-79-6-sect16/636", "SourceCorrectionShape-isPartOf", "Violation"),
        ("correction/a-79-6-sect16/636", "SourceCorrectionShape-originalText", "Violation"),
        ("correction/a-79-6-sect16/636", "SourceCorrectionShape-reason", "Violation"),
    ],
    "StatementShape": [
        ("instrument/cnd/joint-ministerial-statement-2014", "StatementShape-adoptedBy", "Violation"),
        ("instrument/cnd/joint-ministerial-statement-2014", "StatementShape-notation", "Violation"),
        ("instrument/cnd/joint-ministerial-statement-2014", "StatementShape-titleEn", "Violation"),
        ("instrument/cnd/joint-ministerial-statement-2014", "StatementShape-year", "Violation"),
    ],
    "StrategyAssumptionShape": [
        ("strategy-assumption/2008-2011/b", "StrategyAssumptionShape-derivedFrom", "Violation"),
        ("strategy-assumption/2008-2011/b", "StrategyAssumptionShape-itemLabel", "Violation"),
        ("strategy-assumption/2008-2011/b", "StrategyAssumptionShape-partOfStrategy", "Violation"),
        ("strategy-assumption/2008-2011/b", "StrategyAssumptionShape-text", "Violation"),
    ],
    "StrategyItemShape": [
        ("strategy-item/2025/sp1/b", "StrategyItemShape-itemLabel", "Violation"),
        ("strategy-item/2025/sp1/b", "StrategyItemShape-scope", "Violation"),
        ("strategy-item/2025/sp1/b", "StrategyItemShape-text", "Violation"),
    ],
    "StrategyNeedShape": [
        ("strategy-need/2008-2011/6", "StrategyNeedShape-derivedFrom", "Violation"),
        ("strategy-need/2008-2011/6", "StrategyNeedShape-partOfStrategy", "Violation"),
        ("strategy-need/2008-2011/6", "StrategyNeedShape-position", "Violation"),
        ("strategy-need/2008-2011/6", "StrategyNeedShape-text", "Violation"),
    ],
    "StrategyObjectiveShape": [
        ("strategy-objective/2008-2011/1/3", "StrategyObjectiveShape-derivedFrom", "Violation"),
        ("strategy-objective/2008-2011/1/3", "StrategyObjectiveShape-inTheme", "Violation"),
        ("strategy-objective/2008-2011/1/3", "StrategyObjectiveShape-position", "Violation"),
        ("strategy-objective/2008-2011/1/3", "StrategyObjectiveShape-text", "Violation"),
    ],
    "StrategyParagraphShape": [
        ("paragraph/e-cn7-2007-14/ch1.99", "StrategyParagraphShape-blockNumber", "Violation"),
        ("paragraph/e-cn7-2007-14/ch1.99", "StrategyParagraphShape-cites", "Violation"),
        ("paragraph/e-cn7-2007-14/ch1.99", "StrategyParagraphShape-isPartOf", "Violation"),
        ("paragraph/e-cn7-2007-14/ch1.99", "StrategyParagraphShape-itemLabel", "Violation"),
        ("paragraph/e-cn7-2007-14/ch1.99", "StrategyParagraphShape-partOfStrategyParagraph", "Violation"),
        ("paragraph/e-cn7-2007-14/ch1.99", "StrategyParagraphShape-readingOrder", "Violation"),
        ("paragraph/e-cn7-2007-14/ch1.99", "StrategyParagraphShape-text", "Violation"),
    ],
    "StrategyProvenanceShape": [
        ("paragraph/e-cn7-2007-14/ch3.3", "ProvenanceShape-correctedBy", "Violation"),
        ("paragraph/e-cn7-2007-14/ch3.3", "ProvenanceShape-sourceLine", "Violation"),
        ("strategy-need/2008-2011/4", "ProvenanceShape-sourceLine", "Violation"),
        ("strategy-need/2008-2011/4", "ProvenanceShape-wasDerivedFrom", "Violation"),
        ("strategy-need/2008-2011/4", "StrategyNeedShape-derivedFrom", "Violation"),
    ],
    "StrategyResultShape": [
        ("strategy/2008-2011/1.2.1", "StrategyResultShape", "Violation"),
        ("strategy/2008-2011/1.2.1", "StrategyResultShape-derivedFrom", "Violation"),
        ("strategy/2008-2011/1.2.1", "StrategyResultShape-title", "Violation"),
        ("strategy/2008-2011/1.9", "StrategyResultShape-inResultArea", "Violation"),
        ("strategy/2008-2011/1.9", "StrategyResultShape-strategyNumber", "Violation"),
        ("strategy/2008-2011/1.9", "StrategyResultShape-title", "Violation"),
    ],
    "StrategyShape": [
        ("strategy/2012-2015", "StrategyShape", "Violation"),
        ("strategy/2012-2015", "StrategyShape-lastYear", "Violation"),
        ("strategy/2012-2015", "StrategyShape-themes", "Violation"),
        ("strategy/2012-2015", "StrategyShape-title", "Violation"),
        ("strategy/2012-2015", "StrategyShape-titleEn", "Violation"),
    ],
    "StrategyThemeShape": [
        ("strategy/2008-2011/4", "StrategyThemeShape-areas", "Violation"),
        ("strategy/2008-2011/4", "StrategyThemeShape-objectives", "Violation"),
        ("strategy/2008-2011/4", "StrategyThemeShape-partOfStrategy", "Violation"),
        ("strategy/2008-2011/4", "StrategyThemeShape-strategyNumber", "Violation"),
        ("strategy/2008-2011/4", "StrategyThemeShape-text", "Violation"),
        ("strategy/2008-2011/4", "StrategyThemeShape-title", "Violation"),
    ],
    "SubcategoryTotalShape": [
        ("subcategory-total/2025/sp1/publications", "DeliverableLineShape-unitOfSubcategory", "Violation"),
        ("subcategory-total/2025/sp1/publications", "SubcategoryTotalShape-figures", "Violation"),
        ("subcategory-total/2025/sp1/publications", "SubcategoryTotalShape-hasFootnote", "Violation"),
        ("subcategory-total/2025/sp1/publications", "SubcategoryTotalShape-printedLabel", "Violation"),
        ("subcategory-total/2025/sp1/publications", "SubcategoryTotalShape-unit", "Violation"),
    ],
    "SubcategoryTotalSumShape": [
        (
            "subcategory-total/2025/sp1/conference-and-secretariat-services-for-meetings",
            "SubcategoryTotalSumShape",
            "Violation",
        ),
        (
            "subcategory-total/2025/sp1/substantive-services-for-meetings",
            "SubcategoryTotalSumShape",
            "Violation",
        ),
    ],
    "SubprogrammeShape": [
        ("scope/2025/sp7", "MandateCoverageShape-lists", "Warning"),
        ("scope/2025/sp7", "SubprogrammeShape-partOf", "Violation"),
        ("scope/2025/sp7", "SubprogrammeShape-prefLabelEn", "Violation"),
    ],
    "TableShape": [
        ("table/a-79-6-sect16/16.1", "TableShape-caption", "Violation"),
        ("table/a-79-6-sect16/16.1", "TableShape-inScope", "Violation"),
        ("table/a-79-6-sect16/16.1", "TableShape-introducedBy", "Violation"),
        ("table/a-79-6-sect16/16.1", "TableShape-isPartOf", "Violation"),
        ("table/a-79-6-sect16/16.1", "TableShape-printedNumber", "Violation"),
        ("table/a-79-6-sect16/16.1", "TableShape-tableNumber", "Violation"),
    ],
}

# The anomalies of the real source, by focus node (relative to {base}id/).
REAL_WARNINGS = {
    # Paragraph 16.9 prints no mandate list for subprogramme 7.
    ("scope/2025/sp7", "MandateCoverageShape-lists"),
    # The programme-wide CND list prints resolution 60/9 twice, with two titles (lines 167, 168).
    ("mandate-listing/2025/programme/cnd/cnd-60-9-2", "DuplicateListingShape"),
    # Results 2 and 3 of subprogramme 2 have the same title; result 3 is about sub-Saharan Africa.
    ("result/2025/sp2/3", "DuplicateResultTitleShape"),
}

# Cases on which pySHACL and pyshacl-turbo must give the same findings, messages included: the
# SPARQL-based checks, and Core constraints with paths, qualified shapes and sh:or.
CROSS_CHECKED = [
    "SubcategoryTotalSumShape-invalid",
    "InstrumentSymbolShape-invalid",
    "DuplicateListingShape-invalid",
    "DuplicateResultTitleShape-invalid",
    "SourceCorrectionNoteShape-invalid",
    "DeliverableLineShape-invalid",
    "MandateCoverageShape-invalid",
    "ObservationShape-invalid",
    "StrategyShape-invalid",
    "ResultAreaShape-invalid",
    "StrategyResultShape-invalid",
    "StrategyProvenanceShape-invalid",
]


# ---------------------------------------------------------------------------------------------
# Fixtures and helpers
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def project() -> Settings:
    return Settings()


@pytest.fixture(scope="module")
def iris(project: Settings) -> Iris:
    return Iris(project.base)


@pytest.fixture(scope="module")
def shapes(project: Settings, iris: Iris) -> Graph:
    return load_shapes(project, iris)


@pytest.fixture(scope="module")
def context(project: Settings, iris: Iris) -> Graph:
    """The ontology, the vocabularies, the organs and the base case: what every case adds to."""
    g = Graph()
    files = [
        *sorted(project.ontology_dir.rglob("*.ttl")),
        project.reference_dir / "organs.ttl",
        CASES / "base.ttl",
    ]
    for path in files:
        g.parse(data=iris.rebase(path.read_text(encoding="utf-8")), format="turtle", publicID=str(path))
    return g


def node_shapes(shapes: Graph, iris: Iris) -> list[str]:
    prefix = str(iris.shape)
    named = (s for s in shapes.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef))
    return sorted(str(s)[len(prefix) :] for s in named)


def validate_case(name: str | None, context: Graph, shapes: Graph, iris: Iris, engine: str = "pyshacl-turbo") -> Report:
    data = Graph()
    data += context
    if name is not None:
        path = CASES / f"{name}.ttl"
        data.parse(data=iris.rebase(path.read_text(encoding="utf-8")), format="turtle", publicID=str(path))
    return interpret(run_shacl(data, shapes, engine), data, iris)


def short(iri: str | None, prefix: str) -> str:
    if iri is None:
        return "(blank node)"
    return iri[len(prefix) :] if iri.startswith(prefix) else iri


def results(findings: Iterable[Finding], iris: Iris) -> list[Result]:
    ids, shape_ns = f"{iris.base}id/", str(iris.shape)
    return sorted((short(f.focus, ids), short(f.shape, shape_ns), f.severity) for f in findings)


def family(shapes: Graph, iris: Iris, name: str) -> dict[str, str]:
    """The node shape and its property shapes, each with its declared severity."""
    node = iris.shape[name]
    members = [node, *shapes.objects(node, SH.property)]
    return {
        short(str(m), str(iris.shape)): str(shapes.value(m, SH.severity)).rsplit("#", 1)[-1]
        for m in members
        if isinstance(m, URIRef)
    }


# ---------------------------------------------------------------------------------------------
# The shapes themselves
# ---------------------------------------------------------------------------------------------


def test_every_node_shape_has_a_valid_and_an_invalid_case(shapes: Graph, iris: Iris) -> None:
    names = node_shapes(shapes, iris)
    assert names == sorted(EXPECTED), "EXPECTED must list the invalid case of every node shape"
    cases = {p.stem for p in CASES.glob("*.ttl")} - {"base"}
    assert cases == {f"{n}-{kind}" for n in names for kind in ("valid", "invalid")}


def test_every_shape_has_a_label_a_target_a_severity_and_a_message(shapes: Graph, iris: Iris) -> None:
    targets = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
    named = {s for t in (SH.NodeShape, SH.PropertyShape) for s in shapes.subjects(RDF.type, t) if isinstance(s, URIRef)}
    assert len(named) > 100
    for s in named:
        assert shapes.value(s, SH.severity) in (SH.Violation, SH.Warning, SH.Info), s
        assert shapes.value(s, SH.message) is not None, s
        assert str(s).startswith(str(iris.shape)), s
    for node in shapes.subjects(RDF.type, SH.NodeShape):
        assert shapes.value(node, RDFS.label) is not None, node
        assert shapes.value(node, RDFS.comment) is not None, node
        assert any(shapes.value(node, t) is not None for t in targets), node
    for prop in shapes.subjects(RDF.type, SH.PropertyShape):
        assert (None, SH.property, prop) in shapes, f"{prop} is used by no node shape"


def test_the_base_case_gives_no_result(context: Graph, shapes: Graph, iris: Iris) -> None:
    report = validate_case(None, context, shapes, iris)
    assert results(report.findings, iris) == []


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_valid_case(name: str, context: Graph, shapes: Graph, iris: Iris) -> None:
    report = validate_case(f"{name}-valid", context, shapes, iris)
    found = results(report.findings, iris)
    assert found == sorted(VALID_NOTES.get(name, []))
    assert not [r for r in found if r[1] in family(shapes, iris, name)]
    assert report.conforms


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_invalid_case(name: str, context: Graph, shapes: Graph, iris: Iris) -> None:
    report = validate_case(f"{name}-invalid", context, shapes, iris)
    found = results(report.findings, iris)
    assert found == sorted(EXPECTED[name])
    members = family(shapes, iris, name)
    own = [(shape, severity) for _, shape, severity in found if shape in members]
    assert own, f"{name}-invalid gives no result from {name}"
    for shape, severity in own:
        assert severity == members[shape]
    for f in report.findings:
        assert f.message and f.message != "(no message)"
        assert "{?" not in f.message and "{$" not in f.message, f.message


def test_subcategory_total_message_names_table_subcategory_year_status_and_both_numbers(
    context: Graph, shapes: Graph, iris: Iris
) -> None:
    report = validate_case("SubcategoryTotalSumShape-invalid", context, shapes, iris)
    messages = sorted(f.message for f in report.findings)
    assert messages == [
        'Table 16.4, subcategory "Conference and secretariat services for meetings": the total printed '
        "for 2025 planned is 5, but the deliverables of that subcategory in the table add up to 0.",
        'Table 16.4, subcategory "Substantive services for meetings": the total printed for 2023 actual '
        "is 82, but the deliverables of that subcategory in the table add up to 81.",
    ]


def test_instrument_symbol_message_names_the_organ_and_its_pattern(context: Graph, shapes: Graph, iris: Iris) -> None:
    report = validate_case("InstrumentSymbolShape-invalid", context, shapes, iris)
    by_focus = {short(f.focus, f"{iris.base}id/"): f.message for f in report.findings}
    assert by_focus["instrument/sc/2370"].startswith(
        'The resolution symbol "2370" does not match the resolution symbol pattern of the Security Council'
    )
    assert "General Assembly (none:" in by_focus["instrument/ga/dec-73-555"]


@pytest.mark.parametrize("name", ["SubcategoryTotalSumShape-invalid", "InstrumentSymbolShape-invalid"])
def test_the_shapes_follow_a_configured_base(name: str, project: Settings, context: Graph) -> None:
    """The shapes, their SPARQL prefixes and the data rewritten to another base give the same results."""
    other = Settings(root=project.root, base="https://example.org/kg/")
    other_iris = Iris(other.base)
    rebased = Graph().parse(data=other_iris.rebase(context.serialize(format="turtle")), format="turtle")
    report = validate_case(name, rebased, load_shapes(other, other_iris), other_iris)
    assert results(report.findings, other_iris) == sorted(EXPECTED[name.removesuffix("-invalid")])
    assert all(f.focus.startswith("https://example.org/kg/id/") for f in report.findings)


# ---------------------------------------------------------------------------------------------
# The real build
# ---------------------------------------------------------------------------------------------


def test_the_real_build_conforms_and_warns_of_exactly_the_known_anomalies(
    build: pipeline.BuildResult, settings: Settings
) -> None:
    iris = Iris(settings.base)
    data = build.union()
    report = interpret(run_shacl(data, load_shapes(settings, iris)), data, iris)
    violations = [f for f in report.findings if f.severity == "Violation"]
    assert report.conforms, report.text(settings.base)
    assert violations == []
    ids, shape_ns = f"{iris.base}id/", str(iris.shape)
    warnings = {(short(f.focus, ids), short(f.shape, shape_ns)) for f in report.findings if f.severity == "Warning"}
    assert warnings == REAL_WARNINGS
    assert report.count("Warning") == len(REAL_WARNINGS)
    # The notes: one per source correction, nothing else (no instrument is printed with different
    # titles in different lists).
    corrections = {str(c) for c in data.subjects(RDF.type, iris.kg.SourceCorrection)}
    infos = [f for f in report.findings if f.severity == "Info"]
    assert corrections
    assert sorted(f.focus for f in infos) == sorted(corrections)
    assert {short(f.shape, shape_ns) for f in infos} == {"SourceCorrectionNoteShape"}
    for f in infos:
        assert f.line is not None and f.message.startswith(f"Source line {f.line} was corrected"), f


# ---------------------------------------------------------------------------------------------
# The two engines
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", CROSS_CHECKED)
def test_pyshacl_and_pyshacl_turbo_give_the_same_findings(name: str, context: Graph, shapes: Graph, iris: Iris) -> None:
    turbo = validate_case(name, context, shapes, iris, "pyshacl-turbo")
    reference = validate_case(name, context, shapes, iris, "pyshacl")
    assert turbo.findings  # an invalid case: there is something to compare
    assert sorted(reference.findings, key=repr) == sorted(turbo.findings, key=repr)
