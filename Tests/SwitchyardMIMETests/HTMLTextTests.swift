import Testing

@testable import SwitchyardMIME

@Suite("HTML to readable text")
struct HTMLTextTests {
    @Test func blocksListsLinksAndEntities() {
        let html = """
            <html><head><title>x</title><style>p { color: red }</style></head><body>
            <h1>Order&nbsp;update</h1><p>Dear customer,<br>your order &#8470; 42 &amp; item &lt;B&gt; shipped.</p>
            <ul><li>Item <a href="https://example.com/a">one</a></li><li>Item two<ul><li>nested</li></ul></li></ul>
            <script>alert("no")</script><p>Caf&eacute; &#x263A; &euro;5 &bogus; &#150;</p></body></html>
            """
        #expect(
            HTMLText.convert(html) == """
                Order update

                Dear customer,
                your order № 42 & item <B> shipped.

                - Item one
                - Item two
                  - nested

                Café ☺ €5 &bogus; –
                """)
    }

    @Test func invisibleCharactersInsideWordsAreDropped() {
        let html =
            "<p>V&shy;ia\u{00AD}gra f&#8203;r&#x2060;ee &#xFEFF;now, fam\u{200D}ily \u{1F469}\u{200D}\u{1F4BB}</p>"
        #expect(HTMLText.convert(html) == "Viagra free now, fam\u{200D}ily \u{1F469}\u{200D}\u{1F4BB}")
    }

    @Test func hiddenContentAndCommentsAreDropped() {
        let html = """
            <div style="display: none">preheader text</div><!-- <p>comment</p> -->\
            <p hidden>secret <b>bold</b></p><span style="visibility:hidden">x</span><p>Visible</p>
            """
        #expect(HTMLText.convert(html) == "Visible")
    }

    @Test func blockquotesBecomeQuotedLines() {
        let html = "<div>Yes.</div><blockquote><div>Can you come?</div><blockquote>Old</blockquote></blockquote>"
        #expect(HTMLText.convert(html) == "Yes.\n\n> Can you come?\n\n>> Old")
    }

    @Test func preformattedKeepsLinesAndTablesSeparateCells() {
        #expect(HTMLText.convert("<pre>a  b\nc</pre>") == "a  b\nc")
        #expect(
            HTMLText.convert("<table><tr><td>Qty</td><td>2</td></tr><tr><td>Sum</td><td>9</td></tr></table>")
                == "Qty 2\nSum 9")
    }

    @Test func brokenMarkupStaysBounded() {
        let html = String(repeating: "<div><b attr=\"unclosed", count: 2_000) + "<!-- never closed"
        #expect(HTMLText.convert(html).isEmpty)
        #expect(HTMLText.convert("a < b and c > d") == "a < b and c > d")
    }
}
