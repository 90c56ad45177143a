"""Open data: each package's datapackage.json is a valid Frictionless Data Package whose Table
Schemas describe every CSV, the columns are the documented ones, and dcat.jsonld is DCAT-AP
that rdflib reads, with a Distribution for each file of the package."""

import re
from pathlib import Path

import frictionless
import pytest
import rdflib
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF

from server.publish import export_package
from server.publish.table_schemas import TABLES
from tests.publish.sittings import rich

DOCS = Path(__file__).resolve().parents[2] / "docs" / "open-data.md"
BASE = "https://bip.example.pl/sesja-xl/"


@pytest.fixture(scope="module")
def package(tmp_path_factory) -> Path:
    sim = rich()
    out = tmp_path_factory.mktemp("open") / "bip"
    export_package(sim.state, sim.log, out, video_start=sim.state.sitting.opened_at)
    return out


def test_the_data_package_validates_and_describes_every_csv(package):
    report = frictionless.validate(package / "datapackage.json")
    assert report.valid, report.flatten(["type", "note", "resourcePath"])
    descriptor = frictionless.Package(package / "datapackage.json").to_descriptor()
    described = {resource["path"] for resource in descriptor["resources"]}
    csvs = {p.relative_to(package).as_posix() for p in package.rglob("*.csv")}
    assert described == csvs and "glosowania/glosowanie-001-excel.csv" in csvs


def test_the_table_schemas_check_the_cells(package):
    """A count that is not a number breaks the package: the schemas type the columns."""
    results = package / "wyniki.csv"
    lines = results.read_text(encoding="utf-8").splitlines(keepends=True)
    cells = lines[1].split(",")
    cells[6] = "cztery"  # "Za"
    results.write_text(lines[0] + ",".join(cells) + "".join(lines[2:]), encoding="utf-8")
    try:
        report = frictionless.validate(package / "datapackage.json")
        assert not report.valid
        assert {e[0] for e in report.flatten(["type"])} == {"type-error"}
    finally:
        results.write_text("".join(lines), encoding="utf-8")


def documented_columns() -> dict[str, list[str]]:
    """The columns docs/open-data.md lists under each table's heading (`### wyniki.csv`)."""
    tables: dict[str, list[str]] = {}
    current = None
    for line in DOCS.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"### (\w+)\.csv", line)
        if heading:
            current = tables.setdefault(heading.group(1), [])
        elif current is not None and (row := re.match(r"\| `([^`]+)` \|", line)):
            current.append(row.group(1))
    return tables


def test_the_csv_columns_are_the_documented_ones(package):
    """A column renamed, added or moved fails here until docs/open-data.md says so."""
    documented = documented_columns()
    assert set(documented) == set(TABLES)
    for table, header in TABLES.items():
        assert documented[table] == list(header), table
        first_line = (package / f"{table}.csv").read_text(encoding="utf-8").splitlines()[0]
        assert first_line.split(",") == documented[table], table


def test_dcat_is_json_ld_with_a_distribution_per_file(package):
    graph = rdflib.Graph()
    graph.parse(package / "dcat.jsonld", format="json-ld", publicID=BASE)
    datasets = list(graph.subjects(RDF.type, DCAT.Dataset))
    assert len(datasets) == 1
    dataset = datasets[0]
    title = graph.value(dataset, DCTERMS.title)
    assert title.language == "pl" and "XL sesja" in str(title)
    assert graph.value(dataset, DCTERMS.language) == rdflib.URIRef(
        "http://publications.europa.eu/resource/authority/language/POL")
    publisher = graph.value(dataset, DCTERMS.publisher)
    assert str(graph.value(publisher, FOAF.name)) == "Rada Gminy Testowo"
    assert graph.value(dataset, DCTERMS.issued).datatype == rdflib.XSD.dateTime
    urls = {str(graph.value(d, DCAT.downloadURL)) for d in graph.objects(dataset, DCAT.distribution)}
    files = {p.relative_to(package).as_posix() for p in package.rglob("*") if p.is_file()
             and p.parent.name != "schematy" and p.name not in ("dcat.jsonld", "manifest.json")}
    assert urls == {BASE + name for name in files}
    assert {"index.html", "sesja.json", "sesja.pdf", "rozdzialy.vtt", "datapackage.json"} <= files
    csv_format = rdflib.URIRef("http://publications.europa.eu/resource/authority/file-type/CSV")
    as_csv = {str(graph.value(d, DCAT.downloadURL)) for d in graph.objects(dataset, DCAT.distribution)
              if graph.value(d, DCTERMS.format) == csv_format}
    assert as_csv == {BASE + name for name in files if name.endswith(".csv")}


def test_the_index_page_links_to_the_metadata_and_the_manifest_lists_it(package):
    html = (package / "index.html").read_text(encoding="utf-8")
    assert '<a href="datapackage.json">' in html and '<a href="dcat.jsonld">' in html
    listed = (package / "manifest.json").read_text(encoding="utf-8")
    for name in ("datapackage.json", "dcat.jsonld", "schematy/wyniki.json"):
        assert f'"path": "{name}"' in listed, name
