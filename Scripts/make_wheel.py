#!/usr/bin/env python3
"""Writes the candor-report wheel: python/candor_report with a candor binary inside.

    python3 Scripts/make_wheel.py --binary dist/candor --version 1.2.0 --out dist

A wheel is a zip file (PEP 427): the package, candor_report/bin/candor (mode 755), and a
.dist-info folder with METADATA (from python/pyproject.toml's [project]), WHEEL, entry_points.txt,
the repository's LICENSE and RECORD (sha256 of every file). Written here with the standard library alone, so that no
build backend has to come from PyPI; the same inputs give the same bytes (fixed time stamps,
sorted entries). Prints the wheel's path. Used by Scripts/build-wheel.
"""

import argparse
import base64
import hashlib
import sys
import zipfile
from pathlib import Path
from typing import Any

import tomllib  # Python 3.11+

TAG = "py3-none-manylinux_2_36_x86_64"  # the static binary needs glibc 2.36 (Debian 12), x86-64
STAMP = (2026, 1, 1, 0, 0, 0)
ROOT = Path(__file__).resolve().parent.parent


def check_binary(path: Path) -> None:
    """Refuses anything but an x86-64 ELF executable: the wheel's tag promises one."""
    head = path.read_bytes()[:20]
    if head[:4] != b"\x7fELF" or head[4] != 2 or int.from_bytes(head[18:20], "little") != 0x3E:
        sys.exit(f"make_wheel: {path} is not an x86-64 ELF executable")


def metadata(project: dict[str, Any], version: str) -> str:
    lines = ["Metadata-Version: 2.1", f"Name: {project['name']}", f"Version: {version}",
             f"Summary: {project['description']}",
             f"Requires-Python: {project['requires-python']}"]
    if "license" in project:
        lines.append(f"License: {project['license']}")
    lines += [f"Classifier: {c}" for c in project.get("classifiers", [])]
    for extra, requirements in project.get("optional-dependencies", {}).items():
        lines.append(f"Provides-Extra: {extra}")
        lines += [f'Requires-Dist: {r}; extra == "{extra}"' for r in requirements]
    lines.append("Description-Content-Type: text/markdown")
    readme = (ROOT / "python" / str(project["readme"])).read_text(encoding="utf-8")
    return "\n".join(lines) + "\n\n" + readme


def record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", required=True, type=Path)
    parser.add_argument("--version", required=True)
    parser.add_argument("--out", required=True, type=Path)
    arguments = parser.parse_args()
    check_binary(arguments.binary)

    project: dict[str, Any] = tomllib.loads((ROOT / "python" / "pyproject.toml").read_text())[
        "project"
    ]
    name = str(project["name"]).replace("-", "_")
    info = f"{name}-{arguments.version}.dist-info"
    files: dict[str, tuple[bytes, int]] = {}  # archive name -> (bytes, mode)
    package = ROOT / "python" / "candor_report"
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix in {".py", ".typed"}:
            files[path.relative_to(package.parent).as_posix()] = (path.read_bytes(), 0o644)
    files["candor_report/bin/candor"] = (arguments.binary.read_bytes(), 0o755)
    files[f"{info}/METADATA"] = (metadata(project, arguments.version).encode(), 0o644)
    files[f"{info}/WHEEL"] = (
        f"Wheel-Version: 1.0\nGenerator: candor make_wheel.py\nRoot-Is-Purelib: false\n"
        f"Tag: {TAG}\n".encode(), 0o644)
    if (ROOT / "LICENSE").is_file():
        files[f"{info}/LICENSE"] = ((ROOT / "LICENSE").read_bytes(), 0o644)
    scripts = project.get("scripts", {})
    if scripts:
        entry = "[console_scripts]\n" + "".join(f"{k} = {v}\n" for k, v in scripts.items())
        files[f"{info}/entry_points.txt"] = (entry.encode(), 0o644)
    record = [record_line(n, data) for n, (data, _) in files.items()] + [f"{info}/RECORD,,"]
    files[f"{info}/RECORD"] = (("\n".join(record) + "\n").encode(), 0o644)

    arguments.out.mkdir(parents=True, exist_ok=True)
    wheel = arguments.out / f"{name}-{arguments.version}-{TAG}.whl"
    temporary = wheel.with_suffix(".whl.part")
    with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as archive:
        for archive_name, (data, mode) in files.items():  # dist-info last, RECORD at the end
            member = zipfile.ZipInfo(archive_name, STAMP)
            member.external_attr = (0o100000 | mode) << 16
            member.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(member, data)
    temporary.replace(wheel)
    print(wheel)
    return 0


if __name__ == "__main__":
    sys.exit(main())
