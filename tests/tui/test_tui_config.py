"""The reader's settings file: theme remembered, keys overridden, broken files tolerated."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from newsdiff.tui import config
from newsdiff.tui.app import NewsdiffApp, known_binding_ids
from newsdiff.tui.bindings import bindings_of
from newsdiff.tui.screens.compare import CompareScreen
from newsdiff.tui.screens.help import HelpScreen
from newsdiff.tui.screens.library import LibraryScreen

from .tui_support import NotifySpy, settle


@pytest.fixture
def cfg_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "conf" / "config.toml"
    monkeypatch.setenv(config.ENV_VAR, str(path))
    return path


def test_env_var_names_the_file(cfg_path: Path) -> None:
    assert config.config_path() == cfg_path


def test_default_path_is_the_platform_config_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    from platformdirs import user_config_dir

    monkeypatch.delenv(config.ENV_VAR, raising=False)
    assert config.config_path() == Path(user_config_dir("newsdiff", appauthor=False),
                                        "config.toml")


async def test_theme_is_remembered_across_runs(cfg_path: Path) -> None:
    cfg_path.parent.mkdir()
    cfg_path.write_text('# my settings\n\n[keys]\nhelp = "h"  # keep me\n', encoding="utf-8")
    app = NewsdiffApp([])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert app.theme == "textual-dark"
        await pilot.press("ctrl+t")  # the theme picker
        await pilot.pause()
        await pilot.press(*"nord", "enter")
        await pilot.pause()
        assert app.theme == "nord"
    text = cfg_path.read_text(encoding="utf-8")
    assert tomllib.loads(text) == {"theme": "nord", "keys": {"help": "h"}}
    assert "# my settings" in text and "# keep me" in text
    assert not [p for p in cfg_path.parent.iterdir() if p != cfg_path]  # no temp files left

    again = NewsdiffApp([])
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(again, pilot)
        assert again.theme == "nord"
        again.theme = "gruvbox"
        await pilot.pause()
    assert tomllib.loads(cfg_path.read_text(encoding="utf-8"))["theme"] == "gruvbox"


async def test_start_up_does_not_write_the_file(cfg_path: Path) -> None:
    app = NewsdiffApp([])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
    assert not cfg_path.exists()


async def test_key_override_takes_effect(cfg_path: Path, notices: NotifySpy) -> None:
    cfg_path.parent.mkdir()
    cfg_path.write_text('[keys]\nhelp = "h"\n', encoding="utf-8")
    app = NewsdiffApp([])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")  # the default key no longer opens help
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = {b.id: b.key_display for _, b in bindings_of(app)}
        assert shown["help"] == "h"  # the help screen lists the key in use
        assert not notices.messages("warning")


@pytest.mark.parametrize("text", [
    "theme = \"nord\"\n[keys\n",                # not TOML
    "theme = 3\nkeys = \"h\"\n",                 # wrong types
    "theme = \"no-such-theme\"\n",              # unknown theme
    "[keys]\nno_such_action = \"x\"\nhelp = 4\n",  # unknown name, wrong type
    "\xff\xfe not utf-8",
])
async def test_malformed_file_warns_and_uses_defaults(cfg_path: Path, text: str,
                                                      notices: NotifySpy) -> None:
    cfg_path.parent.mkdir()
    cfg_path.write_bytes(text.encode("latin-1"))
    app = NewsdiffApp([])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert app.theme == "textual-dark"
        warnings = notices.messages("warning")
        assert warnings and all("\n" not in w for w in warnings)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_broken_file_is_never_overwritten(cfg_path: Path) -> None:
    cfg_path.parent.mkdir()
    cfg_path.write_text("theme = \"nord\"\n[keys\n", encoding="utf-8")
    app = NewsdiffApp([])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.theme = "gruvbox"
        await pilot.pause()
    assert cfg_path.read_text(encoding="utf-8") == "theme = \"nord\"\n[keys\n"


@pytest.mark.parametrize(("before", "after"), [
    ("", 'theme = "nord"\n'),
    ('theme = "dracula"\n', 'theme = "nord"\n'),
    ('a = 1\n  theme="x" # old\n[keys]\ntheme = "y"\n',
     'a = 1\ntheme = "nord"\n[keys]\ntheme = "y"\n'),
    ('[keys]\nhelp = "h"\n', 'theme = "nord"\n[keys]\nhelp = "h"\n'),
])
def test_with_theme_changes_only_the_theme(before: str, after: str) -> None:
    assert config.with_theme(before, "nord") == after


def test_save_theme_refuses_to_break_settings(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('theme = """multi\nline"""\n', encoding="utf-8")
    with pytest.raises(ValueError):
        config.save_theme(path, "nord")
    assert path.read_text(encoding="utf-8") == 'theme = """multi\nline"""\n'


async def test_a_compare_key_can_be_overridden(cfg_path: Path, notices: NotifySpy) -> None:
    cfg_path.parent.mkdir()
    cfg_path.write_text('[keys]\nnext = "J"\n', encoding="utf-8")
    app = NewsdiffApp([])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("c")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        first = screen.selected
        await pilot.press("j")  # no longer bound
        await pilot.pause()
        assert screen.selected == first
        await pilot.press("J")
        await pilot.pause()
        assert screen.selected == screen.order()[1]
        assert not notices.messages("warning")


def test_readme_lists_every_key_name() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| [^|]+ \| `([a-z_0-9]+)` \|", readme, flags=re.MULTILINE))
    assert listed == known_binding_ids()
