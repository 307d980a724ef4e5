"""``vardval replay`` as text: was the result reproduced, and what today's rules decide."""

from __future__ import annotations

from vardval.checker.store.history_text import WORDS
from vardval.checker.store.replay import Decided, Replay

_TEXT = {
    "sv": {"head": "{file} — {hsa} {period} revision {rev}, lagrad {at}",
           "rules": "Kontrollerad med regler {digest}",
           "same": "Dagens regler är desamma ({digest}).",
           "other": "Dagens regler: {digest}",
           "reproduced": "Omkörning med samma regler: samma resultat för alla {n} regler.",
           "not_reproduced": "Omkörning med samma regler gav ANNAT resultat: {rules}",
           "missing": "Reglerna med sammanfattningen {digest} finns inte längre i lagret; "
                      "jämför bara med dagens regler.",
           "unreadable": "Reglerna med sammanfattningen {digest} kan inte längre läsas av "
                         "denna vardval ({why}); jämför bara med dagens regler.",
           "none": "Dagens regler beslutar likadant.",
           "diff": "Dagens regler beslutar annorlunda:", "absent": "finns inte",
           "waived": "undantag"},
    "en": {"head": "{file} — {hsa} {period} revision {rev}, recorded {at}",
           "rules": "Checked with rules {digest}",
           "same": "Today's rules are the same ({digest}).",
           "other": "Today's rules: {digest}",
           "reproduced": "Re-run with the same rules: the same result for all {n} rules.",
           "not_reproduced": "Re-run with the same rules gave a DIFFERENT result: {rules}",
           "missing": "The rules with digest {digest} are no longer in the store; comparing "
                      "with today's rules only.",
           "unreadable": "The rules with digest {digest} can no longer be read by this "
                         "vardval ({why}); comparing with today's rules only.",
           "none": "Today's rules decide the same.",
           "diff": "Today's rules decide differently:", "absent": "absent",
           "waived": "dispensation"},
}


def render(value: Replay, lang: str) -> str:
    text = _TEXT[lang]
    lines = [text["head"].format(file=value.file, hsa=value.hsa_id, period=value.period,
                                 rev=value.revision, at=value.recorded_at),
             text["rules"].format(digest=value.rules_digest)]
    same = value.today_digest == value.rules_digest
    lines.append(text["same" if same else "other"].format(digest=value.today_digest))
    if value.then is None:
        key = "missing" if value.unavailable == "missing" else "unreadable"
        lines.append(text[key].format(digest=value.rules_digest, why=value.unavailable))
    elif value.reproduced():
        lines.append(text["reproduced"].format(n=len(value.then)))
    else:
        changed = sorted(r for r in set(value.then) | set(value.stored)
                         if value.then.get(r) != value.stored.get(r))
        lines.append(text["not_reproduced"].format(rules=", ".join(changed)))
    differences = value.differences()
    if not differences:
        lines.append(text["none"])
    else:
        lines.append(text["diff"])
        lines += [f"  {rule}: {_word(was, lang)} → {_word(now, lang)}"
                  for rule, was, now in differences]
    return "\n".join(lines) + "\n"


def _word(decided: Decided | None, lang: str) -> str:
    if decided is None:
        return _TEXT[lang]["absent"]
    status, waived = decided
    word = WORDS[lang][status]
    return f"{word} ({_TEXT[lang]['waived']})" if waived else word
