"""Ids are unique among their kind across the whole data set, former ids included."""

from __future__ import annotations

from generator.load.problems import Problems


class IdRegistry:
    """Remembers where each id (and each former id) of each kind was first given."""

    def __init__(self, problems: Problems) -> None:
        self.problems = problems
        self._seen: dict[tuple[str, str], str] = {}

    def claim(
        self, kind: str, item_id: str, formerly: tuple[str, ...], path: str, line: int
    ) -> bool:
        """Record ``item_id`` and its former ids; False (with a problem) when one is taken."""
        ok = True
        for name, role in [(item_id, "id"), *((old, "former id") for old in formerly)]:
            first = self._seen.get((kind, name))
            if first is not None:
                self.problems.add(
                    path,
                    line,
                    f"{kind} {role} '{name}' is already used at {first}: "
                    "an id is unique and never reused",
                )
                ok = ok and role != "id"
                continue
            self._seen[(kind, name)] = f"{path}:{line}"
        return ok
