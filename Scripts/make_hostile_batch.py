# A workspace of 20 clients; five carry one crash-class input each (issue 17's acceptance):
#   python3 Scripts/make_hostile_batch.py /tmp/hostile && candor batch /tmp/hostile --out /tmp/hostile-reports
# writes 15 reports and names five errors, exit status 1.
import os, shutil, sys
root = sys.argv[1]
shutil.rmtree(root, ignore_errors=True)
client_yaml = """name: Client {n}
tasks:
  - id: engine-failure
    name: Engine failure within 30 days
    positive_label: failure
    primary_metric: recall
validation_sets:
  - id: holdout
    description: Frozen test set
    role: test
"""
ev = "weeks/2026-W48/evaluations/engine-failure"
for i in range(20):
    c = f"{root}/clients/client-{i:02d}"
    os.makedirs(f"{c}/{ev}")
    open(f"{c}/client.yaml", "w").write(client_yaml.format(n=i))
    open(f"{c}/{ev}/holdout.counts.json", "w").write(
        '{"labels": ["ok", "failure"], "matrix": [[900, 40], [20, 40]]}')
# 1. A count near 2^63 (two cells of 2^62 used to overflow the total).
open(f"{root}/clients/client-03/{ev}/holdout.counts.json", "w").write(
    '{"labels": ["ok", "failure"], "matrix": [[4611686018427387904, 4611686018427387904], [1, 1]]}')
# 2. counts.json nested 50,000 deep.
open(f"{root}/clients/client-07/{ev}/holdout.counts.json", "w").write(
    '{"labels": ["ok", "failure"], "matrix": ' + "[" * 50000 + "]" * 50000 + "}")
# 3. worklog.yaml nested 5,000 deep (flow style, under a key Candor never reads).
open(f"{root}/clients/client-11/weeks/2026-W48/worklog.yaml", "w").write(
    "items: []\nnotes: " + "[" * 5000 + "]" * 5000 + "\n")
# 4. A FIFO named like a set's file.
os.remove(f"{root}/clients/client-15/{ev}/holdout.counts.json")
os.mkfifo(f"{root}/clients/client-15/{ev}/holdout.csv")
# 5. A client template partial that includes itself.
os.makedirs(f"{root}/clients/client-19/templates/report")
open(f"{root}/clients/client-19/templates/report/footer.mustache", "w").write("Footer {{> report/footer}}\n")
