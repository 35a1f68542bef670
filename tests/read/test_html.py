"""reelgraph.read.html: recognising a page and taking its article."""

from reelgraph.read.html import extract_article, looks_like_html


def test_looks_like_html():
    assert looks_like_html("<!doctype html><html><body><p>x</p></body></html>")
    assert looks_like_html("  <!-- saved page -->\n<HTML lang='en'>")
    assert looks_like_html("<div><p>one</p><p>two</p></div>")
    assert not looks_like_html("The film <b>opened</b> on Friday.")
    assert not looks_like_html("Premiere in Moscow\n\nThe film opened on Friday.")


def test_article_without_metadata():
    page = ("<html><body><article><p>" + "The director presented the film to an audience of critics. " * 3
            + "</p></article></body></html>")
    article = extract_article(page)
    assert article is not None
    assert article.text.startswith("The director presented the film")
    assert article.published is None


def test_no_body():
    assert extract_article("<html><body><nav>Home</nav></body></html>") is None
    assert extract_article("<html><body></body></html>") is None


def test_italic_runs_are_kept_as_spans_of_the_article_text():
    from reelgraph.read import read_bytes

    page = ("<html><body><article><p>Directed by Ana Ruiz, <i>Seven Lakes Blue</i> opens on Friday. "
            "Critics called <em>Seven  Lakes\nBlue</em> a quiet triumph, and the crew of <cite>Iron Gate</cite> "
            "came too.</p><p>" + "The festival season goes on with more films to come. " * 2
            + "</p></article><aside><i>Not in the article</i></aside></body></html>").encode()
    doc = read_bytes(page, "page.html")
    assert [doc.text[a:b] for a, b in doc.emphasis] == ["Seven Lakes Blue", "Seven Lakes Blue", "Iron Gate"]


def test_plain_text_has_no_emphasis():
    from reelgraph.read import read_bytes

    assert read_bytes(b"The film <i>opened</i> on Friday in Rome.", "note.txt", html=False).emphasis == ()
