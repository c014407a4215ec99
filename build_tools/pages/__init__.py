"""The pages: processed reports in, the site's generated Markdown pages and downloads out.

``render`` makes a report's page and audit (all source text escaped; the body is finished HTML that
Markdown passes through, ``raw_html``), ``tables`` the indicator rows and downloads, ``export`` the
cleaned text as plain Markdown and JSON lines, ``site`` the pages across reports and the navigation.
"""
