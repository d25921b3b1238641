"""The prompt templates ship inside the wheel and work from a non-editable install."""

import subprocess
import sys
import zipfile
from pathlib import Path

from .conftest import ROOT


def test_installed_wheel_finds_its_templates(tmp_path: Path) -> None:
    """Build the wheel, unpack it away from the repository, and render the prompts from it."""
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True,
        timeout=300,
        capture_output=True,
    )
    [wheel] = tmp_path.glob("summarizer-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "summarizer/prompts/system.j2" in names and "summarizer/prompts/user.j2" in names
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    probe = (
        "import summarizer, summarizer.prompts as p;"
        "from summarizer.cleaning import clean; from summarizer.segmentation import segment;"
        "t = p.PromptTemplates.load(); s, u = t.render(segment(clean('Alice met Bob.')), 'docb-x');"
        "print(summarizer.__file__); print(p.default_template_dir()); print(u)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe],
        env={"PYTHONPATH": str(site)},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    module_file, template_dir, *_ = out.splitlines()
    assert module_file.startswith(str(site)) and template_dir.startswith(str(site))
    assert "[S1] Alice met Bob." in out
