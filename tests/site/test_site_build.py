"""site/build.py's rewrite of a notebook for the site, on small made-up notebooks."""

from __future__ import annotations

import importlib.util

import nbformat
from site_pages import ROOT

_spec = importlib.util.spec_from_file_location("site_build", ROOT / "site" / "build.py")
site_build = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(site_build)

PLAYER = (
    '<link rel="stylesheet"\n'
    'href="https://maxcdn.bootstrapcdn.com/font-awesome/4.4.0/css/font-awesome.min.css">\n'
    '<script language="javascript">/* player */</script>\n<img id="_anim_img1">'
)


def _notebook(*cells):
    nb = nbformat.v4.new_notebook()
    nb.cells = list(cells)
    return nb


def test_speaker_notes_become_a_titled_note_box():
    notes = nbformat.v4.new_markdown_cell(
        "Speaker notes: ask the room first.\n\n```python\nx = 1\n```",
        metadata={"slideshow": {"slide_type": "notes"}},
    )
    plain = nbformat.v4.new_markdown_cell("Speaker notes are not a slide role here.")
    nb = site_build.site_notebook(_notebook(notes, plain))
    assert nb.cells[0].source == (
        "````{admonition} Speaker notes\n:class: note\n\nask the room first.\n\n"
        "```python\nx = 1\n```\n````"
    )
    assert nb.cells[1].source == "Speaker notes are not a slide role here."


def test_solutions_hidden_in_jupyterlab_are_folded_on_the_site():
    solution = nbformat.v4.new_code_cell(
        "answer = 42", metadata={"jupyter": {"source_hidden": True}, "tags": ["keep"]}
    )
    shown = nbformat.v4.new_code_cell("answer = ...")
    nb = site_build.site_notebook(_notebook(solution, shown))
    assert nb.cells[0].metadata["tags"] == ["keep", "hide-input"]
    assert "tags" not in nb.cells[1].metadata


def test_the_animation_player_loses_its_cdn_stylesheet_and_keeps_the_rest():
    cell = nbformat.v4.new_code_cell("HTML(animation.to_jshtml())")
    cell.outputs = [
        nbformat.v4.new_output("execute_result", data={"text/html": PLAYER, "text/plain": "<HTML>"})
    ]
    html = site_build.site_notebook(_notebook(cell)).cells[0].outputs[0].data["text/html"]
    assert "bootstrapcdn" not in html
    assert html.startswith('<script language="javascript">') and html.endswith('"_anim_img1">')
