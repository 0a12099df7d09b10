"""Build the multilingual guide: bundle → Markdown pages (templates/, locales/) → MkDocs.

Public entry points (build.py dispatches to them):

    build_site()  render and build into site/ (the previous site stays on failure)
    serve()       build, serve http://127.0.0.1:8000, rebuild on edits

Errors: every problem the build can explain is a :class:`BuildError`
(``site_build.errors``) whose message names the file and what to fix.
"""

from __future__ import annotations

from .errors import BuildError

__all__ = ["BuildError"]
