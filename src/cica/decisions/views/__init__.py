"""Pages of decision-making: the public decisions, the delegates' workspace, the Secretariat's desk.

Views are thin: they read through queries, change through actions, and show a DomainError
beside the field it names.

public: the decisions and the competence table; procedures: the workspace and a procedure's
page; drafts: a draft's page; admission: the section of a state's page.
"""

from cica.decisions.views.admission import state_application, state_section
from cica.decisions.views.drafts import draft_detail, draft_new
from cica.decisions.views.procedures import (
    COMMENTS_PER_PAGE,
    procedure_act,
    procedure_detail,
    workspace,
)
from cica.decisions.views.public import PAGE_SIZE, competence_table, decision_detail, decision_list

__all__ = [
    "COMMENTS_PER_PAGE",
    "PAGE_SIZE",
    "competence_table",
    "decision_detail",
    "decision_list",
    "draft_detail",
    "draft_new",
    "procedure_act",
    "procedure_detail",
    "state_application",
    "state_section",
    "workspace",
]
