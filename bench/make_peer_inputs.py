#!/usr/bin/env python3
"""Writes the example complaint for the peer tools, from the same case profile Drafter
exports: a typst file, a flat ODT (LibreOffice) and an HTML page (Chromium).

Usage: make_peer_inputs.py PROFILE.json BODY.md OUTDIR

PROFILE.json is `drafter example alt-uscis`; BODY.md is the same template filled by
Drafter (`drafter render --format markdown`), so every tool sets the same words. Each
input has what Drafter's page has: counsel's block, the court's title, the caption box
with the parties, the case number and the document title, numbered double-spaced
paragraphs (12 pt Liberation Serif, 1.5-inch left and 1-inch right margins), headings,
the prayer for relief, the signature block, and a footer with the title and page
number; typst and Chromium also draw the pleading paper's 28 line numbers and rules
(LibreOffice's line numbering counts text lines, not the fixed 28-line grid, so its
page has the rules only).
"""

import datetime
import html
import json
import re
import sys
from pathlib import Path


def unescape(s):
    """Drafter's Markdown escape puts a backslash before punctuation."""
    return re.sub(r"\\(.)", r"\1", s)


def blocks(md):
    """(kind, label, text) for each block of the filled body: h2, h3, num (label "1."),
    bullet (label "A."), para (no label). Numbers and letters run on through the body."""
    out = []
    n = 0
    letter = 0
    for chunk in re.split(r"\n\s*\n", md.strip()):
        text = " ".join(line.strip() for line in chunk.strip().splitlines())
        if not text:
            continue
        if text.startswith("### "):
            out.append(("h3", "", unescape(text[4:])))
        elif text.startswith("## "):
            out.append(("h2", "", unescape(text[3:])))
        elif re.match(r"^\d+\. ", text):
            n += 1
            out.append(("num", f"{n}.", unescape(text.split(" ", 1)[1])))
        elif text.startswith("- "):
            out.append(("bullet", f"{chr(65 + letter)}.", unescape(text[2:])))
            letter += 1
        else:
            out.append(("para", "", unescape(text)))
    return out


def caption(profile):
    """The parts of the first page, from the profile."""
    filer = [p for p in profile["parties"] if p["role"] == "plaintiff"]
    defendants = [p for p in profile["parties"] if p["role"] == "defendant"]
    ids = {p["id"] for p in filer}
    counsel = [c for c in profile["counsel"] if set(c.get("represents", [])) & ids]
    block = []
    for c in counsel:
        block.append(f"{c['name']} ({c.get('bar_number', '')})")
        block.append(c.get("email", ""))
    if counsel:
        c = counsel[0]
        block.append(c.get("firm", ""))
        block.extend(c.get("address", []))
        block.append(f"Telephone: {c.get('phone', '')}")
    block.append("")
    block.append("Attorneys for Plaintiff " + " and ".join(p["name"] for p in filer))
    court = profile["court"]
    left = [p["name"].upper() + "," for p in filer] + ["Plaintiff,", "v."]
    left += [p["name"].upper() + ("," if i + 1 < len(defendants) else ",") for i, p in enumerate(defendants)]
    left += ["Defendants."]
    return {
        "block": block,
        "court": [l.upper() for l in court.get("name", "").split(" for the ")] if court.get("name") else [],
        "left": left,
        "number": "Case No. " + profile.get("case_number", ""),
        "title": "COMPLAINT FOR DECLARATORY AND INJUNCTIVE RELIEF",
        "counsel": counsel,
    }


def court_lines(profile):
    name = profile["court"].get("name", "United States District Court")
    district = profile["court"].get("district", "")
    lines = [name.upper()]
    if district:
        lines.append(district.upper())
    return lines


DATE = "April 7, 2017"
TITLE = "Complaint for Declaratory and Injunctive Relief"


def typst(profile, body):
    cap = caption(profile)

    def esc(s):
        return re.sub(r"([\\#$*_<>@`\[\]~\"/=+-])", r"\\\1", s)

    lines = []
    lines.append(
        """#set page(paper: "us-letter", margin: (left: 108pt, right: 72pt, top: 72pt, bottom: 72pt),
  footer: context [#line(length: 100%%, stroke: 0.6pt) #align(center)[#text(size: 10pt)[%s --- Case No. %s]] #align(center)[#text(size: 10pt)[#counter(page).display()]]],
  background: {
    place(top + left, dx: 96pt, line(start: (0pt, 0pt), end: (0pt, 792pt), stroke: 0.6pt))
    place(top + left, dx: 99pt, line(start: (0pt, 0pt), end: (0pt, 792pt), stroke: 0.6pt))
    place(top + left, dx: 547pt, line(start: (0pt, 0pt), end: (0pt, 792pt), stroke: 0.6pt))
    for i in range(28) { place(top + left, dx: 70pt, dy: 62pt + i * 24pt, box(width: 20pt, align(right, text(font: "Liberation Serif", size: 12pt)[#(i + 1)]))) }
  })
#set text(font: "Liberation Serif", size: 12pt, lang: "en")
#set par(justify: true, leading: 15.5pt, spacing: 15.5pt, first-line-indent: (amount: 36pt, all: true))
"""
        % (esc(TITLE), esc(profile.get("case_number", "")))
    )
    lines.append("#par(first-line-indent: 0pt, leading: 3.5pt, spacing: 3.5pt)[" + " \\\n".join(esc(l) for l in cap["block"] if l is not None) + "]")
    lines.append("#v(24pt)")
    lines.append("#align(center)[*" + " \\\n".join(esc(l) for l in court_lines(profile)) + "*]")
    lines.append("#v(12pt)")
    lines.append(
        "#grid(columns: (1fr, 1fr), column-gutter: 12pt, stroke: (x, y) => if x == 0 { (right: 0.6pt, bottom: 0.6pt) },\n"
        "  par(first-line-indent: 0pt, leading: 3.5pt, spacing: 3.5pt, justify: false)[" + " \\\n".join(esc(l) for l in cap["left"]) + "],\n"
        "  par(first-line-indent: 0pt, justify: false)[" + esc(cap["number"]) + " \\\n\\\n*" + esc(cap["title"]) + "*])"
    )
    lines.append("#v(12pt)")
    for kind, label, text in blocks(body):
        if kind in ("h2", "h3"):
            lines.append("#align(center)[*" + esc(text) + "*]")
        elif label:
            lines.append(f"{label}#h(1em){esc(text)}")
        else:
            lines.append(esc(text))
        lines.append("")
    lines.append(f"#par(first-line-indent: 0pt)[Dated: {esc(DATE)}]")
    sig = cap["counsel"][0] if cap["counsel"] else {"name": "", "firm": ""}
    lines.append(
        "#align(right)[#par(first-line-indent: 0pt, leading: 3.5pt, justify: false)[Respectfully submitted, \\ "
        f"\\/s\\/ {esc(sig['name'])} \\ {esc(sig['name'])} \\ {esc(sig.get('firm', ''))} \\ Attorneys for Plaintiff]]"
    )
    return "\n".join(lines) + "\n"


def html_doc(profile, body):
    cap = caption(profile)
    e = html.escape
    numbers = "".join(f"<div>{i}</div>" for i in range(1, 29))
    parts = [
        f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{e(TITLE)}</title>
<style>
@page {{ size: letter; margin: 72pt 72pt 72pt 108pt;
  @bottom-center {{ content: "{e(TITLE)} — Case No. {e(profile.get('case_number', ''))}   " counter(page); font: 10pt "Liberation Serif"; border-top: 0.6pt solid black; }} }}
body {{ font: 12pt/24pt "Liberation Serif", serif; margin: 0; }}
p {{ margin: 0; text-indent: 36pt; text-align: justify; }}
.tight p, .tight {{ line-height: 14pt; text-indent: 0; text-align: left; }}
h2, h3 {{ font-size: 12pt; text-align: center; margin: 0; line-height: 24pt; }}
.court {{ text-align: center; font-weight: bold; margin: 24pt 0 12pt; line-height: 14pt; }}
table.caption {{ width: 100%; border-collapse: collapse; margin-bottom: 12pt; line-height: 14pt; }}
table.caption td {{ vertical-align: top; width: 50%; padding: 0 6pt 12pt 0; }}
table.caption td.left {{ border-right: 0.6pt solid black; border-bottom: 0.6pt solid black; }}
.margin {{ position: fixed; left: -40pt; top: -10pt; width: 24pt; text-align: right; line-height: 24pt;
  border-right: 0.6pt solid black; padding-right: 6pt; }}
.sig {{ margin-left: 50%; line-height: 14pt; margin-top: 24pt; }}
</style></head><body>
<div class="margin">{numbers}</div>
<div class="tight">{'<br>'.join(e(l) for l in cap['block'])}</div>
<div class="court">{'<br>'.join(e(l) for l in court_lines(profile))}</div>
<table class="caption"><tr><td class="left">{'<br>'.join(e(l) for l in cap['left'])}</td>
<td>{e(cap['number'])}<br><br><b>{e(cap['title'])}</b></td></tr></table>
"""
    ]
    for kind, label, text in blocks(body):
        if kind in ("h2", "h3"):
            parts.append(f"<{kind}>{e(text)}</{kind}>")
        elif label:
            parts.append(f"<p>{label}&emsp;{e(text)}</p>")
        else:
            parts.append(f"<p>{e(text)}</p>")
    sig = cap["counsel"][0] if cap["counsel"] else {"name": "", "firm": ""}
    parts.append(f"<p>Dated: {e(DATE)}</p>")
    parts.append(f"<div class=\"sig\">Respectfully submitted,<br>/s/ {e(sig['name'])}<br>{e(sig['name'])}<br>{e(sig.get('firm', ''))}<br>Attorneys for Plaintiff</div>")
    parts.append("</body></html>\n")
    return "\n".join(parts)


def fodt(profile, body):
    cap = caption(profile)
    x = lambda s: html.escape(s, quote=False)
    paras = []

    def p(style, text):
        paras.append(f'<text:p text:style-name="{style}">{text}</text:p>')

    for l in cap["block"]:
        p("Tight", x(l))
    for l in court_lines(profile):
        p("Court", x(l))
    left = "".join(f'<text:p text:style-name="Tight">{x(l)}</text:p>' for l in cap["left"])
    right = f'<text:p text:style-name="Tight">{x(cap["number"])}</text:p><text:p text:style-name="Tight"/><text:p text:style-name="Tight"><text:span text:style-name="B">{x(cap["title"])}</text:span></text:p>'
    paras.append(
        '<table:table table:name="Caption" table:style-name="Caption"><table:table-column table:number-columns-repeated="2"/>'
        f'<table:table-row><table:table-cell table:style-name="Left">{left}</table:table-cell>'
        f'<table:table-cell table:style-name="Right">{right}</table:table-cell></table:table-row></table:table>'
    )
    for kind, label, text in blocks(body):
        if kind in ("h2", "h3"):
            p("Heading", x(text))
        elif label:
            p("Body", f"{label}<text:tab/>{x(text)}")
        else:
            p("Body", x(text))
    sig = cap["counsel"][0] if cap["counsel"] else {"name": "", "firm": ""}
    p("Body", f"Dated: {x(DATE)}")
    for l in ["Respectfully submitted,", "/s/ " + sig["name"], sig["name"], sig.get("firm", ""), "Attorneys for Plaintiff"]:
        p("Sig", x(l))
    footer = f'{x(TITLE)} — Case No. {x(profile.get("case_number", ""))}'
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="Liberation Serif" svg:font-family="'Liberation Serif'" style:font-family-generic="roman"/></office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph"><style:text-properties style:font-name="Liberation Serif" fo:font-size="12pt" fo:language="en" fo:country="US"/></style:default-style>
 <style:style style:name="Body" style:family="paragraph"><style:paragraph-properties fo:line-height="200%" fo:text-align="justify" fo:text-indent="36pt" fo:margin-top="0pt" fo:margin-bottom="0pt"/></style:style>
 <style:style style:name="Tight" style:family="paragraph"><style:paragraph-properties fo:line-height="100%" fo:margin-top="0pt" fo:margin-bottom="0pt"/></style:style>
 <style:style style:name="Court" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:margin-top="12pt"/><style:text-properties fo:font-weight="bold"/></style:style>
 <style:style style:name="Heading" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:line-height="200%" fo:keep-with-next="always"/><style:text-properties fo:font-weight="bold"/></style:style>
 <style:style style:name="Sig" style:family="paragraph"><style:paragraph-properties fo:margin-left="234pt" fo:line-height="100%"/></style:style>
 <style:style style:name="Footer" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:border-top="0.6pt solid #000000"/><style:text-properties fo:font-size="10pt"/></style:style>
 <style:style style:name="B" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
</office:styles>
<office:automatic-styles>
 <style:style style:name="Caption" style:family="table"><style:table-properties style:width="432pt" fo:margin-top="12pt" fo:margin-bottom="12pt"/></style:style>
 <style:style style:name="Left" style:family="table-cell"><style:table-cell-properties fo:border-right="0.6pt solid #000000" fo:border-bottom="0.6pt solid #000000" fo:padding="4pt"/></style:style>
 <style:style style:name="Right" style:family="table-cell"><style:table-cell-properties fo:padding="4pt"/></style:style>
 <style:page-layout style:name="Letter"><style:page-layout-properties fo:page-width="612pt" fo:page-height="792pt" fo:margin-left="108pt" fo:margin-right="72pt" fo:margin-top="72pt" fo:margin-bottom="36pt" fo:border-left="0.6pt double #000000" fo:padding-left="6pt"/><style:footer-style><style:header-footer-properties fo:min-height="36pt"/></style:footer-style></style:page-layout>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="Letter"><style:footer><text:p text:style-name="Footer">{footer}<text:tab/><text:page-number text:select-page="current"/></text:p></style:footer></style:master-page></office:master-styles>
<office:body><office:text>
{chr(10).join(paras)}
</office:text></office:body></office:document>
"""


def main():
    profile = json.loads(Path(sys.argv[1]).read_text())
    body = Path(sys.argv[2]).read_text()
    out = Path(sys.argv[3])
    out.mkdir(parents=True, exist_ok=True)
    (out / "complaint.typ").write_text(typst(profile, body))
    (out / "complaint.html").write_text(html_doc(profile, body))
    (out / "complaint.fodt").write_text(fodt(profile, body))


if __name__ == "__main__":
    main()
