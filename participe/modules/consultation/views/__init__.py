"""Public pages of consultations, debates and rankings; every form works without JavaScript.

POST views answer with a redirect (plain forms) or JSON when the request asks for it
(`Accept: application/json`), with the same checks in both cases. One module per concern:
`steps` (the registered step view), `pages` (reading), `contributions` (writing), `debate`, `exports`.
"""

from participe.modules.consultation.views.contributions import (
    add_source,
    amend,
    answer,
    argue,
    propose,
)
from participe.modules.consultation.views.debate import (
    SIGNING_SALT,
    debate_anonymous_vote,
    debate_argue,
    debate_confirm,
    debate_page,
)
from participe.modules.consultation.views.exports import export_csv, export_xlsx
from participe.modules.consultation.views.pages import (
    PUBLIC_PAGE_TTL,
    amendment,
    changes,
    opinion,
    plan,
    section,
)
from participe.modules.consultation.views.responses import wants_json
from participe.modules.consultation.views.steps import ranking_page, step_by_id, step_page

__all__ = [
    "PUBLIC_PAGE_TTL", "SIGNING_SALT", "add_source", "amend", "amendment", "answer", "argue", "changes",
    "debate_anonymous_vote", "debate_argue", "debate_confirm", "debate_page", "export_csv", "export_xlsx", "opinion",
    "plan", "propose", "ranking_page", "section", "step_by_id", "step_page", "wants_json",
]
