"""The results store: every checked submission kept, its history, follow-up and replay."""

from typing import TYPE_CHECKING

from vardval.checker.faces import lazy_face

if TYPE_CHECKING:
    from vardval.checker.store import history_html, history_text, replay_text
    from vardval.checker.store.accounts import (
        ROLES,
        Account,
        account_for_digest,
        account_for_token,
        account_named,
        accounts,
        add_user,
        issue_token,
        revoke_tokens,
        token_digest,
    )
    from vardval.checker.store.actions import LABELS, STEPS, FollowUp, Step, add_step, check_step
    from vardval.checker.store.actions import follow_ups as follow_ups_of
    from vardval.checker.store.errors import StoreError
    from vardval.checker.store.history import CHANGES, History, history
    from vardval.checker.store.history import as_json as history_json
    from vardval.checker.store.latest import Stored, latest_submissions
    from vardval.checker.store.quarters import parse_quarter, quarter_range
    from vardval.checker.store.record import Recorded
    from vardval.checker.store.replay import Replay, replay
    from vardval.checker.store.store import Store, vardval_version

__getattr__, __dir__ = lazy_face(__name__, __file__)

__all__ = [
    "CHANGES",
    "LABELS",
    "ROLES",
    "STEPS",
    "Account",
    "FollowUp",
    "History",
    "Recorded",
    "Replay",
    "Step",
    "Store",
    "StoreError",
    "Stored",
    "account_for_digest",
    "account_for_token",
    "account_named",
    "accounts",
    "add_step",
    "add_user",
    "check_step",
    "follow_ups_of",
    "history",
    "history_html",
    "history_json",
    "history_text",
    "issue_token",
    "latest_submissions",
    "parse_quarter",
    "quarter_range",
    "replay",
    "replay_text",
    "revoke_tokens",
    "token_digest",
    "vardval_version",
]
