"""Open-data metadata of a package: a Frictionless Data Package (`datapackage.json`) with a
Table Schema for every CSV, and DCAT-AP metadata for dane.gov.pl as JSON-LD (`dcat.jsonld`).

The Data Package is written after the CSVs and before the index page (which links to it),
the DCAT metadata after every other file; every path is relative to the package, so the
folder can be published anywhere.
"""

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

from server.publish.csv_files import DIALECTS
from server.publish.file_names import VOTES_FOLDER
from server.publish.labels import local
from server.publish.record import SittingRecord
from server.publish.table_schemas import TABLES, headers, table_schema

DATAPACKAGE = "datapackage.json"
DCAT = "dcat.jsonld"
SCHEMAS_FOLDER = "schematy"

# (file ending, EU file type, IANA media type) of what a package may hold besides its CSVs
EU_FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
MEDIA = {".csv": ("CSV", "text/csv"), ".json": ("JSON", "application/json"),
         ".html": ("HTML", "text/html"), ".pdf": ("PDF", "application/pdf"),
         ".md": ("MD", "text/markdown"), ".vtt": ("TXT", "text/vtt"),
         ".txt": ("TXT", "text/plain")}


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L"))
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.encode("ascii", "ignore").decode().lower()).strip("-")


def _title(record: SittingRecord) -> str:
    sitting = record.sitting
    return f"{sitting.council_name}: {record.words.named(sitting.number)} z dnia {sitting.date.isoformat()}"


def _csv_files(folder: Path) -> list[tuple[str, str, str]]:
    """(path, table, dialect) of every CSV in the package, sitting-wide first."""
    found = []
    for table in TABLES:
        for fmt, (suffix, _encoding, _delimiter) in DIALECTS.items():
            if (folder / f"{table}{suffix}.csv").is_file():
                found.append((f"{table}{suffix}.csv", table, fmt))
    for path in sorted((folder / VOTES_FOLDER).glob("*.csv")) if (folder / VOTES_FOLDER).is_dir() else []:
        fmt = "csv-excel" if path.name.endswith("-excel.csv") else "csv"
        found.append((f"{VOTES_FOLDER}/{path.name}", "imienne", fmt))
    return found


def _resource(path: str, table: str, fmt: str) -> dict[str, Any]:
    _suffix, encoding, delimiter = DIALECTS[fmt]
    return {"name": slug(path.removesuffix(".csv").replace("/", "-")), "path": path,
            "profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv",
            "encoding": encoding, "dialect": {"delimiter": delimiter},
            "schema": f"{SCHEMAS_FOLDER}/{table}.json"}


def datapackage(record: SittingRecord, files: list[tuple[str, str, str]]) -> dict[str, Any]:
    sitting = record.sitting
    return {
        "profile": "tabular-data-package",
        "name": slug(f"{sitting.council_name} {record.words.folder} {sitting.number} "
                     f"{sitting.date.isoformat()}"),
        "title": _title(record),
        "description": "Imienne wykazy głosowań, wyniki, lista obecności, mówcy i rejestr "
                       f"uchwał {record.words.genitive}, w formacie CSV (UTF-8 z przecinkami "
                       "oraz dla programu Excel: z BOM i średnikami).",
        "created": local(record.last_event.at).isoformat(),
        "keywords": [record.words.body.lower(), record.words.folder, "głosowania imienne", "BIP"],
        "resources": [_resource(path, table, fmt) for path, table, fmt in files],
    }


def _distribution(path: str) -> dict[str, Any]:
    file_type, media = MEDIA.get(Path(path).suffix, ("BIN", "application/octet-stream"))
    return {"@id": f"#{path}", "@type": "dcat:Distribution", "dct:title": path,
            "dcat:accessURL": {"@id": path}, "dcat:downloadURL": {"@id": path},
            "dct:format": {"@id": f"{EU_FILE_TYPE}{file_type}"},
            "dcat:mediaType": {"@id": f"https://www.iana.org/assignments/media-types/{media}"}}


def dcat(record: SittingRecord, paths: list[str]) -> dict[str, Any]:
    """A DCAT-AP Dataset of the package with one Distribution per file, as JSON-LD."""
    sitting, issued = record.sitting, local(record.last_event.at).isoformat()
    return {
        "@context": {"dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/",
                     "foaf": "http://xmlns.com/foaf/0.1/",
                     "xsd": "http://www.w3.org/2001/XMLSchema#"},
        "@id": "#zbior",
        "@type": "dcat:Dataset",
        "dct:title": {"@value": _title(record), "@language": "pl"},
        "dct:description": {"@value": "Wyniki i imienne wykazy głosowań, lista obecności, mówcy "
                                      f"i rejestr uchwał {record.words.genitive}.",
                            "@language": "pl"},
        "dct:identifier": f"{slug(sitting.council_name)}/{sitting.id}/{sitting.date.isoformat()}",
        "dct:issued": {"@value": issued, "@type": "xsd:dateTime"},
        "dct:modified": {"@value": issued, "@type": "xsd:dateTime"},
        "dct:language": {"@id": "http://publications.europa.eu/resource/authority/language/POL"},
        "dct:publisher": {"@type": "foaf:Agent", "foaf:name": sitting.council_name},
        "dcat:keyword": [{"@value": word, "@language": "pl"}
                         for word in (record.words.body.lower(), record.words.folder,
                                      "głosowania imienne")],
        "dct:temporal": {"@type": "dct:PeriodOfTime",
                         "dcat:startDate": {"@value": sitting.date.isoformat(), "@type": "xsd:date"},
                         "dcat:endDate": {"@value": sitting.date.isoformat(), "@type": "xsd:date"}},
        "dcat:distribution": [_distribution(path) for path in paths],
    }


def write_datapackage(record: SittingRecord, folder: Path) -> None:
    """datapackage.json and its Table Schemas (`schematy/`) for the CSVs present, if any."""
    files = _csv_files(folder)
    if not files:
        return
    (folder / SCHEMAS_FOLDER).mkdir(exist_ok=True)
    for table in dict.fromkeys(table for _path, table, _fmt in files):
        (folder / SCHEMAS_FOLDER / f"{table}.json").write_text(
            json.dumps(table_schema(headers(record)[table]), ensure_ascii=False, indent=1),
            encoding="utf-8")
    (folder / DATAPACKAGE).write_text(
        json.dumps(datapackage(record, files), ensure_ascii=False, indent=1), encoding="utf-8")


def write_dcat(record: SittingRecord, folder: Path) -> None:
    """dcat.jsonld: the package's every file as a Distribution (written last, before the
    manifest, which it does not list: the manifest is about the files, not their catalogue)."""
    paths = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                   if p.is_file() and p.parent.name != SCHEMAS_FOLDER and p.name != DCAT)
    (folder / DCAT).write_text(json.dumps(dcat(record, paths), ensure_ascii=False, indent=1),
                               encoding="utf-8")
