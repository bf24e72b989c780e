#!/usr/bin/env python3
"""Writes the man page candor(1) from the binary's own help, so the two never disagree.

    python3 Scripts/make_manpage.py dist/candor 1.2.0 > candor.1

It reads `candor --experimental-dump-help` (swift-argument-parser's description of every
command, option and help text, the same data its generate-manual plugin uses) and prints roff
(man(7) macros) on standard output. Deterministic: no date, no host name.
"""
import json
import subprocess
import sys


def roff(text):
    """Escapes text for a roff line: backslashes, and a leading dot or quote."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    lines = []
    for line in text.split("\n"):
        if line.startswith((".", "'")):
            line = "\\&" + line
        lines.append(line)
    return "\n".join(lines)


def paragraphs(text):
    """Discussion text: blank lines start paragraphs; indented lines are kept as they are."""
    out = []
    for block in text.strip().split("\n\n"):
        lines = block.split("\n")
        if any(line.startswith("  ") for line in lines[1:]) or lines[0].endswith(":"):
            head = [] if lines[0].startswith("  ") else [lines.pop(0)]
            if head:
                out += [".PP", roff(head[0])]
            out += [".nf", ".RS 4"] + [roff(line.strip()) for line in lines] + [".RE", ".fi"]
        else:
            out += [".PP", roff(" ".join(line.strip() for line in lines))]
    return out


def synopsis_of(argument):
    if argument["kind"] == "positional":
        text = "<%s>" % argument["valueName"]
    else:
        name = argument["preferredName"]
        text = ("--" if name["kind"] == "long" else "-") + name["name"]
        if argument["kind"] == "option":
            text += " <%s>" % argument["valueName"]
    if argument.get("isRepeating"):
        text += " ..."
    return "[%s]" % text if argument.get("isOptional") else text


def visible(argument):
    """Shown arguments, less --help and --version, which every subcommand inherits."""
    name = argument.get("preferredName", {}).get("name")
    return argument.get("shouldDisplay", True) and name not in ("help", "version")


def options_of(command, keep_common=False):
    out = []
    for argument in command.get("arguments", []):
        if not (visible(argument) or (keep_common and argument.get("shouldDisplay", True))):
            continue
        if argument["kind"] == "positional":
            label = "\\fI<%s>\\fR" % argument["valueName"]
        else:
            names = []
            for name in argument.get("names", []):
                dash = "--" if name["kind"] in ("long", "longWithSingleDash") else "-"
                if name["kind"] == "longWithSingleDash":
                    dash = "-"
                names.append("\\fB%s%s\\fR" % (dash.replace("-", "\\-"), name["name"].replace("-", "\\-")))
            label = ", ".join(names)
            if argument["kind"] == "option":
                label += " \\fI<%s>\\fR" % argument["valueName"]
        help_text = argument.get("abstract", "")
        if argument.get("defaultValue") is not None:
            help_text += " (default: %s)" % argument["defaultValue"]
        out += [".TP", label, roff(help_text)]
        if argument.get("discussion"):
            out += [roff(str(argument["discussion"]))]
    return out


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: make_manpage.py <candor binary> <version>")
    binary, version = sys.argv[1], sys.argv[2]
    dump = json.loads(subprocess.run([binary, "--experimental-dump-help"], check=True,
                                     capture_output=True, text=True).stdout)
    root = dump["command"]
    name = root["commandName"]
    out = ['.TH "%s" "1" "" "%s %s" "User Commands"' % (name.upper(), name, version),
           ".SH NAME", "%s \\- %s" % (name, roff(root["abstract"]))]
    subcommands = [c for c in root.get("subcommands", []) if c.get("shouldDisplay", True) and c["commandName"] != "help"]
    out += [".SH SYNOPSIS"]
    for sub in subcommands:
        shown = [a for a in sub.get("arguments", []) if visible(a)]
        out += [".PP", "\\fB%s %s\\fR %s" % (name, sub["commandName"], roff(" ".join(synopsis_of(a) for a in shown)))]
    out += [".PP", "\\fB%s \\-\\-version\\fR" % name]
    out += [".SH DESCRIPTION"] + paragraphs(root.get("discussion", ""))
    out += [".SH OPTIONS"] + options_of(root, keep_common=True)
    for sub in subcommands:
        out += [".SH \"%s %s\"" % (name.upper(), sub["commandName"].upper()), roff(sub.get("abstract", ""))]
        out += paragraphs(sub.get("discussion", ""))
        out += options_of(sub)
    out += [".SH FILES",
            "Templates are built into the binary. A workspace's \\fItemplates/\\fR folder and a client's "
            "\\fIclients/<id>/templates/\\fR override single templates.",
            ".SH ENVIRONMENT", ".TP", "\\fBCANDOR_TEMPLATES\\fR",
            "A templates folder used instead of the built\\-in templates (\\fB\\-\\-templates\\fR takes precedence).",
            ".SH EXIT STATUS",
            "0 when everything asked for was written; 1 when an input is wrong or a report failed; "
            "2 for a usage error; 3 when \\fBcandor diff\\fR fails its gate.",
            ".SH SEE ALSO",
            "/usr/share/doc/candor/README.md"]
    print("\n".join(out))


if __name__ == "__main__":
    main()
