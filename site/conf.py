"""Sphinx configuration of the course website (``make site``; see site/build.py).

site/build.py copies this folder, the notebooks and the slide decks into a staging source
folder and runs Sphinx there, so every path below is relative to that staging folder.
"""

from __future__ import annotations

from course_utils.explore import WIDGET_MIME

import html
import re
import tomllib
from pathlib import Path

# The repository's address and release tag, from pyproject.toml (the one place they are written;
# the notebooks' launch cells and the README's table come from it too, tools/launch.py). This
# file runs from site/ and from build.py's staging folder, so look upwards for it.
_PYPROJECT = next(p / "pyproject.toml" for p in Path(__file__).resolve().parents
                  if (p / "pyproject.toml").is_file())
_META = tomllib.loads(_PYPROJECT.read_text(encoding="utf-8"))["project"]

project = "The Multilayer Perceptron"
author = "The MLP course authors"
html_show_copyright = False  # the footer says "By <author>"; a second line would repeat it
html_title = "The Multilayer Perceptron"

extensions = ["myst_nb", "sphinx_copybutton", "sphinx.ext.githubpages"]
exclude_patterns = ["_extra", "_static", ".doctrees", "**.ipynb_checkpoints"]

# The site shows the outputs committed in the notebooks; nothing is executed.
nb_execution_mode = "off"
# MyST-NB would load RequireJS and the widget manager from CDNs on a page with ipywidgets
# state; the site loads nothing from another host. The explorations (course_utils.explore)
# carry a static view as text/html beside their live widget view: the site shows that one.
nb_ipywidgets_js = {}
nb_mime_priority_overrides = [("*", WIDGET_MIME, None)]
# $...$ and $$...$$ in markdown cells, and \begin{align} blocks, become Sphinx math nodes.
myst_enable_extensions = ["dollarmath", "amsmath"]
myst_heading_anchors = 3

# MathJax 2.7.7, the copy `make slides` pins and installs, served from _static (Sphinx would
# otherwise load MathJax 4 from a CDN). myst-parser's MathJax settings are written for
# MathJax 3/4, hence off; the delimiters are the ones Sphinx writes around math nodes.
myst_update_mathjax = False
mathjax_path = "mathjax/MathJax.js?config=TeX-AMS_CHTML-full"
mathjax2_config = {
    "tex2jax": {
        "inlineMath": [["\\(", "\\)"]],
        "displayMath": [["\\[", "\\]"]],
        "processEscapes": False,
        "processEnvironments": False,
    },
    "CommonHTML": {"linebreaks": {"automatic": True}},
    "showMathMenu": False,
    "messageStyle": "none",
}

html_theme = "sphinx_book_theme"
html_theme_options = {
    "home_page_in_toc": False,  # the site title above the sidebar leads home
    "navbar_persistent": [],  # the sidebar has the search box; no second one in a top bar
    "show_toc_level": 2,
    "use_download_button": False,  # each notebook page links its .ipynb itself (see below)
    "use_fullscreen_button": False,
    "use_repository_button": False,
    # "Launch" menu on each notebook page: Binder and Colab open the page's notebook at this
    # release's tag (repository path notebooks/NN_name.ipynb, as the page path says).
    "repository_url": _META["urls"]["Repository"],
    "repository_branch": f"v{_META['version']}",
    "path_to_docs": "",
    "launch_buttons": {
        "binderhub_url": "https://mybinder.org",
        "colab_url": "https://colab.research.google.com",
        "notebook_interface": "jupyterlab",
    },
    "navigation_with_keys": False,
    "show_navbar_depth": 1,
}
# Light unless the reader picks another (the theme's switch): the figures have white backgrounds.
html_context = {"default_mode": "light"}
html_static_path = ["_static"]
html_css_files = ["course.css"]
html_js_files = ["course.js"]
# The slide decks (slides/) and the notebooks as files (notebooks/NN_name.ipynb, next to
# their pages), copied into the site as they are.
html_extra_path = ["_extra"]
html_copy_source = False
html_use_index = False  # no index entries in the notebooks: the page would be empty
html_show_sourcelink = False
# The search page fetch()es every hit's page for an excerpt: served over http (`make serve-site`)
# it shows one; opened from disk a browser refuses the fetch, so _static/course.js switches the
# excerpt off on file:// pages and the results list titles only.
html_show_search_summary = True
html_last_updated_fmt = None

copybutton_exclude = ".linenos, .gp, .go"


def _notebook_links(app, pagename, templatename, context, doctree):
    """Put links to the page's slide deck and .ipynb file under a notebook page's title."""
    if not pagename.startswith("notebooks/") or "body" not in context:
        return
    stem = pagename.removeprefix("notebooks/")
    deck = html.escape(f"../slides/{stem}.slides.html")
    ipynb = html.escape(f"{stem}.ipynb")
    links = (
        '<p class="course-links">'
        f'<a class="reference external course-slides" href="{deck}">Slides (reveal.js)</a>'
        f'<a class="reference external course-ipynb" href="{ipynb}" download>'
        f"Download {html.escape(stem)}.ipynb</a></p>"
    )
    context["body"] = re.sub("</h1>", lambda m: m.group(0) + links, context["body"], count=1)


def setup(app):
    app.connect("html-page-context", _notebook_links)
    return {"parallel_read_safe": True}
