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


def test_speaker_notes_become_folded_instructor_notes():
    notes = nbformat.v4.new_markdown_cell(
        "Speaker notes: ask the room first.\n\n```python\nx = 1\n```",
        metadata={"slideshow": {"slide_type": "notes"}},
    )
    plain = nbformat.v4.new_markdown_cell("Speaker notes are not a slide role here.")
    nb = site_build.site_notebook(_notebook(notes, plain))
    assert nb.cells[0].source == (
        '<details class="instructor-notes">\n<summary>Instructor notes</summary>\n\n'
        "ask the room first.\n\n```python\nx = 1\n```\n\n</details>"
    )
    assert nb.cells[1].source == "Speaker notes are not a slide role here."


def test_solution_markers_are_stripped_and_the_solution_kept():
    solution = nbformat.v4.new_code_cell(
        "answer = ...\n### BEGIN SOLUTION\nanswer = 42\n  ### END SOLUTION  \nprint(answer)"
    )
    nb = site_build.site_notebook(_notebook(solution))
    assert nb.cells[0].source == "answer = ...\nanswer = 42\nprint(answer)"


def test_objectives_are_the_first_list_of_the_first_cell():
    first = nbformat.v4.new_markdown_cell(
        "# 09 · A title\n\nIntro.\n\n**After this notebook you can**\n\n- do one thing;\n"
        "- do another,\n  over two lines.\n\nRun it.\n\n- not an objective"
    )
    nb = _notebook(first)
    assert site_build.objectives(nb) == ["do one thing;", "do another, over two lines."]
    assert site_build.title(nb) == "09 · A title"


def test_descriptions_come_from_the_readme_table():
    readme = (
        "| notebook | you learn |\n|---|---|\n"
        "| [00 · Setup](notebooks/00_setup.ipynb) | check `x`, and more |\n"
    )
    assert site_build.descriptions(readme) == {"00_setup.ipynb": "check `x`, and more"}


def test_study_minutes_follow_the_stated_rule():
    prose = nbformat.v4.new_markdown_cell(" ".join(["word"] * 1000))  # 10 minutes
    code = nbformat.v4.new_code_cell("\n".join(["x = 1"] * 50))  # 5 minutes
    exercise = nbformat.v4.new_code_cell("### BEGIN SOLUTION\n" + "y = 2\n" * 40)  # 10 minutes
    hidden = nbformat.v4.new_code_cell("pip\n" * 100, metadata={"tags": ["remove-cell"]})
    assert site_build.study_minutes(_notebook(prose, code, exercise, hidden)) == 25
    assert site_build.study_minutes(_notebook(nbformat.v4.new_markdown_cell("hi"))) == 5
    assert [site_build.duration(m) for m in (5, 60, 155)] == ["5 min", "1 h", "2 h 35 min"]


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
