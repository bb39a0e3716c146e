"""The part of a docs page that a measuring run rewrites: between two HTML comments."""


def rewrite_between(path, body, begin, end, title):
    """Put `body` between the markers `begin` and `end` of the page at `path`, leaving the rest
    as it is; a page without them gets them at its end (a missing page: `title` and them)."""
    text = path.read_text() if path.exists() else f"# {title}\n\n{begin}\n{end}\n"
    if begin not in text or end not in text:
        text = f"{text.rstrip()}\n\n{begin}\n{end}\n"
    head, rest = text.split(begin, 1)
    tail = rest.split(end, 1)[1]
    path.write_text(f"{head}{begin}\n{body}\n{end}{tail}")
