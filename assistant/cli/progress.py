"""Progress of an index build on the terminal: documents, pages, passages, embedding with time estimate."""

from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn


class RichBuildProgress:
    def __init__(self, console: Console) -> None:
        self._progress = Progress(
            TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[detail]}"), TimeElapsedColumn(), TextColumn("Rest"), TimeRemainingColumn(),
            console=console, transient=False,
        )
        self._documents = None
        self._embedding = None
        self._pages = 0
        self._passages = 0

    def __enter__(self) -> "RichBuildProgress":
        self._progress.__enter__()
        return self

    def __exit__(self, *exc) -> None:  # noqa: ANN002
        self._progress.__exit__(*exc)

    def document(self, source, position: int, total: int) -> None:  # noqa: ANN001
        if self._documents is None:
            self._documents = self._progress.add_task("Dokumente", total=total, detail="")
        self._progress.update(self._documents, completed=position - 1, detail=f"{source.id}")

    def prepared(self, source, pages: int, passages: int, reused: bool) -> None:  # noqa: ANN001
        self._pages += pages
        self._passages += passages
        self._progress.update(
            self._documents, advance=1,
            detail=f"{self._pages} Seiten, {self._passages} Passagen" + (" (unverändert)" if reused else ""),
        )

    def embedding(self, done: int, total: int) -> None:
        if self._embedding is None:
            self._embedding = self._progress.add_task("Einbetten", total=max(total, 1), detail="Passagen")
        self._progress.update(self._embedding, completed=done if total else 1)

    def failed(self, error) -> None:  # noqa: ANN001
        self._progress.console.print(f"[red]Nicht lesbar:[/] {error.path}: {error.reason}", highlight=False)
        if self._documents is not None:
            self._progress.update(self._documents, advance=1)
