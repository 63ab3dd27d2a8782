"""Threats recognised by intent, not vocabulary: an offline classifier.

Rule checks match the words we anticipated; attackers and ordinary users use others.
This package scores a text for what it is trying to do (jailbreak, instructions
injected into content, the Guideline's prohibited uses, doxxing, discrimination)
with a linear model over hashed character and word n-grams, in English, Traditional
and Simplified Chinese and Cantonese. Nothing is downloaded: the weights ship inside
the package (``data/threat-classifier.npz``), and the featuriser is plain Python and
NumPy, the same code at training and at run time.

- :mod:`.fold` turns a text into the form features are taken from (width, case,
  script, leetspeak, homoglyphs, spaced-out letters);
- :mod:`.features` hashes its n-grams into a fixed-size space;
- :mod:`.model` scores texts, in overlapping windows for long ones;
- :mod:`.check` is the ``threat_classifier`` check built on it.
"""
