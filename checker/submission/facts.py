"""What the `vardval/submission@1` format fixes that needs no validator: its id, the regions
and the patterns of its texts.

Why a module of its own: rule files, parameter files and the command line name regions too,
and a warm ``vardval check`` must reach them without importing pydantic (issue 21);
``model`` builds its fields from these same values.
"""

from __future__ import annotations

from typing import Literal, get_args

FORMAT_ID = "vardval/submission@1"
SCHEMA_ID = "https://vardval.se/schemas/submission-1.json"
HSA_ID_PATTERN = r"^SE[0-9]{10}-[0-9A-Za-z]{1,31}$"
PERIOD_PATTERN = r"^[0-9]{4}-Q[1-4]$"
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


Region = Literal[
    "stockholm", "uppsala", "sormland", "ostergotland", "jonkoping", "kronoberg", "kalmar",
    "gotland", "blekinge", "skane", "halland", "vastra-gotaland", "varmland", "orebro",
    "vastmanland", "dalarna", "gavleborg", "vasternorrland", "jamtland-harjedalen",
    "vasterbotten", "norrbotten",
]  # fmt: skip
REGIONS: tuple[str, ...] = get_args(Region)
CapGround = Literal["patient_safety", "work_environment", "low_accessibility"]
DigitalChannel = Literal["video", "chat", "phone", "app"]
