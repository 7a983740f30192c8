"""Reads a Canvas QTI 1.2 zip with the parser of qti2latex (PyPI), a converter of Canvas
quiz exports that syllabus shares no code with, and prints what it reads as JSON:

    {"manifest": [file, ...],
     "quizzes": {file: {"ident", "title",
                        "items": [{"ident", "type", "points", "stem", "choices": [[ident, text], ...],
                                   "correct": [...], "feedback": {ident: text}}]}}}

qti2latex's functions (get_qti_metadata, get_item_stem, get_choices, get_correct_idents,
guess_type) do the reading; this script only walks the package and the items, and reads the
manifest's file list and the item feedback, which qti2latex reads the same way. The right
answers are read from the conditions that score (those with a `setvar`): qti2latex reads
every condition, and Canvas's packages, like syllabus's, also have conditions that only show
a choice's feedback.

    python3 tests/readers/canvas_qti.py PACKAGE.zip
"""

import json
import sys
import xml.etree.ElementTree as ET
import zipfile

import qti2latex as q


def scoring(item):
    """A copy of the item whose response processing keeps only the conditions that score."""
    copy = ET.fromstring(ET.tostring(item))
    for rp in q.findall_anyns(copy, "resprocessing"):
        for rc in q.childall_anyns(rp, "respcondition"):
            if not q.findall_anyns(rc, "setvar"):
                rp.remove(rc)
    return copy


def read(path):
    with zipfile.ZipFile(path) as z:
        manifest = ET.fromstring(z.read("imsmanifest.xml"))
        files = [f.attrib["href"] for f in q.findall_anyns(manifest, "file")]
        quizzes = {}
        for name in files:
            root = ET.fromstring(z.read(name))
            assessment = q.first(q.findall_anyns(root, "assessment"))
            items = []
            for item in q.findall_anyns(assessment, "item"):
                meta = q.get_qti_metadata(item)
                feedback = {}
                for fb in q.findall_anyns(item, "itemfeedback"):
                    feedback[fb.attrib.get("ident", "")] = q.text_of(q.first(q.findall_anyns(fb, "mattext")))
                items.append({
                    "ident": item.attrib.get("ident", ""),
                    "type": q.guess_type(meta, item),
                    "points": float(meta.get("points_possible", "nan")),
                    "stem": q.get_item_stem(item),
                    "choices": q.get_choices(item),
                    "correct": sorted(q.get_correct_idents(scoring(item))),
                    "feedback": feedback,
                })
            quizzes[name] = {"ident": assessment.attrib.get("ident"), "title": assessment.attrib.get("title"), "items": items}
    return {"manifest": files, "quizzes": quizzes}


if __name__ == "__main__":
    json.dump(read(sys.argv[1]), sys.stdout, ensure_ascii=False, indent=1)
