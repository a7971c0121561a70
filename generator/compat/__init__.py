"""`schemasmith diff`: classify the changes between two versions of the specs by what they break.

changes.py finds the changes in the IR, directions.py says which way each
model's data flows, rules.py is the table that turns both into a severity,
report.py prints the result and sources.py loads the two versions.
"""
