"""The MkDocs build's own machinery, used by the hook: rebuilding in place (``site_state``), the render
cache (``render_cache``), pages rendered ahead in forked workers (``prerender``), the sidebar section of
pages outside the navigation (``sections``), pages written minified (``compact``, with ``minify-html``)
and a server told of edits by the operating system (``watching``).
"""
