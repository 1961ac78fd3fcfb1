"""The reader: one article at a comfortable measure, boilerplate dimmed and folded away."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Footer, Static

from newsdiff.present.markers import MARKS
from newsdiff.present.visible import visible
from newsdiff.present.words import counted
from newsdiff.sources.formats.text import headline_sentence
from newsdiff.tui.screens.navigation import NavigationScreen
from newsdiff.values import Article, Sentence


def paragraphs(article: Article) -> list[list[Sentence]]:
    """The article's sentences, cut where a line break separates two of them."""
    out: list[list[Sentence]] = []
    for s in article.sentences:
        if out and "\n" not in article.text[out[-1][-1].end : s.start]:
            out[-1].append(s)
        else:
            out.append([s])
    return out


class ReaderScreen(NavigationScreen):
    """One article, centred, about 80 columns wide; ``b`` shows or folds the boilerplate."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="back"),
        Binding("b", "toggle_boilerplate", "Boilerplate", id="boilerplate"),
    ]

    def __init__(self, article: Article) -> None:
        super().__init__()
        self.article = article
        self.show_boilerplate = False

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="reader-scroll"), Vertical(id="reader-page"):
            yield Static(Text(visible(self.article.title), style="bold"), id="reader-headline")
            meta = " \u00b7 ".join(
                visible(x) for x in (
                    f"By {self.article.byline}" if self.article.byline else "",
                    self.article.outlet,
                ) if x)
            yield Static(Text(meta, style="italic"), id="reader-byline")
            yield Vertical(id="reader-body")
        yield Footer()

    def on_mount(self) -> None:
        self.fill()

    def fill(self) -> None:
        body = self.query_one("#reader-body")
        body.remove_children()
        folded = 0
        widgets: list[Static] = []
        headline = headline_sentence(self.article)
        for para in paragraphs(self.article):
            text = Text()
            for s in para:
                if s.index == headline:
                    continue  # shown above, styled
                if s.boilerplate and not self.show_boilerplate:
                    folded += 1
                    continue
                if text:
                    text.append(" ")
                text.append(visible(s.text), style=MARKS["boilerplate"].style if s.boilerplate
                            else "")
            if text:
                widgets.append(Static(text, classes="paragraph"))
        if folded:
            widgets.append(Static(Text(
                f"{MARKS['boilerplate'].marker} {counted(folded, 'boilerplate sentence')} "
                "folded away \u2014 b shows them",
                style=MARKS["boilerplate"].style), classes="folded"))
        body.mount_all(widgets)

    def action_toggle_boilerplate(self) -> None:
        self.show_boilerplate = not self.show_boilerplate
        self.fill()

    def navigation_target(self) -> Widget:
        return self.query_one("#reader-scroll", VerticalScroll)
