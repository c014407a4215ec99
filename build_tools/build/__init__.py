"""The MkDocs build's own machinery, used by the hook: rebuilding in place (``site_state``), the render
cache (``render_cache``) and pages rendered ahead in forked workers (``prerender``).
"""
