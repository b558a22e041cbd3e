#!/usr/bin/env python3
"""Validates editors/halo.tmLanguage.json and renders a .halo file as coloured HTML.

It is a small TextMate tokenizer (Python standard library only): it applies the grammar's `match`
rules, `begin`/`end` rules with their captures, `name`/`contentName`, nested `patterns` and
`include` (`#name`, `$self`, `$base`) line by line, as VS Code's vscode-textmate does: at each
position the earliest match wins, ties go to the end pattern of the open rule, then to pattern order.

Python's `re` stands in for Oniguruma; the grammar keeps to the subset both read the same way.
Every regex is compiled first, and the script stops (exit 1) naming each one that does not compile
or that uses an Oniguruma-only construct.

    python3 editors/render-sample.py                         # editors/sample.halo -> docs/editor-sample.html
    python3 editors/render-sample.py FILE.halo OUT.html
    python3 editors/render-sample.py --tokens FILE.halo      # print each token and its scopes
    python3 editors/render-sample.py --check                 # compile the grammar only
    python3 editors/render-sample.py --grammar=OTHER.json --check
    python3 editors/render-sample.py --sync                  # copy the grammar into editors/vscode/syntaxes/
"""
import html
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
GRAMMAR = os.path.join(HERE, "halo.tmLanguage.json")
# The VS Code extension ships its own copy (an extension folder must be self-contained).
VSCODE_COPY = os.path.join(HERE, "vscode", "syntaxes", "halo.tmLanguage.json")

# Oniguruma constructs that Python's re rejects or reads differently; the grammar must avoid them.
ONIGURUMA_ONLY = [
    (r"\\[hHGzK]", "\\h, \\H, \\G, \\z, \\K"),
    (r"\\p\{", "\\p{...}"),
    (r"\(\?<[A-Za-z]", "named groups (?<name>...)"),
    (r"\(\?[imx]*-[imx]+\)", "inline flag switches"),
    (r"\[\[:", "POSIX bracket classes"),
    (r"\\[1-9]", "back-references (in end patterns they refer to begin captures)"),
]


class GrammarError(Exception):
    pass


def compile_regex(source, where):
    for pattern, what in ONIGURUMA_ONLY:
        if re.search(pattern, source):
            raise GrammarError(f"{where}: {source!r} uses {what}, which Python's re does not read as Oniguruma does")
    try:
        return re.compile(source)
    except re.error as err:
        raise GrammarError(f"{where}: {source!r} does not compile: {err}") from None


class Rule:
    """One grammar rule with its regexes compiled."""

    def __init__(self, raw, where):
        self.raw = raw
        self.where = where
        self.name = raw.get("name")
        self.content_name = raw.get("contentName")
        self.include = raw.get("include")
        self.match = compile_regex(raw["match"], where + ".match") if "match" in raw else None
        self.begin = compile_regex(raw["begin"], where + ".begin") if "begin" in raw else None
        self.end = compile_regex(raw["end"], where + ".end") if "end" in raw else None
        if self.begin is not None and self.end is None:
            raise GrammarError(f"{where}: a begin rule needs an end")
        self.captures = raw.get("captures", {})
        self.begin_captures = raw.get("beginCaptures", self.captures)
        self.end_captures = raw.get("endCaptures", self.captures)
        self.patterns = [Rule(p, f"{where}.patterns[{i}]") for i, p in enumerate(raw.get("patterns", []))]
        for key, value in list(self.captures.items()) + list(self.begin_captures.items()) + list(self.end_captures.items()):
            if not key.isdigit():
                raise GrammarError(f"{where}: capture key {key!r} is not a group number")
            if "patterns" in value:
                raise GrammarError(f"{where}: captures with patterns are not supported by this checker")


class Grammar:
    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            raw = json.load(f)
        if raw.get("scopeName") != "source.halo":
            raise GrammarError("scopeName must be source.halo")
        self.scope = raw["scopeName"]
        errors = []
        self.repository = {}
        for name, rule in raw.get("repository", {}).items():
            try:
                self.repository[name] = Rule(rule, f"repository.{name}")
            except GrammarError as err:
                errors.append(str(err))
        try:
            self.root = Rule({"patterns": raw["patterns"]}, "patterns")
        except GrammarError as err:
            errors.append(str(err))
        for extra in ("firstLineMatch",):
            if extra in raw:
                try:
                    compile_regex(raw[extra], extra)
                except GrammarError as err:
                    errors.append(str(err))
        if errors:
            raise GrammarError("\n".join(errors))
        self.regex_count = sum(1 for _ in self.all_regexes())
        self._check_includes()

    def all_regexes(self):
        def walk(rule):
            for r in (rule.match, rule.begin, rule.end):
                if r is not None:
                    yield r
            for child in rule.patterns:
                yield from walk(child)
        yield from walk(self.root)
        for rule in self.repository.values():
            yield from walk(rule)

    def _check_includes(self):
        def walk(rule):
            if rule.include and rule.include.startswith("#") and rule.include[1:] not in self.repository:
                raise GrammarError(f"{rule.where}: include {rule.include} names no repository rule")
            for child in rule.patterns:
                walk(child)
        walk(self.root)
        for rule in self.repository.values():
            walk(rule)

    def expand(self, patterns, seen=None):
        """The concrete match/begin rules of a pattern list, includes resolved in order."""
        out = []
        seen = set() if seen is None else seen
        for rule in patterns:
            if rule.include:
                target = rule.include
                if target in ("$self", "$base"):
                    key, inner = target, self.root.patterns
                else:
                    key, inner = target, [self.repository[target[1:]]]
                if key in seen:
                    continue
                out.extend(self.expand(inner, seen | {key}))
            elif rule.match or rule.begin:
                out.append(rule)
            elif rule.patterns:
                out.extend(self.expand(rule.patterns, seen))
        return out


def scopes_of(name):
    return name.split() if name else []


def tokenize(grammar, text):
    """Yields lines as lists of (text, [scopes]) tokens."""
    stack = []  # open begin/end rules: (rule, scopes inside it)
    base = [grammar.scope]
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    result = []
    for line_number, line in enumerate(lines):
        subject = line + "\n"
        tokens = []
        pos = 0
        guard = 0

        def emit(start, end, scopes):
            if end > start:
                tokens.append((subject[start:end], list(scopes)))

        def emit_captures(m, captures, outer):
            # Characters get the outer scopes plus every capture group that covers them; later
            # (inner) groups add their scope on top of earlier (outer) ones.
            start, end = m.span()
            per_char = [list(outer) for _ in range(end - start)]
            for key in sorted(captures, key=int):
                group = int(key)
                if group > (m.re.groups if group else 0) or m.start(group) < 0:
                    continue
                for i in range(m.start(group), m.end(group)):
                    per_char[i - start].extend(scopes_of(captures[key].get("name")))
            i = start
            while i < end:
                j = i
                while j < end and per_char[j - start] == per_char[i - start]:
                    j += 1
                emit(i, j, per_char[i - start])
                i = j

        while pos < len(subject):
            guard += 1
            if guard > 10000:
                raise GrammarError(f"line {line_number + 1}: the tokenizer makes no progress")
            current = stack[-1][0] if stack else grammar.root
            scopes = stack[-1][1] if stack else base
            candidates = []
            if stack:
                candidates.append(("end", current.end))
            for rule in grammar.expand(current.patterns):
                candidates.append((rule, rule.match or rule.begin))
            best = None
            for order, (rule, regex) in enumerate(candidates):
                if line_number > 0 and regex.pattern.startswith("\\A"):
                    continue  # \A matches only at the start of the document
                m = regex.search(subject, pos)
                if m and (best is None or m.start() < best[1].start()):
                    best = (rule, m)
            if best is None:
                emit(pos, len(subject), scopes)
                break
            rule, m = best
            emit(pos, m.start(), scopes)
            if rule == "end":
                open_rule, _ = stack.pop()
                outer = stack[-1][1] if stack else base
                emit_captures(m, open_rule.end_captures, outer + scopes_of(open_rule.name))
                pos = m.end()
            elif rule.match:
                emit_captures(m, rule.captures, scopes + scopes_of(rule.name))
                if m.end() == m.start():  # an empty match: step over one character
                    emit(m.start(), m.start() + 1, scopes)
                    pos = m.end() + 1
                else:
                    pos = m.end()
            else:
                with_name = scopes + scopes_of(rule.name)
                emit_captures(m, rule.begin_captures, with_name)
                stack.append((rule, with_name + scopes_of(rule.content_name)))
                pos = m.end()
        # Drop the "\n" we added; merge neighbours with equal scopes.
        merged = []
        for piece, scopes in tokens:
            piece = piece.replace("\n", "")
            if not piece:
                continue
            if merged and merged[-1][1] == scopes:
                merged[-1] = (merged[-1][0] + piece, scopes)
            else:
                merged.append((piece, scopes))
        result.append(merged)
    return result


# A dark theme in the spirit of VS Code's "Dark+": the most specific scope prefix wins.
THEME = [
    ("comment", "#6a9955", "italic"),
    ("string.unquoted.path", "#4ec9b0", ""),
    ("punctuation.separator.path", "#4ec9b0", ""),
    ("string", "#ce9178", ""),
    ("constant.character.escape", "#d7ba7d", ""),
    ("invalid", "#f44747", "underline"),
    ("punctuation.section.interpolation", "#c586c0", "bold"),
    ("constant.numeric", "#b5cea8", ""),
    ("constant.language", "#569cd6", ""),
    ("keyword.other.request", "#c586c0", "bold"),
    ("keyword.control", "#c586c0", ""),
    ("keyword.other", "#569cd6", ""),
    ("keyword.operator.output-variable", "#d16969", "bold"),
    ("keyword.operator.logical", "#569cd6", ""),
    ("keyword.operator", "#d4d4d4", ""),
    ("storage.type", "#569cd6", ""),
    ("entity.name.function", "#dcdcaa", ""),
    ("support.function", "#dcdcaa", "bold"),
    ("support.type.property-name", "#9cdcfe", ""),
    ("variable.parameter", "#9cdcfe", "italic"),
    ("variable.other.output", "#4fc1ff", "bold"),
    ("variable.other.member", "#9cdcfe", ""),
    ("variable.language", "#4fc1ff", "italic"),
    ("punctuation.accessor.caret", "#d16969", "bold"),
    ("variable", "#9cdcfe", ""),
    ("punctuation", "#d4d4d4", ""),
]
DEFAULT = ("#d4d4d4", "")


def style_for(scopes):
    best = None
    for depth, scope in enumerate(scopes):
        for prefix, colour, extra in THEME:
            if scope == prefix or scope.startswith(prefix + "."):
                rank = (depth, len(prefix))
                if best is None or rank > best[0]:
                    best = (rank, colour, extra)
    if best is None:
        return DEFAULT
    return best[1], best[2]


def css(colour, extra):
    rules = [f"color:{colour}"]
    if "italic" in extra:
        rules.append("font-style:italic")
    if "bold" in extra:
        rules.append("font-weight:bold")
    if "underline" in extra:
        rules.append("text-decoration:underline wavy")
    return ";".join(rules)


def render_html(lines, title):
    body = []
    for number, tokens in enumerate(lines, 1):
        cells = "".join(
            f'<span style="{css(*style_for(scopes))}" title="{html.escape(" ".join(scopes[1:]) or "source.halo")}">'
            f"{html.escape(piece)}</span>"
            for piece, scopes in tokens)
        body.append(f'<span class="ln">{number:>3}</span>  {cells}')
    legend = "".join(
        f'<li><span style="{css(colour, extra)}">{html.escape(prefix)}</span></li>' for prefix, colour, extra in THEME)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>
body {{ background:#1e1e1e; color:#d4d4d4; margin:0; padding:16px 20px; font-family:"DejaVu Sans Mono",Menlo,Consolas,monospace; }}
h1 {{ font:600 15px "DejaVu Sans",sans-serif; color:#ccc; margin:0 0 10px; }}
pre {{ font-size:14px; line-height:1.45; margin:0; }}
.ln {{ color:#6e7681; user-select:none; }}
ul {{ columns:4; font-size:12px; list-style:none; padding:0; margin:14px 0 0; }}
</style></head><body>
<h1>{html.escape(title)} &mdash; highlighted by editors/halo.tmLanguage.json (source.halo)</h1>
<pre>{chr(10).join(body)}</pre>
<ul>{legend}</ul>
</body></html>
"""


def main(argv):
    global GRAMMAR
    args = [a for a in argv if not a.startswith("--")]
    flags = {a for a in argv if a.startswith("--")}
    for flag in list(flags):
        if flag.startswith("--grammar="):  # check (and render with) another grammar file
            GRAMMAR = flag.split("=", 1)[1]
    try:
        grammar = Grammar(GRAMMAR)
    except (GrammarError, KeyError, json.JSONDecodeError) as err:
        print(f"render-sample: the grammar is broken:\n{err}", file=sys.stderr)
        return 1
    print(f"grammar ok: {grammar.regex_count} regexes compile, {len(grammar.repository)} repository rules",
          file=sys.stderr)
    default_grammar = os.path.join(HERE, "halo.tmLanguage.json")
    with open(default_grammar, "rb") as f:
        canonical = f.read()
    if "--sync" in flags:
        os.makedirs(os.path.dirname(VSCODE_COPY), exist_ok=True)
        with open(VSCODE_COPY, "wb") as f:
            f.write(canonical)
    copy = open(VSCODE_COPY, "rb").read() if os.path.exists(VSCODE_COPY) else None
    if copy != canonical:
        print("render-sample: editors/vscode/syntaxes/halo.tmLanguage.json differs from editors/halo.tmLanguage.json;"
              " run: python3 editors/render-sample.py --sync", file=sys.stderr)
        return 1
    if "--check" in flags:
        return 0
    source = args[0] if args else os.path.join(HERE, "sample.halo")
    with open(source, encoding="utf-8") as f:
        text = f.read()
    try:
        lines = tokenize(grammar, text)
    except GrammarError as err:
        print(f"render-sample: {err}", file=sys.stderr)
        return 1
    if "--tokens" in flags:
        for number, tokens in enumerate(lines, 1):
            for piece, scopes in tokens:
                print(f"{number:>3} {piece!r:<32} {' '.join(scopes[1:])}")
        return 0
    out = args[1] if len(args) > 1 else os.path.join(ROOT, "docs", "editor-sample.html")
    with open(out, "w", encoding="utf-8") as f:
        f.write(render_html(lines, os.path.relpath(source, ROOT)))
    print(f"wrote {os.path.relpath(out)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
