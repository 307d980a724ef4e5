"""Why a file was not read, in every language: the words of each refusal, Swedish first.

A refusal is a code and its values (``dsl.reasons``' pattern), so a Swedish report of a missing
or oversized submission says so in Swedish; a rule file's refusal prints its English words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from vardval.dsl import reasons

# code -> (Swedish, English); ``{0}``, ``{1}`` … are the values in order.
REFUSALS: dict[str, tuple[str, str]] = {
    "verbatim": ("{0}", "{0}"),
    "missing": ("filen eller mappen finns inte", "no such file or folder"),
    "broken-link": ("trasig symbolisk länk: den pekar på '{0}', som inte finns",
                    "broken symbolic link: it points to '{0}', which does not exist"),
    "link-loop": ("symbolisk länkslinga: länken leder (genom andra länkar) tillbaka till sig själv",
                  "symbolic link loop: the link leads (through other links) back to itself"),
    "denied": ("åtkomst nekad: vardval får inte läsa den",
               "permission denied: vardval may not read it"),
    "unreadable": ("kan inte läsa den: {0}", "cannot read it: {0}"),
    "not-regular": ("det är {0}, inte en vanlig fil; hoppades över ({1})",
                    "it is {0}, not a regular file; skipped ({1})"),
    "fifo": ("ett namngivet rör (FIFO)", "a named pipe (FIFO)"),
    "character-device": ("en teckenenhet", "a character device"),
    "block-device": ("en blockenhet", "a block device"),
    "socket": ("en socket", "a socket"),
    "folder": ("en mapp", "a folder"),
    "special": ("en specialfil", "special"),
    "waits": ("att läsa den kunde vänta för evigt", "reading it could wait for ever"),
    "name-files": ("ange filerna i den, eller mappen ensam",
                   "name the files in it, or the folder on its own"),
    "too-large": ("filen är {0} byte; gränsen är {1} ({2})",
                  "the file is {0} bytes; the limit is {1} ({2})"),
    "more-than": ("mer än {0}", "more than {0}"),
    "submission-advice": (("en kvartalsinlämning är några kilobyte; är det rätt fil? "
                           "--max-bytes höjer gränsen"),
                          ("a quarterly submission is a few kilobytes; is this the right file? "
                           "--max-bytes raises the limit")),
    "stdin-too-large": (("standard input är över {0} byte; höj --max-bytes om inlämningen "
                         "verkligen är så stor"),
                        ("standard input is over {0} bytes; raise --max-bytes if the submission "
                         "really is this large")),
    "walked-twice": (("redan genomgången (mappen anges mer än en gång); dess filer kontrolleras "
                     "en gång"),
                     ("already walked (this folder is named more than once); its files are "
                     "checked once")),
    "link-walked": (("symbolisk länk till en mapp som redan gåtts igenom som '{0}' (en "
                     "länkslinga eller en andra väg in); hoppades över så att ingen fil "
                     "kontrolleras två gånger"),
                    ("symbolic link to a folder already walked as '{0}' (a link loop or a second "
                     "way in); skipped so no file is checked twice")),
    "folder-walked": (("mappen har redan gåtts igenom som '{0}'; hoppades över så att ingen fil "
                      "kontrolleras två gånger"),
                      "folder already walked as '{0}'; skipped so no file is checked twice"),
    "folder-unreadable": ("kan inte läsa mappen: {0}", "cannot read the folder: {0}"),
    "link-outside": (("symbolisk länk till '{0}', utanför den angivna mappen; följdes inte "
                      "(ange filen själv för att kontrollera den)"),
                     ("symbolic link to '{0}', outside the folder given; not followed (name the "
                      "file itself to check it)")),
    "rule-file-advice": ("en regelfil är några kilobyte; är det rätt fil?",
                         "a rule file is a few kilobytes; is this the right file?"),
}


@dataclass(frozen=True, slots=True)
class Refusal(reasons.Reason):
    """Why a file was not read: a ``REFUSALS`` code and its values.

    Example:
        >>> Refusal("unreadable", ("I/O error",)).words("sv")
        'kan inte läsa den: I/O error'
    """

    TABLE: ClassVar[dict[str, tuple[str, str]]] = REFUSALS
