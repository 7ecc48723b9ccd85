"""The JSON API under /api/v1: one NinjaAPI, each app mounting its router."""

from django.http import HttpRequest
from ninja import Schema

from cica.accounts.auth import api_auth
from cica.cbm.api import router as cbm_router
from cica.core.api import CicaAPI, ProblemOut, install_error_handlers
from cica.decisions.api import router as decisions_router
from cica.documents.api import router as documents_router
from cica.meetings.api import router as meetings_router
from cica.registry.api import router as registry_router

api = CicaAPI(
    title="CICA Secretariat API",
    version="1",
    description=(
        "The registry of the Conference on Interaction and Confidence-Building Measures in Asia "
        "as open data. Reads are public; `Authorization: Bearer <token>` authenticates writes. "
        "Errors are `application/problem+json` naming the field at fault. Text may hold any "
        "character but NUL and lone surrogates (U+D800 to U+DFFF), which are refused anywhere in "
        "a request (422)."
    ),
    urls_namespace="api",
)
install_error_handlers(api)
# The registry's writes are authenticated here: the registry imports nothing of the accounts.
api.add_router("/", registry_router, auth=api_auth)
api.add_router("/", decisions_router)
api.add_router("/", meetings_router)
api.add_router("/", documents_router)
api.add_router("/", cbm_router)


class MeOut(Schema):
    username: str
    role: str
    state: str | None
    organization: str | None


@api.get("/me", auth=api_auth, response={200: MeOut, 401: ProblemOut}, tags=["accounts"])
def me(request: HttpRequest):
    """The account the request is authenticated as."""
    user = request.auth
    return {
        "username": user.username,
        "role": user.role,
        "state": user.state.code if user.state else None,
        "organization": user.organization.code if user.organization else None,
    }
