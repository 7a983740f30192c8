"""Scores responses to the items of a QTI 2.1 package with pyslet (PyPI), an implementation
of QTI 2.1's item sessions and response processing that syllabus shares no code with: it
reads each item, sets RESPONSE, runs the item's responseProcessing and reports SCORE.

    python3 tests/readers/qti21_score.py PACKAGE.zip < cases.json

cases.json: [{"item": "items/quiz/question.xml", "response": ...}, ...]; a response is a
string (single, true_false, short), a list of strings (multiple, order) or a list of
[left, right] pairs (match). Prints the scores, in order, as JSON.
"""

import json
import logging
import os
import sys
import tempfile
import zipfile

import pyslet.qtiv2.variables as variables
import pyslet.qtiv2.xml as qtixml

# pyslet logs, and goes on, on what it does not implement; the scores are what is checked.
logging.disable(logging.CRITICAL)


def score(path, response):
    doc = qtixml.QTIDocument(baseURI=path)
    doc.read()
    state = variables.ItemSessionState(doc.root)
    state.select_clone()
    state.begin_session()
    if isinstance(response, list) and response and isinstance(response[0], list):
        response = [tuple(pair) for pair in response]
    state["RESPONSE"].set_value(response)
    state.end_attempt()
    return state["SCORE"].value


def main():
    cases = json.load(sys.stdin)
    work = tempfile.mkdtemp(prefix="qti21-score-")
    with zipfile.ZipFile(sys.argv[1]) as z:
        z.extractall(work)
    json.dump([score(os.path.join(work, c["item"]), c["response"]) for c in cases], sys.stdout)


if __name__ == "__main__":
    main()
