"""Reads a QTI 2.1 package the way a platform would, after converting it: the package is
first converted to QTI 3.0 by @citolab/qti-convert (npm), a converter syllabus shares no
code with, which must succeed; this script then reads the converted items, with Python's
ElementTree only, and prints what they say as JSON:

    {"files": [every file of the 2.1 package, each well-formed XML],
     "tests": {test identifier: {"title", "items": [item identifier, ...]}},
     "items": {item identifier: {"interaction", "max_choices", "choices": {id: text},
                                 "correct": [...], "maxscore", "mapping": {key: value},
                                 "tolerance", "exact", "prompt": text, "feedback": {id: text}}}}

    python3 tests/readers/qti21.py PACKAGE.zip CONVERTER.mjs
"""

import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile


def local(tag):
    return tag.split("}")[-1]


def find(elem, name):
    return [n for n in elem.iter() if local(n.tag) == name]


def text(elem):
    return " ".join("".join(elem.itertext()).split())


def convert(package, converter):
    """Runs the converter on a copy of the package; the path of the QTI 3 zip it writes."""
    work = tempfile.mkdtemp(prefix="qti21-")
    copy = os.path.join(work, "package.zip")
    with open(package, "rb") as src, open(copy, "wb") as dst:
        dst.write(src.read())
    run = subprocess.run(["node", converter, copy], capture_output=True, text=True)
    out = os.path.join(work, "package-qti3.zip")
    if run.returncode != 0 or not os.path.exists(out):
        sys.exit(f"the converter failed ({run.returncode}):\n{run.stdout}\n{run.stderr}")
    if "rror" in run.stdout + run.stderr:
        sys.exit(f"the converter reported an error:\n{run.stdout}\n{run.stderr}")
    return out


def well_formed(package):
    """Every file of the original package, each parsed as XML; the manifest's files exist."""
    with zipfile.ZipFile(package) as z:
        names = z.namelist()
        for name in names:
            ET.fromstring(z.read(name))
        manifest = ET.fromstring(z.read("imsmanifest.xml"))
        for f in find(manifest, "file"):
            if f.attrib["href"] not in names:
                sys.exit(f"the manifest lists {f.attrib['href']}, which the package does not hold")
    return sorted(names)


def read_item(root):
    item = {"interaction": None, "max_choices": None, "choices": {}, "correct": [], "maxscore": None,
            "mapping": {}, "tolerance": None, "exact": None, "prompt": "", "feedback": {}}
    body = find(root, "qti-item-body")[0]
    for kind in ("qti-choice-interaction", "qti-text-entry-interaction", "qti-order-interaction", "qti-match-interaction"):
        found = find(body, kind)
        if found:
            item["interaction"] = kind
            item["max_choices"] = found[0].attrib.get("max-choices")
    for c in find(body, "qti-simple-choice") + find(body, "qti-simple-associable-choice"):
        item["choices"][c.attrib["identifier"]] = text(c)
    first = next(iter(body), None)
    if first is not None and local(first.tag) == "div":
        item["prompt"] = text(first)
    for decl in find(root, "qti-response-declaration"):
        item["correct"] = [v.text for v in find(decl, "qti-value")]
        for entry in find(decl, "qti-map-entry"):
            item["mapping"][entry.attrib["map-key"]] = float(entry.attrib["mapped-value"])
    for decl in find(root, "qti-outcome-declaration"):
        if decl.attrib["identifier"] == "MAXSCORE":
            item["maxscore"] = float(find(decl, "qti-value")[0].text)
    for eq in find(root, "qti-equal"):
        item["tolerance"] = eq.attrib.get("tolerance")
        item["exact"] = float(find(eq, "qti-base-value")[0].text)
    for fb in find(root, "qti-modal-feedback"):
        item["feedback"][fb.attrib["identifier"]] = text(fb)
    return item


def read(package, converter):
    files = well_formed(package)
    converted = convert(package, converter)
    tests, items = {}, {}
    with zipfile.ZipFile(converted) as z:
        for name in z.namelist():
            if not name.endswith(".xml") or name == "imsmanifest.xml":
                continue
            root = ET.fromstring(z.read(name))
            if local(root.tag) == "qti-assessment-test":
                refs = [r.attrib["identifier"] for r in find(root, "qti-assessment-item-ref")]
                tests[root.attrib["identifier"]] = {"title": root.attrib.get("title"), "items": refs}
            elif local(root.tag) == "qti-assessment-item":
                items[root.attrib["identifier"]] = read_item(root)
    return {"files": files, "tests": tests, "items": items}


if __name__ == "__main__":
    json.dump(read(sys.argv[1], sys.argv[2]), sys.stdout, ensure_ascii=False, indent=1)
