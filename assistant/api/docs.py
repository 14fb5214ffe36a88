"""/docs: Swagger UI served from the `swagger-ui-bundle-v2` package (no CDN), under the same strict CSP as the page.

FastAPI's own /docs page loads Swagger UI from a CDN and starts it with an inline script; here the assets come from
the installed package (/docs/assets/...) and the start-up script is a file of its own (/docs/init.js), so the page
needs nothing from outside and no inline script. Off with IREK_API_DOCS=false (production mode), as is
/openapi.json.
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

PAGE = """<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<title>IREK-Assistent – API-Dokumentation</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>
"""

INIT = """window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  layout: "BaseLayout",
  presets: [SwaggerUIBundle.presets.apis],
});
"""


def install(app: FastAPI) -> bool:
    """Serve /docs from the package's assets; False (no /docs) where the package is missing."""
    try:
        from swagger_ui_bundle import swagger_ui_path
    except ImportError:
        return False

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return HTMLResponse(PAGE)

    @app.get("/docs/init.js", include_in_schema=False)
    async def docs_init() -> Response:
        return Response(INIT, media_type="text/javascript; charset=utf-8")

    app.mount("/docs/assets", StaticFiles(directory=str(swagger_ui_path)), name="docs-assets")
    return True
