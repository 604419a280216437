"""The 35 legislative mandate lists of A/79/6 (Sect. 16), paragraph 16.9, as read off the source.

Read by eye from data/sources/A-79-6-Sect16.zh.txt, lines 82-479 (with the corrections of
data/corrections.toml applied to lines 232, 252, 336 and 415). Each list is printed in two
columns; a cell may hold several symbols that share one title ("73/164; 74/164"): that is one
entry and several instruments. Instrument keys follow contract.md; treaty and CND declaration keys
are those of data/reference/instruments.ttl.

Used by test_mandate_lists.py (the lists themselves) and test_mandates_answers.py (what a
deliverable's answer must contain).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# The helper fixtures of conftest.py: sparql(query, **bindings) -> rows of {variable: value};
# node(kind, key) -> the IRI {base}id/{kind}/{key}; key_of(iri, kind) -> the key of that IRI.
Sparql = Callable[..., list[dict[str, str]]]
Node = Callable[[str, str], Any]
KeyOf = Callable[[str, str], str]


def keys(organ: str, tails: str) -> tuple[str, ...]:
    """keys("ga", "s-20-2 73-164") -> ("ga/s-20-2", "ga/73-164")."""
    return tuple(f"{organ}/{t}" for t in tails.split())


@dataclass(frozen=True)
class MandateList:
    key: str  # mandate-list key: {scope}/{list-slug}
    heading: str  # the heading as printed
    line: int  # the line of the heading
    rows: str  # the lines that print its entries
    organ: str | None  # organ key; None for conventions and protocols
    entries: int  # entries counted by eye (one per title cell / per bare symbol / per treaty line)
    listings: int  # symbols printed (a symbol printed twice counts twice)
    instruments: tuple[str, ...]  # the distinct instruments, keys as in contract.md

    @property
    def scope(self) -> str:
        return self.key.rsplit("/", 1)[0]


# fmt: off
LISTS: tuple[MandateList, ...] = (
    # ------------------------------------------------------------ the whole programme
    MandateList(key="2025/programme/treaties", line=86, rows="88-96", organ=None,
                entries=8, listings=8,
                heading="公约和议定书", instruments=keys("treaty", (
                    "single-convention-1961 psychotropic-substances-1971 illicit-traffic-1988 untoc"
                    " untoc-trafficking-in-persons-protocol untoc-smuggling-of-migrants-protocol"
                    " untoc-firearms-protocol uncac"
                ))),
    # left column (lines 100-118) 19 entries, right column (100-123) 21,
    # and 78/223 on line 125, which lost its tab
    MandateList(key="2025/programme/ga", line=98, rows="100-125", organ="ga",
                entries=41, listings=49,
                heading="大会决议", instruments=keys("ga", (
                    "s-20-2 s-20-4 34-180 44-25 45-179 46-104 48-12 48-104 49-168 52-92 59-162 66-177"
                    " 66-180 68-186 67-186 69-237 70-1 70-182 70-177 72-194 71-256 72-197 73-164 74-164"
                    " 73-183 73-185 74-143 74-175 78-226 74-253 75-90 75-158 77-194 75-233 75-311 76-137"
                    " 76-140 78-181 76-141 76-146 78-188 76-147 76-181 76-188 76-270 77-20 77-219 78-1"
                    " 78-223"
                ))),
    # left column 13 entries, right column 12 (the last three are decisions)
    MandateList(key="2025/programme/ecosoc", line=127, rows="129-141", organ="ecosoc",
                entries=25, listings=28,
                heading="经济及社会理事会决议和决定", instruments=keys("ecosoc", (
                    "1946-9-i 1985-11 1987-34 1991-38 1993-40 1997-41 1999-30 2001-14 2005-14 2006-23"
                    " 2007-22 2007-21 2008-23 2009-25 2010-19 2010-20 2011-34 2011-36 2013-40 2012-19"
                    " 2013-39 2013-42 2019-23 2021-7 2022-14 dec-2011-259 dec-2021-316 dec-2022-317"
                ))),
    # bare symbols on lines 145, 147, 149
    MandateList(key="2025/programme/sc", line=143, rows="145-149", organ="sc",
                entries=3, listings=3,
                heading="安全理事会决议", instruments=keys("sc", (
                    "2370-2017 2482-2019 2462-2019"
                ))),
    MandateList(key="2025/programme/ccpcj", line=151, rows="153-155", organ="ccpcj",
                entries=4, listings=4,
                heading="预防犯罪和刑事司法委员会决议", instruments=keys("ccpcj", (
                    "21-3 24-2 27-5 30-3"
                ))),
    # 60/9 is printed twice (lines 167, 168) with two titles: 40 listings of 39 instruments;
    # 63/2 wraps onto line 179
    MandateList(key="2025/programme/cnd", line=157, rows="159-180", organ="cnd",
                entries=39, listings=40,
                heading="麻醉药品委员会决议", instruments=keys("cnd", (
                    "44-14 49-3 50-11 51-14 53-11 54-3 54-8 54-11 55-1 56-4 56-8 56-10 56-13 57-9 58-5 58-6"
                    " 58-7 58-10 58-11 59-5 59-7 59-8 60-4 60-5 60-6 60-9 61-5 61-8 61-9 62-2 62-3 63-5 62-4"
                    " 62-5 63-1 63-2 65-2 65-3 66-1"
                ))),
    # ------------------------------------------------------------ subprogramme 1
    MandateList(key="2025/sp1/ga", line=186, rows="188-195", organ="ga",
                entries=13, listings=21,
                heading="大会决议", instruments=keys("ga", (
                    "64-293 71-1 73-189 77-236 74-173 74-176 76-186 78-228 74-247 75-282 76-7 76-32 77-80"
                    " 76-72 77-248 76-185 76-196 77-154 76-232 77-71 76-266"
                ))),
    # bare symbols in two columns, the left ones printed with a trailing ';'
    MandateList(key="2025/sp1/sc", line=197, rows="199-201", organ="sc",
                entries=6, listings=6,
                heading="安全理事会决议", instruments=keys("sc", (
                    "2117-2013 2220-2015 2331-2016 2388-2017 2551-2020 2616-2021"
                ))),
    MandateList(key="2025/sp1/ccpcj", line=203, rows="205-209", organ="ccpcj",
                entries=10, listings=10,
                heading="预防犯罪和刑事司法委员会决议", instruments=keys("ccpcj", (
                    "20-4 25-1 27-2 27-3 27-4 28-2 28-3 30-1 31-1 32-1"
                ))),
    MandateList(key="2025/sp1/cop-untoc", line=211, rows="213-222", organ="cop-untoc",
                entries=18, listings=20,
                heading="联合国打击跨国有组织犯罪公约缔约方会议决议", instruments=keys("cop-untoc", (
                    "5-4 9-3 11-1 7-2 8-1 9-1 9-2 10-1 10-2 10-3 11-5 6-2 7-1 10-4 10-5 10-6 11-2 11-3 11-4"
                    " 11-6"
                ))),
    # ------------------------------------------------------------ subprogramme 2
    # line 232 corrected: its right cell holds two entries
    MandateList(key="2025/sp2/ga", line=228, rows="230-235", organ="ga",
                entries=11, listings=12,
                heading="大会决议", instruments=keys("ga", (
                    "s-20-3 s-26-2 s-30-1 60-262 65-277 70-266 73-2 73-144 74-124 74-20 75-284 77-238"
                ))),
    MandateList(key="2025/sp2/ecosoc", line=237, rows="239-242", organ="ecosoc",
                entries=7, listings=8,
                heading="经济及社会理事会决议和决定", instruments=keys("ecosoc", (
                    "2003-32 2003-36 2004-35 2005-28 2007-9 2013-11 2015-2 dec-2009-250"
                ))),
    # line 252 corrected; 62/6 (line 253) wraps into the right cell of line 246
    MandateList(key="2025/sp2/cnd", line=244, rows="246-253", organ="cnd",
                entries=15, listings=15,
                heading="麻醉药品委员会的决议和决定", instruments=keys("cnd", (
                    "49-4 58-4 61-2 61-4 61-6 61-7 61-11 62-6 62-7 63-4 64-3 64-5 65-1 65-4 66-4"
                ))),
    MandateList(key="2025/sp2/cnd-declarations", line=255, rows="257-261", organ="cnd",
                entries=3, listings=3,
                heading="麻醉药品委员会声明和宣言", instruments=keys("cnd", (
                    "ministerial-declaration-2019 political-declaration-2009"
                    " joint-ministerial-statement-2014"
                ))),
    MandateList(key="2025/sp2/ccpcj", line=263, rows="265", organ="ccpcj",
                entries=1, listings=1,
                heading="预防犯罪和刑事司法委员会决议", instruments=keys("ccpcj", (
                    "26-2"
                ))),
    # ------------------------------------------------------------ subprogramme 3
    # 75/194; 77/235 (line 275) continues in the third cell of line 274
    MandateList(key="2025/sp3/ga", line=272, rows="274-275", organ="ga",
                entries=2, listings=3,
                heading="大会决议", instruments=keys("ga", (
                    "s-32-1 75-194 77-235"
                ))),
    # page 1 (279-282): 4 + 3 entries; page 2 (286-312): 26 + 23 entries
    MandateList(key="2025/sp3/cosp-uncac", line=277, rows="279-312", organ="cosp-uncac",
                entries=56, listings=61,
                heading="联合国反腐败公约缔约国会议的决议和决定", instruments=keys("cosp-uncac", (
                    "1-1 2-1 1-4 1-5 2-3 3-3 3-1 3-2 4-1 4-2 4-4 4-6 5-6 6-1 6-2 6-3 6-5 6-10 7-1 7-2 7-3"
                    " 7-4 7-5 7-7 8-11 7-8 8-1 8-3 8-4 8-5 8-6 8-7 8-8 9-6 10-3 8-9 8-10 8-12 8-13 8-14 9-1"
                    " 9-2 9-3 9-4 9-5 9-7 9-8 10-1 10-2 10-4 10-5 10-6 10-7 10-8 10-9 10-10 10-11 10-12"
                    " dec-7-1 dec-8-1 dec-10-2"
                ))),
    # ------------------------------------------------------------ subprogramme 4
    MandateList(key="2025/sp4/treaties", line=318, rows="320-332", organ=None,
                entries=13, listings=13,
                heading="公约和议定书", instruments=keys("treaty", (
                    "aircraft-offences-1963 unlawful-seizure-of-aircraft-1970 civil-aviation-safety-1971"
                    " internationally-protected-persons-1973 hostages-1979 nuclear-material-1980"
                    " maritime-navigation-1988 fixed-platforms-1988 plastic-explosives-1991"
                    " terrorist-bombings-1997 terrorism-financing-1999 nuclear-terrorism-2005"
                    " civil-aviation-2010"
                ))),
    # line 336 corrected: its right cell holds two entries
    MandateList(key="2025/sp4/ga", line=334, rows="336-337", organ="ga",
                entries=4, listings=9,
                heading="大会决议", instruments=keys("ga", (
                    "58-136 59-153 68-178 70-148 72-284 75-291 77-298 77-113 78-115"
                ))),
    MandateList(key="2025/sp4/sc", line=339, rows="341-343", organ="sc",
                entries=6, listings=6,
                heading="安全理事会决议", instruments=keys("sc", (
                    "1267-1999 1373-2001 1540-2004 1624-2005 2133-2014 2610-2021"
                ))),
    # ------------------------------------------------------------ subprogramme 5
    MandateList(key="2025/sp5/ga", line=347, rows="349-365", organ="ga",
                entries=31, listings=36,
                heading="大会决议", instruments=keys("ga", (
                    "34-169 40-33 40-34 43-173 45-110 45-111 45-112 45-113 45-118 45-119 46-152 51-60 52-86"
                    " 55-59 56-261 57-170 65-228 65-229 67-185 67-187 68-191 70-176 69-194 70-175 72-193"
                    " 74-170 76-183 74-174 76-117 77-110 76-182 77-232 78-224 76-226 77-233 78-227"
                ))),
    # annex footnotes ¹-⁵ on lines 373, 379, 381, 385, 387
    MandateList(key="2025/sp5/ecosoc", line=367, rows="369-392", organ="ecosoc",
                entries=36, listings=41,
                heading="经济及社会理事会决议和决定", instruments=keys("ecosoc", (
                    "1984-47 1984-50 1996-15 1989-57 2000-15 1989-60 1997-31 1997-36 1998-21 2004-28"
                    " 1998-22 1998-23 1999-23 1999-25 1999-26 1999-27 2002-12 2002-13 2005-22 2002-14"
                    " 2005-20 2005-21 2006-20 1989-61 1989-64 1989-65 1995-9 1997-30 1999-28 2006-22 2006-25"
                    " 2006-29 2007-24 2008-24 2009-26 2011-33 2014-21 2016-17 2016-18 2017-19 dec-2005-247"
                ))),
    MandateList(key="2025/sp5/ccpcj", line=393, rows="394-396", organ="ccpcj",
                entries=6, listings=6,
                heading="预防犯罪和刑事司法委员会的决议和决定", instruments=keys("ccpcj", (
                    "17-2 18-1 18-2 25-2 27-6 28-1"
                ))),
    # ------------------------------------------------------------ subprogramme 6
    MandateList(key="2025/sp6/ga", line=400, rows="402", organ="ga",
                entries=2, listings=2,
                heading="大会决议", instruments=keys("ga", (
                    "834-ix 1395-xiv"
                ))),
    # line 415 corrected: it lost its tabs
    MandateList(key="2025/sp6/ecosoc", line=413, rows="415", organ="ecosoc",
                entries=2, listings=3,
                heading="经济及社会理事会决议", instruments=keys("ecosoc", (
                    "1988-13 2013-37 2015-24"
                ))),
    # no tab between symbol and title
    MandateList(key="2025/sp6/ccpcj", line=417, rows="419", organ="ccpcj",
                entries=1, listings=1,
                heading="预防犯罪和刑事司法委员会决议", instruments=keys("ccpcj", (
                    "19-5"
                ))),
    MandateList(key="2025/sp6/cnd", line=421, rows="423-430", organ="cnd",
                entries=14, listings=14,
                heading="麻醉药品委员会决议和决定", instruments=keys("cnd", (
                    "42-3 47-5 48-1 50-4 50-9 52-7 54-9 56-5 58-9 59-3 61-3 66-2 66-3 dec-63-15"
                ))),
    # ------------------------------------------------ subprogramme 8 (subprogramme 7 has no list)
    MandateList(key="2025/sp8/ga", line=436, rows="438-439", organ="ga",
                entries=4, listings=7,
                heading="大会决议", instruments=keys("ga", (
                    "74-238 76-220 74-301 75-322 74-302 77-237 78-229"
                ))),
    # no tab between symbol and title
    MandateList(key="2025/sp8/cnd", line=441, rows="443", organ="cnd",
                entries=1, listings=1,
                heading="麻醉药品委员会决议", instruments=keys("cnd", (
                    "54-7"
                ))),
    # ------------------------------------------------------------ subprogramme 9, component 1
    MandateList(key="2025/sp9-1/ga", line=449, rows="451", organ="ga",
                entries=2, listings=2,
                heading="大会决议", instruments=keys("ga", (
                    "415-v 72-305"
                ))),
    # no tab between symbol and title
    MandateList(key="2025/sp9-1/ecosoc", line=454, rows="456", organ="ecosoc",
                entries=1, listings=1,
                heading="经济及社会理事会决议", instruments=keys("ecosoc", (
                    "1992-22"
                ))),
    # no tab between symbol and title
    MandateList(key="2025/sp9-1/cnd", line=458, rows="460", organ="cnd",
                entries=1, listings=1,
                heading="麻醉药品委员会决定", instruments=keys("cnd", (
                    "dec-60-1"
                ))),
    # ------------------------------------------------------------ subprogramme 9, component 2
    MandateList(key="2025/sp9-2/sc", line=465, rows="467", organ="sc",
                entries=1, listings=1,
                heading="安全理事会决议", instruments=keys("sc", (
                    "1817-2008"
                ))),
    MandateList(key="2025/sp9-2/ecosoc", line=469, rows="471-474", organ="ecosoc",
                entries=7, listings=8,
                heading="经济及社会理事会决议", instruments=keys("ecosoc", (
                    "1966-1106-xl 1967-1196-xlii 1991-48 1973-1775-liv 1992-29 1996-29 2003-39 2004-38"
                ))),
    MandateList(key="2025/sp9-2/cnd", line=476, rows="478-479", organ="cnd",
                entries=4, listings=4,
                heading="麻醉药品委员会决议", instruments=keys("cnd", (
                    "50-5 54-6 62-1 62-8"
                ))),
)
# fmt: on

BY_KEY = {m.key: m for m in LISTS}

SCOPES = (
    "2025/programme",
    "2025/sp1",
    "2025/sp2",
    "2025/sp3",
    "2025/sp4",
    "2025/sp5",
    "2025/sp6",
    "2025/sp7",
    "2025/sp8",
    "2025/sp9-1",
    "2025/sp9-2",
)


def instruments_of(scope: str) -> set[str]:
    """Every instrument listed among the legislative mandates of one scope (empty for sp7)."""
    return {i for m in LISTS if m.scope == scope for i in m.instruments}
