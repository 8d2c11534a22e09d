"""What the hostile-input walk did, summed over xdist workers and printed at the end of the run.

Each worker hands its counts to the controller through ``workeroutput`` (pytest-xdist); the
hooks that do this live in tests/conftest.py, which pytest loads on the controller too.
"""

import json
from dataclasses import dataclass, field


@dataclass
class Counts:
    requests: int = 0
    server_errors: int = 0
    reflections: int = 0
    pages: set = field(default_factory=set)
    fields: set = field(default_factory=set)

    def dump(self) -> str:
        return json.dumps(
            {
                "requests": self.requests,
                "server_errors": self.server_errors,
                "reflections": self.reflections,
                "pages": sorted(self.pages),
                "fields": sorted(self.fields),
            }
        )

    def add(self, dumped: str) -> None:
        other = json.loads(dumped)
        self.requests += other["requests"]
        self.server_errors += other["server_errors"]
        self.reflections += other["reflections"]
        self.pages.update(other["pages"])
        self.fields.update(other["fields"])

    def summary(self) -> str:
        return (
            f"hostile inputs: {self.requests} requests over {len(self.pages)} pages "
            f"(URL patterns), {len(self.fields)} form fields and parameters, "
            f"{self.server_errors} server errors, {self.reflections} reflections"
        )


COUNTS = Counts()
